import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generate as generateSelfSigned } from 'selfsigned';
import type { AppConfig } from '../config';
import { generateKeyringText, type Keyring, parseKeyring } from './field-cipher';

/**
 * Loads the hub's secrets. Outside production, whatever is missing is generated into CERTS_DIR
 * (git-ignored, mode 0600) at first start; NODE_ENV=production refuses to start without them.
 */

export interface KeyPair {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

/**
 * Signing keys during a rollover: `active` signs; `next` (staged by `keys rotate`) and `previous` (kept
 * after `keys rotate --activate` until `--retire`) are published in the metadata so SPs trust both.
 */
export interface SigningKeys {
  readonly active: KeyPair;
  readonly next: KeyPair | null;
  readonly previous: KeyPair | null;
}

export interface Secrets {
  readonly keyring: Keyring;
  readonly sessionSecret: string;
  readonly samlSigning: KeyPair;
  readonly samlSigningKeys: SigningKeys;
  readonly samlEncryption: KeyPair;
  /** Files created during this call, for the start-up log. */
  readonly generated: readonly string[];
}

export class SecretsError extends Error {
  override name = 'SecretsError';
}

export const SECRET_FILES = Object.freeze({
  dataEncryptionKey: 'data-encryption.key',
  sessionSecret: 'session-secret',
  signingKey: 'idp-signing.key',
  signingCert: 'idp-signing.crt',
  nextSigningKey: 'idp-signing-next.key',
  nextSigningCert: 'idp-signing-next.crt',
  previousSigningKey: 'idp-signing-previous.key',
  previousSigningCert: 'idp-signing-previous.crt',
  encryptionKey: 'idp-encryption.key',
  encryptionCert: 'idp-encryption.crt',
});

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SecretsError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

function writeSecretFile(file: string, content: string): void {
  try {
    fs.writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    throw new SecretsError(`cannot write ${file}: ${(e as Error).message}`);
  }
}

function ensureCertsDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new SecretsError(`CERTS_DIR ${dir} cannot be created: ${(e as Error).message}`);
  }
  if (!fs.statSync(dir).isDirectory()) throw new SecretsError(`CERTS_DIR ${dir} is not a directory`);
}

function readKeyPair(certsDir: string, keyFile: string, certFile: string): KeyPair | null {
  const keyPath = path.join(certsDir, keyFile);
  const certPath = path.join(certsDir, certFile);
  const key = readIfExists(keyPath);
  const cert = readIfExists(certPath);
  if (!key && !cert) return null;
  if (!key || !cert) throw new SecretsError(`only one of ${keyPath} and ${certPath} exists`);
  return checkedPair(key, cert, keyPath, certPath);
}

function checkedPair(key: string, cert: string, keyPath: string, certPath: string): KeyPair {
  try {
    const x509 = new crypto.X509Certificate(cert);
    if (!x509.checkPrivateKey(crypto.createPrivateKey(key))) {
      throw new SecretsError(`${certPath} does not belong to ${keyPath}`);
    }
  } catch (e) {
    if (e instanceof SecretsError) throw e;
    throw new SecretsError(`${keyPath} / ${certPath} are not a valid PEM key and certificate: ${(e as Error).message}`);
  }
  return { privateKeyPem: key, certificatePem: cert };
}

/** A new RSA-2048 key with a self-signed certificate (3 years), as SAML metadata uses them. */
export async function generateKeyPair(purpose: string): Promise<KeyPair> {
  const now = new Date();
  const pems = await generateSelfSigned([{ name: 'commonName', value: `Leerpoort IdP ${purpose}` }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + 3 * 365 * 24 * 3600 * 1000),
  });
  return { privateKeyPem: pems.private, certificatePem: pems.cert };
}

export function writeKeyPair(certsDir: string, keyFile: string, certFile: string, pair: KeyPair): void {
  writeSecretFile(path.join(certsDir, keyFile), pair.privateKeyPem);
  writeSecretFile(path.join(certsDir, certFile), pair.certificatePem);
}

async function loadKeyPair(config: AppConfig, keyFile: string, certFile: string, purpose: string, generated: string[]): Promise<KeyPair> {
  const keyPath = path.join(config.certsDir, keyFile);
  const certPath = path.join(config.certsDir, certFile);
  const key = readIfExists(keyPath);
  const cert = readIfExists(certPath);
  if (key && cert) return checkedPair(key, cert, keyPath, certPath);
  if (config.isProduction) {
    throw new SecretsError(`NODE_ENV=production needs the ${purpose} key and certificate: mount ${keyPath} and ${certPath}`);
  }
  if (key || cert) {
    throw new SecretsError(`only one of ${keyPath} and ${certPath} exists; remove it to generate a new development pair`);
  }
  const pair = await generateKeyPair(`${purpose} (development)`);
  writeKeyPair(config.certsDir, keyFile, certFile, pair);
  generated.push(keyPath, certPath);
  return pair;
}

function loadTextSecret(
  config: AppConfig,
  fromEnv: string | undefined,
  file: string,
  envName: string,
  make: () => string,
  generated: string[],
): string {
  if (fromEnv) return fromEnv;
  if (config.isProduction) throw new SecretsError(`${envName} is required when NODE_ENV=production`);
  const filePath = path.join(config.certsDir, file);
  const existing = readIfExists(filePath);
  if (existing) return existing.trim();
  const value = make();
  writeSecretFile(filePath, `${value}\n`);
  generated.push(filePath);
  return value;
}

export async function loadSecrets(config: AppConfig): Promise<Secrets> {
  ensureCertsDir(config.certsDir);
  const generated: string[] = [];
  const keyringText = loadTextSecret(
    config,
    config.dataEncryptionKey,
    SECRET_FILES.dataEncryptionKey,
    'DATA_ENCRYPTION_KEY',
    () => generateKeyringText(),
    generated,
  );
  let keyring: Keyring;
  try {
    keyring = parseKeyring(keyringText);
  } catch (e) {
    throw new SecretsError((e as Error).message);
  }
  const sessionSecret = loadTextSecret(
    config,
    config.sessionSecret,
    SECRET_FILES.sessionSecret,
    'SESSION_SECRET',
    () => crypto.randomBytes(48).toString('base64url'),
    generated,
  );
  const samlSigning = await loadKeyPair(config, SECRET_FILES.signingKey, SECRET_FILES.signingCert, 'signing', generated);
  const samlEncryption = await loadKeyPair(config, SECRET_FILES.encryptionKey, SECRET_FILES.encryptionCert, 'encryption', generated);
  const samlSigningKeys: SigningKeys = {
    active: samlSigning,
    next: readKeyPair(config.certsDir, SECRET_FILES.nextSigningKey, SECRET_FILES.nextSigningCert),
    previous: readKeyPair(config.certsDir, SECRET_FILES.previousSigningKey, SECRET_FILES.previousSigningCert),
  };
  return { keyring, sessionSecret, samlSigning, samlSigningKeys, samlEncryption, generated };
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generate as generateSelfSigned } from 'selfsigned';

/** The demo publisher's own RSA key and self-signed certificate (it signs AuthnRequests and LogoutRequests). */
export interface PublisherKeys {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

const KEY_FILE = 'sp-signing.key';
const CERT_FILE = 'sp-signing.crt';

/**
 * Reads the key pair from `dir`, or generates it there at first start (mode 0600), as the hub does with
 * its development keys. `dir` lives under the hub's git-ignored certs folder: never committed. A
 * publisher has its own keys, not the hub's, so a signature from one can never pass for the other.
 */
export async function loadOrCreatePublisherKeys(dir: string): Promise<PublisherKeys> {
  const keyPath = path.join(dir, KEY_FILE);
  const certPath = path.join(dir, CERT_FILE);
  if (fs.existsSync(keyPath) && fs.existsSync(certPath)) {
    const keys = { privateKeyPem: fs.readFileSync(keyPath, 'utf8'), certificatePem: fs.readFileSync(certPath, 'utf8') };
    if (new crypto.X509Certificate(keys.certificatePem).checkPrivateKey(crypto.createPrivateKey(keys.privateKeyPem))) return keys;
    throw new Error(`${certPath} does not belong to ${keyPath}; remove both to have them generated again`);
  }
  const now = Date.now();
  const pems = await generateSelfSigned([{ name: 'commonName', value: 'Rekenrijk Demo SP' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 3 * 365 * 24 * 3600 * 1000),
  });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  // 'wx': two processes starting at once never overwrite each other's half-written pair.
  fs.writeFileSync(keyPath, pems.private, { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(certPath, pems.cert, { mode: 0o600, flag: 'wx' });
  return { privateKeyPem: pems.private, certificatePem: pems.cert };
}

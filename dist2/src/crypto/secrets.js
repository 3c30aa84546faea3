"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.SECRET_FILES = exports.SecretsError = void 0;
exports.generateKeyPair = generateKeyPair;
exports.writeKeyPair = writeKeyPair;
exports.loadSecrets = loadSecrets;
const node_crypto_1 = __importDefault(require("node:crypto"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const selfsigned_1 = require("selfsigned");
const field_cipher_1 = require("./field-cipher");
class SecretsError extends Error {
    name = 'SecretsError';
}
exports.SecretsError = SecretsError;
exports.SECRET_FILES = Object.freeze({
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
function readIfExists(file) {
    try {
        return node_fs_1.default.readFileSync(file, 'utf8');
    }
    catch (e) {
        if (e.code === 'ENOENT')
            return null;
        throw new SecretsError(`cannot read ${file}: ${e.message}`);
    }
}
function writeSecretFile(file, content) {
    try {
        node_fs_1.default.writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
    }
    catch (e) {
        throw new SecretsError(`cannot write ${file}: ${e.message}`);
    }
}
function ensureCertsDir(dir) {
    try {
        node_fs_1.default.mkdirSync(dir, { recursive: true, mode: 0o700 });
    }
    catch (e) {
        throw new SecretsError(`CERTS_DIR ${dir} cannot be created: ${e.message}`);
    }
    if (!node_fs_1.default.statSync(dir).isDirectory())
        throw new SecretsError(`CERTS_DIR ${dir} is not a directory`);
}
function readKeyPair(certsDir, keyFile, certFile) {
    const keyPath = node_path_1.default.join(certsDir, keyFile);
    const certPath = node_path_1.default.join(certsDir, certFile);
    const key = readIfExists(keyPath);
    const cert = readIfExists(certPath);
    if (!key && !cert)
        return null;
    if (!key || !cert)
        throw new SecretsError(`only one of ${keyPath} and ${certPath} exists`);
    return checkedPair(key, cert, keyPath, certPath);
}
function checkedPair(key, cert, keyPath, certPath) {
    try {
        const x509 = new node_crypto_1.default.X509Certificate(cert);
        if (!x509.checkPrivateKey(node_crypto_1.default.createPrivateKey(key))) {
            throw new SecretsError(`${certPath} does not belong to ${keyPath}`);
        }
    }
    catch (e) {
        if (e instanceof SecretsError)
            throw e;
        throw new SecretsError(`${keyPath} / ${certPath} are not a valid PEM key and certificate: ${e.message}`);
    }
    return { privateKeyPem: key, certificatePem: cert };
}
/** A new RSA-2048 key with a self-signed certificate (3 years), as SAML metadata uses them. */
async function generateKeyPair(purpose) {
    const now = new Date();
    const pems = await (0, selfsigned_1.generate)([{ name: 'commonName', value: `Leerpoort IdP ${purpose}` }], {
        keySize: 2048,
        algorithm: 'sha256',
        notBeforeDate: new Date(now.getTime() - 60_000),
        notAfterDate: new Date(now.getTime() + 3 * 365 * 24 * 3600 * 1000),
    });
    return { privateKeyPem: pems.private, certificatePem: pems.cert };
}
function writeKeyPair(certsDir, keyFile, certFile, pair) {
    writeSecretFile(node_path_1.default.join(certsDir, keyFile), pair.privateKeyPem);
    writeSecretFile(node_path_1.default.join(certsDir, certFile), pair.certificatePem);
}
async function loadKeyPair(config, keyFile, certFile, purpose, generated) {
    const keyPath = node_path_1.default.join(config.certsDir, keyFile);
    const certPath = node_path_1.default.join(config.certsDir, certFile);
    const key = readIfExists(keyPath);
    const cert = readIfExists(certPath);
    if (key && cert)
        return checkedPair(key, cert, keyPath, certPath);
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
function loadTextSecret(config, fromEnv, file, envName, make, generated) {
    if (fromEnv)
        return fromEnv;
    if (config.isProduction)
        throw new SecretsError(`${envName} is required when NODE_ENV=production`);
    const filePath = node_path_1.default.join(config.certsDir, file);
    const existing = readIfExists(filePath);
    if (existing)
        return existing.trim();
    const value = make();
    writeSecretFile(filePath, `${value}\n`);
    generated.push(filePath);
    return value;
}
async function loadSecrets(config) {
    ensureCertsDir(config.certsDir);
    const generated = [];
    const keyringText = loadTextSecret(config, config.dataEncryptionKey, exports.SECRET_FILES.dataEncryptionKey, 'DATA_ENCRYPTION_KEY', () => (0, field_cipher_1.generateKeyringText)(), generated);
    let keyring;
    try {
        keyring = (0, field_cipher_1.parseKeyring)(keyringText);
    }
    catch (e) {
        throw new SecretsError(e.message);
    }
    const sessionSecret = loadTextSecret(config, config.sessionSecret, exports.SECRET_FILES.sessionSecret, 'SESSION_SECRET', () => node_crypto_1.default.randomBytes(48).toString('base64url'), generated);
    const samlSigning = await loadKeyPair(config, exports.SECRET_FILES.signingKey, exports.SECRET_FILES.signingCert, 'signing', generated);
    const samlEncryption = await loadKeyPair(config, exports.SECRET_FILES.encryptionKey, exports.SECRET_FILES.encryptionCert, 'encryption', generated);
    const samlSigningKeys = {
        active: samlSigning,
        next: readKeyPair(config.certsDir, exports.SECRET_FILES.nextSigningKey, exports.SECRET_FILES.nextSigningCert),
        previous: readKeyPair(config.certsDir, exports.SECRET_FILES.previousSigningKey, exports.SECRET_FILES.previousSigningCert),
    };
    return { keyring, sessionSecret, samlSigning, samlSigningKeys, samlEncryption, generated };
}
//# sourceMappingURL=secrets.js.map
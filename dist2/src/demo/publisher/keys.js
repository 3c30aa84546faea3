"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadOrCreatePublisherKeys = loadOrCreatePublisherKeys;
const node_crypto_1 = __importDefault(require("node:crypto"));
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const selfsigned_1 = require("selfsigned");
const KEY_FILE = 'sp-signing.key';
const CERT_FILE = 'sp-signing.crt';
/**
 * Reads the key pair from `dir`, or generates it there at first start (mode 0600), as the hub does with
 * its development keys. `dir` lives under the hub's git-ignored certs folder: never committed. A
 * publisher has its own keys, not the hub's, so a signature from one can never pass for the other.
 */
async function loadOrCreatePublisherKeys(dir) {
    const keyPath = node_path_1.default.join(dir, KEY_FILE);
    const certPath = node_path_1.default.join(dir, CERT_FILE);
    if (node_fs_1.default.existsSync(keyPath) && node_fs_1.default.existsSync(certPath)) {
        const keys = { privateKeyPem: node_fs_1.default.readFileSync(keyPath, 'utf8'), certificatePem: node_fs_1.default.readFileSync(certPath, 'utf8') };
        if (new node_crypto_1.default.X509Certificate(keys.certificatePem).checkPrivateKey(node_crypto_1.default.createPrivateKey(keys.privateKeyPem)))
            return keys;
        throw new Error(`${certPath} does not belong to ${keyPath}; remove both to have them generated again`);
    }
    const now = Date.now();
    const pems = await (0, selfsigned_1.generate)([{ name: 'commonName', value: 'Rekenrijk Demo SP' }], {
        keySize: 2048,
        algorithm: 'sha256',
        notBeforeDate: new Date(now - 60_000),
        notAfterDate: new Date(now + 3 * 365 * 24 * 3600 * 1000),
    });
    node_fs_1.default.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // 'wx': two processes starting at once never overwrite each other's half-written pair.
    node_fs_1.default.writeFileSync(keyPath, pems.private, { mode: 0o600, flag: 'wx' });
    node_fs_1.default.writeFileSync(certPath, pems.cert, { mode: 0o600, flag: 'wx' });
    return { privateKeyPem: pems.private, certificatePem: pems.cert };
}
//# sourceMappingURL=keys.js.map
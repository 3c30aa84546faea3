"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.FieldCipher = exports.KeyringError = void 0;
exports.parseKeyring = parseKeyring;
exports.generateKeyringText = generateKeyringText;
exports.pairwisePseudonym = pairwisePseudonym;
const node_crypto_1 = __importDefault(require("node:crypto"));
/**
 * Encryption of personal data at rest: AES-256-GCM from node:crypto (OpenSSL), one random 96-bit IV per
 * value, the column name as additional authenticated data so a ciphertext cannot be moved to another
 * column. Stored form: `enc1.<keyId>.<base64url(iv | ciphertext | tag)>` — the key id travels with every
 * value, so keys can rotate: the first key of the ring encrypts, every key of the ring decrypts.
 *
 * Keyring text (DATA_ENCRYPTION_KEY): `keyId:base64key[,keyId:base64key…]`, each key 32 bytes
 * (base64 or 64 hex digits); a bare key is accepted as key id `k1`.
 *
 * Lookups never use plaintext: the blind index is HMAC-SHA256 under a key derived (HKDF) from the
 * *last* key of the ring, which therefore stays in the ring when new keys are prepended.
 */
const PREFIX = 'enc1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
class KeyringError extends Error {
    name = 'KeyringError';
}
exports.KeyringError = KeyringError;
function decodeKey(text, keyId) {
    const trimmed = text.trim();
    const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
    if (bytes.length !== 32) {
        throw new KeyringError(`DATA_ENCRYPTION_KEY: key '${keyId}' must be 32 bytes (base64 or 64 hex digits), got ${bytes.length}`);
    }
    return bytes;
}
function parseKeyring(text) {
    const entries = text
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean);
    if (entries.length === 0)
        throw new KeyringError('DATA_ENCRYPTION_KEY is empty');
    const keys = new Map();
    for (const entry of entries) {
        const sep = entry.indexOf(':');
        const [keyId, material] = sep === -1 ? ['k1', entry] : [entry.slice(0, sep), entry.slice(sep + 1)];
        if (!/^[A-Za-z0-9_-]{1,32}$/.test(keyId)) {
            throw new KeyringError(`DATA_ENCRYPTION_KEY: key id '${keyId}' may only contain letters, digits, '-' and '_'`);
        }
        if (keys.has(keyId))
            throw new KeyringError(`DATA_ENCRYPTION_KEY: key id '${keyId}' appears twice`);
        keys.set(keyId, decodeKey(material, keyId));
    }
    const ids = [...keys.keys()];
    const rootKey = keys.get(ids[ids.length - 1]);
    const indexKey = Buffer.from(node_crypto_1.default.hkdfSync('sha256', rootKey, Buffer.alloc(0), 'leerpoort blind index v1', 32));
    const pseudonymKey = Buffer.from(node_crypto_1.default.hkdfSync('sha256', rootKey, Buffer.alloc(0), 'leerpoort pairwise pseudonym v1', 32));
    return { activeKeyId: ids[0], keys, indexKey, pseudonymKey };
}
function generateKeyringText(keyId = 'k1') {
    return `${keyId}:${node_crypto_1.default.randomBytes(32).toString('base64')}`;
}
/**
 * IVs come from the CSPRNG in blocks: one call into OpenSSL per 340 values instead of one per value
 * (an import encrypts several fields of every person; the per-call cost was a tenth of its CPU time).
 * Each IV is a copy of bytes handed out once and then skipped, so no two values share one.
 */
const IV_BLOCK = IV_BYTES * 340;
let ivBlock = Buffer.alloc(0);
let ivOffset = IV_BLOCK;
function freshIv() {
    if (ivOffset + IV_BYTES > ivBlock.length) {
        ivBlock = node_crypto_1.default.randomBytes(IV_BLOCK);
        ivOffset = 0;
    }
    const iv = Buffer.from(ivBlock.subarray(ivOffset, ivOffset + IV_BYTES));
    ivOffset += IV_BYTES;
    return iv;
}
class FieldCipher {
    keyring;
    constructor(keyring) {
        this.keyring = keyring;
    }
    encrypt(plaintext, column) {
        const keyId = this.keyring.activeKeyId;
        const iv = freshIv();
        const cipher = node_crypto_1.default.createCipheriv('aes-256-gcm', this.keyring.keys.get(keyId), iv);
        cipher.setAAD(Buffer.from(column, 'utf8'));
        const body = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
        return `${PREFIX}.${keyId}.${body.toString('base64url')}`;
    }
    decrypt(stored, column) {
        const [prefix, keyId, body] = stored.split('.');
        if (prefix !== PREFIX || !keyId || body === undefined) {
            throw new KeyringError(`${column}: stored value is not an encrypted field`);
        }
        const key = this.keyring.keys.get(keyId);
        if (!key)
            throw new KeyringError(`${column}: encrypted with key '${keyId}', which is not in DATA_ENCRYPTION_KEY`);
        const raw = Buffer.from(body, 'base64url');
        if (raw.length < IV_BYTES + TAG_BYTES)
            throw new KeyringError(`${column}: encrypted value is truncated`);
        const decipher = node_crypto_1.default.createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(column, 'utf8'));
        decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    }
    /** Key id a stored value was encrypted with (for re-encryption jobs after a rotation). */
    static keyIdOf(stored) {
        const parts = stored.split('.');
        return parts[0] === PREFIX && parts[1] ? parts[1] : null;
    }
    /**
     * Deterministic keyed index for equality lookups and uniqueness (usernames, e-mail addresses, ECK iDs).
     * `purpose` separates the index spaces so equal values in different columns do not match.
     */
    blindIndex(value, purpose) {
        return node_crypto_1.default.createHmac('sha256', this.keyring.indexKey).update(`${purpose}\u0000${value}`, 'utf8').digest('base64url');
    }
}
exports.FieldCipher = FieldCipher;
/**
 * Pairwise pseudonym of a person towards one participant: stable, different per participant, and not
 * reversible or linkable without the hub's key.
 */
function pairwisePseudonym(keyring, participantId, personId) {
    return node_crypto_1.default.createHmac('sha256', keyring.pseudonymKey).update(`${participantId}\u0000${personId}`, 'utf8').digest('base64url');
}
//# sourceMappingURL=field-cipher.js.map
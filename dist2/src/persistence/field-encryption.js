"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.installFieldCipher = installFieldCipher;
exports.fieldCipher = fieldCipher;
exports.encrypted = encrypted;
exports.blindIndex = blindIndex;
/**
 * TypeORM transformers are declared on entity classes, before any configuration exists; the cipher is
 * installed here when the database is opened (openDatabase) and used by every encrypted column.
 */
let installed = null;
function installFieldCipher(cipher) {
    installed = cipher;
}
function fieldCipher() {
    if (!installed)
        throw new Error('field cipher not installed: open the database with openDatabase()');
    return installed;
}
/** Column transformer: AES-256-GCM ciphertext in the database, plaintext in the entity. */
function encrypted(column) {
    return {
        to: (value) => (value == null ? value : fieldCipher().encrypt(value, column)),
        from: (value) => (value == null ? value : fieldCipher().decrypt(value, column)),
    };
}
/** Blind index for lookups on an encrypted column; values are normalised by the caller. */
function blindIndex(value, purpose) {
    return fieldCipher().blindIndex(value, purpose);
}
//# sourceMappingURL=field-encryption.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const field_cipher_1 = require("../../src/crypto/field-cipher");
const key = (fill) => Buffer.alloc(32, fill).toString('base64');
describe('crypto: FieldCipher (AES-256-GCM at rest)', () => {
    const cipher = new field_cipher_1.FieldCipher((0, field_cipher_1.parseKeyring)(`a:${key(1)}`));
    it('never gives two values the same IV, also across the blocks IVs are drawn in', () => {
        const ivs = new Set(Array.from({ length: 2000 }, () => Buffer.from(cipher.encrypt('Emma', 'people.first_name').split('.')[2], 'base64url').subarray(0, 12).toString('hex')));
        (0, chai_1.expect)(ivs.size).to.equal(2000);
    });
    it('round-trips text, including non-ASCII names', () => {
        for (const text of ['Emma', 'Ömer Çelik', 'van der Berg', '', 'x'.repeat(5000)]) {
            (0, chai_1.expect)(cipher.decrypt(cipher.encrypt(text, 'people.first_name'), 'people.first_name')).to.equal(text);
        }
    });
    it('stores no plaintext and uses a fresh IV each time', () => {
        const a = cipher.encrypt('Jansen', 'people.last_name');
        const b = cipher.encrypt('Jansen', 'people.last_name');
        (0, chai_1.expect)(a).not.to.contain('Jansen');
        (0, chai_1.expect)(a).not.to.equal(b);
        (0, chai_1.expect)(a.startsWith('enc1.a.')).to.equal(true);
    });
    it('refuses a value moved to another column (column is authenticated)', () => {
        const stored = cipher.encrypt('Jansen', 'people.last_name');
        (0, chai_1.expect)(() => cipher.decrypt(stored, 'people.first_name')).to.throw();
    });
    it('refuses a tampered or truncated value', () => {
        const stored = cipher.encrypt('Jansen', 'people.last_name');
        const body = Buffer.from(stored.split('.')[2], 'base64url');
        body[14] = body[14] ^ 1;
        (0, chai_1.expect)(() => cipher.decrypt(`enc1.a.${body.toString('base64url')}`, 'people.last_name')).to.throw();
        (0, chai_1.expect)(() => cipher.decrypt('enc1.a.AAAA', 'people.last_name')).to.throw(field_cipher_1.KeyringError, /truncated/);
        (0, chai_1.expect)(() => cipher.decrypt('Jansen', 'people.last_name')).to.throw(field_cipher_1.KeyringError, /not an encrypted field/);
    });
    it('rotates: the first key encrypts, older keys still decrypt, an unknown key id is named', () => {
        const oldValue = cipher.encrypt('Bakker', 'c');
        const rotated = new field_cipher_1.FieldCipher((0, field_cipher_1.parseKeyring)(`b:${key(2)},a:${key(1)}`));
        (0, chai_1.expect)(rotated.decrypt(oldValue, 'c')).to.equal('Bakker');
        const newValue = rotated.encrypt('Bakker', 'c');
        (0, chai_1.expect)(field_cipher_1.FieldCipher.keyIdOf(newValue)).to.equal('b');
        (0, chai_1.expect)(() => cipher.decrypt(newValue, 'c')).to.throw(field_cipher_1.KeyringError, /'b'/);
    });
    it('keeps the blind index stable across a rotation (derived from the last key) and separates purposes', () => {
        const rotated = new field_cipher_1.FieldCipher((0, field_cipher_1.parseKeyring)(`b:${key(2)},a:${key(1)}`));
        (0, chai_1.expect)(rotated.blindIndex('emma@example.nl', 'email')).to.equal(cipher.blindIndex('emma@example.nl', 'email'));
        (0, chai_1.expect)(cipher.blindIndex('emma@example.nl', 'email')).not.to.equal(cipher.blindIndex('emma@example.nl', 'eck'));
        (0, chai_1.expect)(cipher.blindIndex('emma@example.nl', 'email')).not.to.contain('emma');
    });
    it('parses bare, hex and generated keys and rejects bad keyrings with a reason', () => {
        (0, chai_1.expect)((0, field_cipher_1.parseKeyring)(key(3)).activeKeyId).to.equal('k1');
        (0, chai_1.expect)((0, field_cipher_1.parseKeyring)(`h:${'ab'.repeat(32)}`).keys.get('h').length).to.equal(32);
        (0, chai_1.expect)((0, field_cipher_1.parseKeyring)((0, field_cipher_1.generateKeyringText)('z')).activeKeyId).to.equal('z');
        (0, chai_1.expect)(() => (0, field_cipher_1.parseKeyring)('')).to.throw(field_cipher_1.KeyringError, /empty/);
        (0, chai_1.expect)(() => (0, field_cipher_1.parseKeyring)('a:c2hvcnQ=')).to.throw(field_cipher_1.KeyringError, /32 bytes/);
        (0, chai_1.expect)(() => (0, field_cipher_1.parseKeyring)(`a:${key(1)},a:${key(2)}`)).to.throw(field_cipher_1.KeyringError, /twice/);
        (0, chai_1.expect)(() => (0, field_cipher_1.parseKeyring)(`bad id:${key(1)}`)).to.throw(field_cipher_1.KeyringError, /key id/);
    });
});
//# sourceMappingURL=field-cipher.test.js.map
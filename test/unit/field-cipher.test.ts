import { expect } from 'chai';
import { FieldCipher, KeyringError, generateKeyringText, parseKeyring } from '../../src/crypto/field-cipher';

const key = (fill: number) => Buffer.alloc(32, fill).toString('base64');

describe('crypto: FieldCipher (AES-256-GCM at rest)', () => {
  const cipher = new FieldCipher(parseKeyring(`a:${key(1)}`));

  it('never gives two values the same IV, also across the blocks IVs are drawn in', () => {
    const ivs = new Set(
      Array.from({ length: 2000 }, () =>
        Buffer.from(cipher.encrypt('Emma', 'people.first_name').split('.')[2]!, 'base64url').subarray(0, 12).toString('hex'),
      ),
    );
    expect(ivs.size).to.equal(2000);
  });

  it('round-trips text, including non-ASCII names', () => {
    for (const text of ['Emma', 'Ömer Çelik', 'van der Berg', '', 'x'.repeat(5000)]) {
      expect(cipher.decrypt(cipher.encrypt(text, 'people.first_name'), 'people.first_name')).to.equal(text);
    }
  });

  it('stores no plaintext and uses a fresh IV each time', () => {
    const a = cipher.encrypt('Jansen', 'people.last_name');
    const b = cipher.encrypt('Jansen', 'people.last_name');
    expect(a).not.to.contain('Jansen');
    expect(a).not.to.equal(b);
    expect(a.startsWith('enc1.a.')).to.equal(true);
  });

  it('refuses a value moved to another column (column is authenticated)', () => {
    const stored = cipher.encrypt('Jansen', 'people.last_name');
    expect(() => cipher.decrypt(stored, 'people.first_name')).to.throw();
  });

  it('refuses a tampered or truncated value', () => {
    const stored = cipher.encrypt('Jansen', 'people.last_name');
    const body = Buffer.from(stored.split('.')[2]!, 'base64url');
    body[14] = body[14]! ^ 1;
    expect(() => cipher.decrypt(`enc1.a.${body.toString('base64url')}`, 'people.last_name')).to.throw();
    expect(() => cipher.decrypt('enc1.a.AAAA', 'people.last_name')).to.throw(KeyringError, /truncated/);
    expect(() => cipher.decrypt('Jansen', 'people.last_name')).to.throw(KeyringError, /not an encrypted field/);
  });

  it('rotates: the first key encrypts, older keys still decrypt, an unknown key id is named', () => {
    const oldValue = cipher.encrypt('Bakker', 'c');
    const rotated = new FieldCipher(parseKeyring(`b:${key(2)},a:${key(1)}`));
    expect(rotated.decrypt(oldValue, 'c')).to.equal('Bakker');
    const newValue = rotated.encrypt('Bakker', 'c');
    expect(FieldCipher.keyIdOf(newValue)).to.equal('b');
    expect(() => cipher.decrypt(newValue, 'c')).to.throw(KeyringError, /'b'/);
  });

  it('keeps the blind index stable across a rotation (derived from the last key) and separates purposes', () => {
    const rotated = new FieldCipher(parseKeyring(`b:${key(2)},a:${key(1)}`));
    expect(rotated.blindIndex('emma@example.nl', 'email')).to.equal(cipher.blindIndex('emma@example.nl', 'email'));
    expect(cipher.blindIndex('emma@example.nl', 'email')).not.to.equal(cipher.blindIndex('emma@example.nl', 'eck'));
    expect(cipher.blindIndex('emma@example.nl', 'email')).not.to.contain('emma');
  });

  it('parses bare, hex and generated keys and rejects bad keyrings with a reason', () => {
    expect(parseKeyring(key(3)).activeKeyId).to.equal('k1');
    expect(parseKeyring(`h:${'ab'.repeat(32)}`).keys.get('h')!.length).to.equal(32);
    expect(parseKeyring(generateKeyringText('z')).activeKeyId).to.equal('z');
    expect(() => parseKeyring('')).to.throw(KeyringError, /empty/);
    expect(() => parseKeyring('a:c2hvcnQ=')).to.throw(KeyringError, /32 bytes/);
    expect(() => parseKeyring(`a:${key(1)},a:${key(2)}`)).to.throw(KeyringError, /twice/);
    expect(() => parseKeyring(`bad id:${key(1)}`)).to.throw(KeyringError, /key id/);
  });
});

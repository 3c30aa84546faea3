import { expect } from 'chai';
import { HmacCardTokenSigner } from '../../src/crypto/card-token';
import { ValidationError } from '../../src/domain/errors';
import { checkPasswordPolicy, COMMON_PASSWORD_COUNT } from '../../src/domain/identity/password-policy';
import {
  AVATARS,
  chooseAvatar,
  PASSWORD_PICTURES,
  PICTURE_PASSWORD_LENGTH,
  parsePictureSequence,
  randomPictureSequence,
} from '../../src/domain/identity/pictures';
import { addressInNetworks, parseNetworks } from '../../src/domain/identity/school-network';

describe('school networks (home access rule)', () => {
  it('normalises ranges and bare addresses; names the mistake in bad input', () => {
    expect(parseNetworks([' 192.0.2.0/24 ', '198.51.100.7', '2001:db8::/48', '::1', ''])).to.deep.equal([
      '192.0.2.0/24',
      '198.51.100.7/32',
      '2001:db8::/48',
      '::1/128',
    ]);
    expect(() => parseNetworks(['192.0.2.1/24'])).to.throw(ValidationError, /host bits set; did you mean 192\.0\.2\.0\/24/);
    expect(() => parseNetworks(['school.example.nl'])).to.throw(ValidationError, /not an IP address or range/);
    expect(() => parseNetworks(['10.0.0.0/33'])).to.throw(ValidationError, /not an IP address or range/);
  });

  it('matches IPv4, IPv6 and IPv4-mapped IPv6 addresses; never a missing or malformed address', () => {
    const nets = ['192.0.2.0/24', '2001:db8::/48'];
    expect(addressInNetworks('192.0.2.200', nets)).to.equal(true);
    expect(addressInNetworks('::ffff:192.0.2.9', nets), 'node reports IPv4 clients on a dual-stack socket like this').to.equal(true);
    expect(addressInNetworks('2001:db8:0:1::5', nets)).to.equal(true);
    expect(addressInNetworks('192.0.3.1', nets)).to.equal(false);
    expect(addressInNetworks('2001:db9::1', nets)).to.equal(false);
    expect(addressInNetworks(undefined, nets)).to.equal(false);
    expect(addressInNetworks('not-an-ip', nets)).to.equal(false);
    expect(addressInNetworks('192.0.2.1', []), 'no ranges: nowhere is the school network').to.equal(false);
  });
});

describe('picture passwords', () => {
  it('accepts exactly the right number of known pictures and explains every other input', () => {
    expect(parsePictureSequence('zon, maan,ster,boom')).to.deep.equal(['zon', 'maan', 'ster', 'boom']);
    expect(() => parsePictureSequence('zon,maan')).to.throw(ValidationError, /precies 4 plaatjes \(je koos er 2\).*exactly 4/);
    expect(() => parsePictureSequence('zon,maan,ster,boom,bal')).to.throw(ValidationError, /je koos er 5/);
    expect(() => parsePictureSequence('')).to.throw(ValidationError, /je koos er 0/);
    expect(() => parsePictureSequence('zon,maan,ster,<script>')).to.throw(ValidationError, /Onbekend plaatje/);
  });

  it('draws sequences from the whole picture set and avatars not yet taken in the group', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) for (const p of randomPictureSequence()) seen.add(p);
    expect(seen.size, 'every picture occurs').to.equal(PASSWORD_PICTURES.length);
    expect(randomPictureSequence()).to.have.length(PICTURE_PASSWORD_LENGTH);
    const taken = new Set(AVATARS.slice(1).map((a) => a.id));
    expect(chooseAvatar(taken)).to.equal(AVATARS[0]!.id);
    expect(AVATARS.map((a) => a.id)).to.include(chooseAvatar(new Set(AVATARS.map((a) => a.id))));
  });
});

describe('login card tokens', () => {
  const signer = new HmacCardTokenSigner('a-session-secret-of-at-least-32-characters!');
  const id = '6f1c1b9e-8d2a-4c55-9b7e-0a2f4e6d8c10';

  it('verifies what it signed and nothing else: other key, altered id, altered tag, junk', () => {
    const token = signer.sign(id);
    expect(token).to.match(/^LP1\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/);
    expect(signer.verify(token)).to.equal(id);
    expect(signer.verify(` ${token}\n`), 'a scanner adding whitespace').to.equal(id);
    expect(new HmacCardTokenSigner('another-session-secret-of-32-characters!!').verify(token)).to.equal(null);
    expect(signer.verify(token.replace(id, '6f1c1b9e-8d2a-4c55-9b7e-0a2f4e6d8c11'))).to.equal(null);
    const tag = token.split('.')[2]!;
    expect(signer.verify(token.replace(tag, (tag[0] === 'A' ? 'B' : 'A') + tag.slice(1)))).to.equal(null);
    for (const junk of ['', 'LP1', 'LP1..', `LP2.${id}.${tag}`, `LP1.${id}`, `LP1.${id}.${tag}.x`, `LP1.not-a-uuid.${tag}`])
      expect(signer.verify(junk), junk).to.equal(null);
  });
});

describe('breached-password list', () => {
  it('holds tens of thousands of common passwords and refuses them for staff, parents and operators', () => {
    expect(COMMON_PASSWORD_COUNT).to.be.greaterThan(40_000);
    for (const owner of ['teacher', 'delegate', 'guardian', 'operator'] as const) {
      expect(() => checkPasswordPolicy(owner, 'sunshine1'), owner).to.throw(ValidationError, /most common passwords/);
      expect(() => checkPasswordPolicy(owner, 'Welkom2026'), owner).to.throw(ValidationError, /most common passwords/);
      expect(() => checkPasswordPolicy(owner, 'Krijtbord-Tulp-58'), owner).not.to.throw();
    }
  });
});

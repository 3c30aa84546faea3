"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const card_token_1 = require("../../src/crypto/card-token");
const errors_1 = require("../../src/domain/errors");
const password_policy_1 = require("../../src/domain/identity/password-policy");
const pictures_1 = require("../../src/domain/identity/pictures");
const school_network_1 = require("../../src/domain/identity/school-network");
describe('school networks (home access rule)', () => {
    it('normalises ranges and bare addresses; names the mistake in bad input', () => {
        (0, chai_1.expect)((0, school_network_1.parseNetworks)([' 192.0.2.0/24 ', '198.51.100.7', '2001:db8::/48', '::1', ''])).to.deep.equal([
            '192.0.2.0/24',
            '198.51.100.7/32',
            '2001:db8::/48',
            '::1/128',
        ]);
        (0, chai_1.expect)(() => (0, school_network_1.parseNetworks)(['192.0.2.1/24'])).to.throw(errors_1.ValidationError, /host bits set; did you mean 192\.0\.2\.0\/24/);
        (0, chai_1.expect)(() => (0, school_network_1.parseNetworks)(['school.example.nl'])).to.throw(errors_1.ValidationError, /not an IP address or range/);
        (0, chai_1.expect)(() => (0, school_network_1.parseNetworks)(['10.0.0.0/33'])).to.throw(errors_1.ValidationError, /not an IP address or range/);
    });
    it('matches IPv4, IPv6 and IPv4-mapped IPv6 addresses; never a missing or malformed address', () => {
        const nets = ['192.0.2.0/24', '2001:db8::/48'];
        (0, chai_1.expect)((0, school_network_1.addressInNetworks)('192.0.2.200', nets)).to.equal(true);
        (0, chai_1.expect)((0, school_network_1.addressInNetworks)('::ffff:192.0.2.9', nets), 'node reports IPv4 clients on a dual-stack socket like this').to.equal(true);
        (0, chai_1.expect)((0, school_network_1.addressInNetworks)('2001:db8:0:1::5', nets)).to.equal(true);
        (0, chai_1.expect)((0, school_network_1.addressInNetworks)('192.0.3.1', nets)).to.equal(false);
        (0, chai_1.expect)((0, school_network_1.addressInNetworks)('2001:db9::1', nets)).to.equal(false);
        (0, chai_1.expect)((0, school_network_1.addressInNetworks)(undefined, nets)).to.equal(false);
        (0, chai_1.expect)((0, school_network_1.addressInNetworks)('not-an-ip', nets)).to.equal(false);
        (0, chai_1.expect)((0, school_network_1.addressInNetworks)('192.0.2.1', []), 'no ranges: nowhere is the school network').to.equal(false);
    });
});
describe('picture passwords', () => {
    it('accepts exactly the right number of known pictures and explains every other input', () => {
        (0, chai_1.expect)((0, pictures_1.parsePictureSequence)('zon, maan,ster,boom')).to.deep.equal(['zon', 'maan', 'ster', 'boom']);
        (0, chai_1.expect)(() => (0, pictures_1.parsePictureSequence)('zon,maan')).to.throw(errors_1.ValidationError, /precies 4 plaatjes \(je koos er 2\).*exactly 4/);
        (0, chai_1.expect)(() => (0, pictures_1.parsePictureSequence)('zon,maan,ster,boom,bal')).to.throw(errors_1.ValidationError, /je koos er 5/);
        (0, chai_1.expect)(() => (0, pictures_1.parsePictureSequence)('')).to.throw(errors_1.ValidationError, /je koos er 0/);
        (0, chai_1.expect)(() => (0, pictures_1.parsePictureSequence)('zon,maan,ster,<script>')).to.throw(errors_1.ValidationError, /Onbekend plaatje/);
    });
    it('draws sequences from the whole picture set and avatars not yet taken in the group', () => {
        const seen = new Set();
        for (let i = 0; i < 400; i++)
            for (const p of (0, pictures_1.randomPictureSequence)())
                seen.add(p);
        (0, chai_1.expect)(seen.size, 'every picture occurs').to.equal(pictures_1.PASSWORD_PICTURES.length);
        (0, chai_1.expect)((0, pictures_1.randomPictureSequence)()).to.have.length(pictures_1.PICTURE_PASSWORD_LENGTH);
        const taken = new Set(pictures_1.AVATARS.slice(1).map((a) => a.id));
        (0, chai_1.expect)((0, pictures_1.chooseAvatar)(taken)).to.equal(pictures_1.AVATARS[0].id);
        (0, chai_1.expect)(pictures_1.AVATARS.map((a) => a.id)).to.include((0, pictures_1.chooseAvatar)(new Set(pictures_1.AVATARS.map((a) => a.id))));
    });
});
describe('login card tokens', () => {
    const signer = new card_token_1.HmacCardTokenSigner('a-session-secret-of-at-least-32-characters!');
    const id = '6f1c1b9e-8d2a-4c55-9b7e-0a2f4e6d8c10';
    it('verifies what it signed and nothing else: other key, altered id, altered tag, junk', () => {
        const token = signer.sign(id);
        (0, chai_1.expect)(token).to.match(/^LP1\.[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/);
        (0, chai_1.expect)(signer.verify(token)).to.equal(id);
        (0, chai_1.expect)(signer.verify(` ${token}\n`), 'a scanner adding whitespace').to.equal(id);
        (0, chai_1.expect)(new card_token_1.HmacCardTokenSigner('another-session-secret-of-32-characters!!').verify(token)).to.equal(null);
        (0, chai_1.expect)(signer.verify(token.replace(id, '6f1c1b9e-8d2a-4c55-9b7e-0a2f4e6d8c11'))).to.equal(null);
        const tag = token.split('.')[2];
        (0, chai_1.expect)(signer.verify(token.replace(tag, (tag[0] === 'A' ? 'B' : 'A') + tag.slice(1)))).to.equal(null);
        for (const junk of ['', 'LP1', 'LP1..', `LP2.${id}.${tag}`, `LP1.${id}`, `LP1.${id}.${tag}.x`, `LP1.not-a-uuid.${tag}`])
            (0, chai_1.expect)(signer.verify(junk), junk).to.equal(null);
    });
});
describe('breached-password list', () => {
    it('holds tens of thousands of common passwords and refuses them for staff, parents and operators', () => {
        (0, chai_1.expect)(password_policy_1.COMMON_PASSWORD_COUNT).to.be.greaterThan(40_000);
        for (const owner of ['teacher', 'delegate', 'guardian', 'operator']) {
            (0, chai_1.expect)(() => (0, password_policy_1.checkPasswordPolicy)(owner, 'sunshine1'), owner).to.throw(errors_1.ValidationError, /most common passwords/);
            (0, chai_1.expect)(() => (0, password_policy_1.checkPasswordPolicy)(owner, 'Welkom2026'), owner).to.throw(errors_1.ValidationError, /most common passwords/);
            (0, chai_1.expect)(() => (0, password_policy_1.checkPasswordPolicy)(owner, 'Krijtbord-Tulp-58'), owner).not.to.throw();
        }
    });
});
//# sourceMappingURL=young-pupil-login.test.js.map
import { expect } from 'chai';
import type { Group, Participant, Person, PersonRole, School } from '../../src/domain/model';
import { CATEGORIES } from '../../src/release/categories';
import { release } from '../../src/release/pipeline';
import {
  ATTRIBUTE_NAMES,
  ATTRIBUTES,
  attributeScope,
  definitionsForNames,
  isAttributeName,
  PAIRWISE_ID,
  pairwiseIdValue,
  requestedDefinitions,
  samlAttributes,
} from '../../src/saml/attributes';

/** The ABNF of the SAML V2.0 Subject Identifier Attributes Profile 1.0, section 3.4 (pairwise-id). */
const PROFILE_VALUE = /^[A-Za-z0-9][A-Za-z0-9=-]{0,126}@[A-Za-z0-9][A-Za-z0-9.-]{0,126}$/;

const school: School = {
  id: 's',
  brin: '12AB',
  dependanceCode: '00',
  name: 'S',
  assuNumber: null,
  visitingAddress: null,
  status: 'active',
  agreementState: 'accepted',
  homeAccessEnabled: false,
  teacher2faRequired: false,
  suspendedAt: null,
  createdAt: new Date(),
};
const group: Group = { id: 'g', schoolId: 's', lasKey: 'G5', name: 'Groep 5', yearGroup: 5, kind: 'stamgroep' };
const person = (role: PersonRole, eckId: string | null = 'https://ketenid.nl/201703/abc'): Person => ({
  id: 'p',
  schoolId: 's',
  role,
  lasKey: 'K1',
  eckId,
  firstName: 'A',
  infix: null,
  lastName: 'B',
  birthDate: '2016-01-02',
  gender: 'V',
  staffEmail: null,
  status: 'active',
});
const participant: Participant = {
  id: 'pa',
  name: 'P',
  needsBirthDate: false,
  needsGender: false,
  needsEmail: false,
  annex: null,
  createdAt: new Date(),
};
const GRANTED = { allowed: true, productIds: ['product'], acceptedCategories: null } as const;
// A base64url pseudonym as pairwisePseudonym() makes (HMAC-SHA256, 32 bytes).
const PSEUDONYM = Buffer.alloc(32, 0xab).toString('base64url');
const STANDARD = [
  'urn:mace:dir:attribute-def:nlEduPersonHomeOrganizationId',
  'urn:mace:surf.nl:attribute-def:eckid',
  'urn:oasis:names:tc:SAML:attribute:pairwise-id',
];

describe('SAML attribute names: the one mapping table (src/saml/attributes.ts)', () => {
  it('every annex category has exactly one primary name; Names and FriendlyNames are unique', () => {
    for (const c of CATEGORIES)
      expect(
        ATTRIBUTES.filter((a) => a.category === c && a.kind === 'primary'),
        c,
      ).to.have.length(1);
    expect(Object.keys(ATTRIBUTE_NAMES).sort()).to.deep.equal([...CATEGORIES].sort());
    const names = ATTRIBUTES.map((a) => a.name);
    expect(new Set(names).size, 'Names').to.equal(names.length);
    const friendly = ATTRIBUTES.map((a) => a.friendlyName);
    expect(new Set(friendly).size, 'FriendlyNames').to.equal(friendly.length);
    for (const a of ATTRIBUTES) expect(a.name, a.friendlyName).to.match(/^urn:/);
  });

  it('offers the federation names beside the hub’s own: BRIN, ECK iD, pairwise-id', () => {
    const byName = new Map(ATTRIBUTES.map((a) => [a.name, a]));
    expect(byName.get(STANDARD[0]!)).to.include({ category: 'brin', friendlyName: 'nlEduPersonHomeOrganizationId', kind: 'standard' });
    expect(byName.get(STANDARD[1]!)).to.include({ category: 'eckId', kind: 'standard' });
    expect(byName.get(PAIRWISE_ID)).to.include({ category: 'pseudonym', friendlyName: 'pairwise-id' });
    for (const n of [...STANDARD, 'nlEduPersonHomeOrganizationId', 'pairwise-id']) expect(isAttributeName(n), n).to.equal(true);
    expect(isAttributeName('urn:oid:2.16.840.1.113730.3.1.241'), 'displayName is not offered').to.equal(false);
  });

  it('a request resolves to exactly the requested definitions (by Name or FriendlyName), each once, unknown names ignored', () => {
    const defs = definitionsForNames([STANDARD[0]!, 'nlEduPersonHomeOrganizationId', 'urn:x:unknown', 'givenName']);
    expect(defs.map((d) => d.name)).to.deep.equal(['urn:oid:2.5.4.42', STANDARD[0]]);
    const sp = { attributeAllowList: null, requestedAttributes: STANDARD.map((name) => ({ name, isRequired: false })) };
    expect(requestedDefinitions(sp as never).map((d) => d.name)).to.have.members(STANDARD);
  });

  it('the released values go out under exactly the requested names — the standard ones only, when only they were asked for', () => {
    const requested = definitionsForNames(STANDARD);
    const released = release({
      person: person('pupil'),
      school,
      groups: [group],
      participant,
      requested: new Set(requested.map((d) => d.category)),
      access: GRANTED,
      pseudonym: PSEUDONYM,
    });
    const attrs = samlAttributes(requested, released, 'leerpoort.example');
    expect(attrs.map((a) => a.name))
      .to.have.members(STANDARD)
      .and.have.length(3);
    const value = (n: string) => attrs.find((a) => a.name === n)!.values;
    expect(value(STANDARD[0]!)).to.deep.equal(['12AB']);
    expect(value(STANDARD[1]!)).to.deep.equal(['https://ketenid.nl/201703/abc']);
    expect(value(PAIRWISE_ID)).to.deep.equal([`${'ab'.repeat(32)}@leerpoort.example`]);
    // Both names of one category when both are asked for.
    const both = definitionsForNames(['brin', STANDARD[0]!]);
    expect(samlAttributes(both, { brin: ['12AB'] }, null).map((a) => a.name)).to.deep.equal([
      'urn:mace:leerpoort.nl:attribute-def:brin',
      STANDARD[0],
    ]);
  });

  it('a standard name is no way around the pipeline: nothing without access, no ECK iD the school did not register', () => {
    const requested = definitionsForNames(STANDARD);
    const categories = new Set(requested.map((d) => d.category));
    const denied = release({
      person: person('pupil'),
      school,
      groups: [group],
      participant,
      requested: categories,
      access: { allowed: false, reason: 'not_activated' },
      pseudonym: PSEUDONYM,
    });
    expect(samlAttributes(requested, denied, 'leerpoort.example')).to.deep.equal([]);
    const noEck = release({
      person: person('teacher', null),
      school,
      groups: [group],
      participant,
      requested: categories,
      access: GRANTED,
      pseudonym: PSEUDONYM,
    });
    expect(samlAttributes(requested, noEck, 'leerpoort.example').map((a) => a.name)).to.have.members([STANDARD[0], PAIRWISE_ID]);
    // Even with no filter at all: a pseudonym the caller did not hand in cannot go out.
    const noPseudonym = release(
      { person: person('pupil'), school, groups: [group], participant, requested: categories, access: GRANTED, pseudonym: null },
      [],
    );
    expect(noPseudonym.pseudonym, 'no pseudonym handed in, none released').to.equal(undefined);
  });

  it('pairwise-id follows the profile grammar; the scope is the hub’s host, or none when it cannot be one', () => {
    for (let i = 0; i < 200; i++) {
      const p = Buffer.from(Array.from({ length: 32 }, (_, j) => (i * 31 + j * 7) % 256)).toString('base64url');
      const v = pairwiseIdValue(p, 'leerpoort.example');
      expect(v).to.match(PROFILE_VALUE);
      expect(v, 'one case only (compared case-insensitively)').to.equal(v.toLowerCase());
    }
    expect(attributeScope('https://Leerpoort.Example:8443/saml/metadata')).to.equal('leerpoort.example');
    expect(attributeScope('http://localhost:3000/saml/metadata')).to.equal('localhost');
    expect(attributeScope('http://127.0.0.1:3000/saml/metadata')).to.equal('127.0.0.1');
    expect(attributeScope('http://[::1]:3000/saml/metadata'), 'an IPv6 literal is no scope').to.equal(null);
    expect(() => pairwiseIdValue(PSEUDONYM, '-bad')).to.throw(/grammar/);
    const def = definitionsForNames([PAIRWISE_ID]);
    expect(samlAttributes(def, { pseudonym: [PSEUDONYM] }, null), 'no scope: not issued').to.deep.equal([]);
  });
});

import { expect } from 'chai';
import type { Group, Participant, Person, PersonRole, School } from '../../src/domain/model';
import { ATTRIBUTE_NAMES, categoriesForNames, samlValue } from '../../src/saml/attributes';
import { ANNEX_BY_ROLE, CATEGORIES, type Category } from '../../src/release/categories';
import { release } from '../../src/release/pipeline';

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
const person = (role: PersonRole): Person => ({
  id: 'p',
  schoolId: 's',
  role,
  lasKey: 'K1',
  eckId: 'https://ketenid.nl/x',
  firstName: 'A',
  infix: 'van',
  lastName: 'B',
  birthDate: '2016-01-02',
  gender: 'V',
  staffEmail: role === 'pupil' ? null : 'a@b.nl',
  status: 'active',
});
const participant = (needs: Partial<Participant> = {}): Participant => ({
  id: 'pa',
  name: 'P',
  needsBirthDate: false,
  needsGender: false,
  needsEmail: false,
  annex: null,
  createdAt: new Date(),
  ...needs,
});
const ALL = new Set<Category>(CATEGORIES);
/** What the licence gate answers for a licensed person of an activated school. */
const GRANTED = { allowed: true, productIds: ['product'], acceptedCategories: null } as const;

describe('release pipeline (deny by default)', () => {
  it('releases nothing when nothing is requested', () => {
    for (const role of ['pupil', 'teacher', 'delegate'] as const) {
      expect(
        release({
          person: person(role),
          school,
          groups: [group],
          participant: participant({ needsBirthDate: true, needsEmail: true, needsGender: true }),
          requested: new Set(),
          access: GRANTED,
        }),
      ).to.deep.equal({});
    }
  });

  const table: Array<{ role: PersonRole; needs: Partial<Participant>; expected: Category[] }> = [
    {
      role: 'pupil',
      needs: {},
      expected: ['firstName', 'infix', 'lastName', 'eckId', 'groupKey', 'groupName', 'yearGroup', 'brin', 'affiliation'],
    },
    {
      role: 'pupil',
      needs: { needsBirthDate: true, needsGender: true },
      expected: [
        'firstName',
        'infix',
        'lastName',
        'birthDate',
        'gender',
        'eckId',
        'groupKey',
        'groupName',
        'yearGroup',
        'brin',
        'affiliation',
      ],
    },
    {
      role: 'pupil',
      needs: { needsEmail: true },
      expected: ['firstName', 'infix', 'lastName', 'eckId', 'groupKey', 'groupName', 'yearGroup', 'brin', 'affiliation'],
    },
    {
      role: 'teacher',
      needs: {},
      expected: ['firstName', 'infix', 'lastName', 'eckId', 'groupKey', 'groupName', 'yearGroup', 'brin', 'affiliation'],
    },
    {
      role: 'teacher',
      needs: { needsEmail: true },
      expected: ['firstName', 'infix', 'lastName', 'eckId', 'groupKey', 'groupName', 'yearGroup', 'brin', 'email', 'affiliation'],
    },
    {
      role: 'delegate',
      needs: { needsEmail: true, needsBirthDate: true },
      expected: [
        'firstName',
        'infix',
        'lastName',
        'birthDate',
        'eckId',
        'groupKey',
        'groupName',
        'yearGroup',
        'brin',
        'email',
        'affiliation',
      ],
    },
  ];
  for (const row of table) {
    it(`${row.role} with needs ${JSON.stringify(row.needs)}: everything requested → ${row.expected.length} categories`, () => {
      const out = release({
        person: person(row.role),
        school,
        groups: [group],
        participant: participant(row.needs),
        requested: ALL,
        access: GRANTED,
      });
      expect(Object.keys(out).sort()).to.deep.equal([...row.expected].sort());
    });
  }

  it('never releases LAS keys by default, nor anything outside the annex for the role', () => {
    for (const role of ['pupil', 'teacher', 'delegate'] as const) {
      const out = release({
        person: person(role),
        school,
        groups: [group],
        participant: participant({ needsBirthDate: true, needsEmail: true, needsGender: true }),
        requested: ALL,
        access: GRANTED,
      });
      expect(out).not.to.have.any.keys('pupilKey', 'teacherKey');
      for (const c of Object.keys(out)) expect(ANNEX_BY_ROLE[role]).to.include(c);
    }
  });

  it('the final check holds even against a filter chain that lets everything through', () => {
    const out = release(
      {
        person: person('pupil'),
        school,
        groups: [group],
        participant: participant(),
        requested: new Set<Category>(['firstName']),
        access: GRANTED,
      },
      [(c) => new Set(c)],
    );
    expect(Object.keys(out)).to.deep.equal(['firstName']);
    const pupilEmail = release(
      {
        person: { ...person('pupil'), staffEmail: 'x@y.nl' },
        school,
        groups: [group],
        participant: participant({ needsEmail: true }),
        requested: ALL,
        access: GRANTED,
      },
      [(c) => new Set(c)],
    );
    expect(pupilEmail).not.to.have.key('email');
  });

  describe('every filter × role × policy', () => {
    const roles = ['pupil', 'teacher', 'delegate'] as const;
    const policies = [
      { name: 'no needs', needs: {} },
      { name: 'all needs', needs: { needsBirthDate: true, needsGender: true, needsEmail: true } },
    ];
    for (const role of roles) {
      for (const policy of policies) {
        const base = {
          person: person(role),
          school,
          groups: [group],
          participant: participant(policy.needs),
          requested: ALL,
          access: GRANTED,
        };
        it(`${role}, ${policy.name}: (c) not activated → nothing`, () => {
          const access = { allowed: false, reason: 'not_activated' } as const;
          expect(release({ ...base, access })).to.deep.equal({});
          expect(release({ ...base, access }, [(c) => new Set(c)]), 'even past a permissive chain').to.deep.equal({});
        });
        it(`${role}, ${policy.name}: (d) no valid licence → nothing`, () => {
          const access = { allowed: false, reason: 'no_licence' } as const;
          expect(release({ ...base, access })).to.deep.equal({});
          expect(release({ ...base, access }, [(c) => new Set(c)])).to.deep.equal({});
          expect(release({ ...base, access: { allowed: false, reason: 'person_inactive' } }, [(c) => new Set(c)])).to.deep.equal({});
        });
        it(`${role}, ${policy.name}: (e) only what is requested`, () => {
          expect(Object.keys(release({ ...base, requested: new Set<Category>(['lastName', 'email', 'birthDate']) })).sort()).to.deep.equal(
            [
              'lastName',
              ...(policy.needs === policies[1]!.needs && role !== 'pupil' ? ['email'] : []),
              ...(policy.needs === policies[1]!.needs ? ['birthDate'] : []),
            ].sort(),
          );
        });
        it(`${role}, ${policy.name}: (f) no ECK iD registered → none released; values are the person's own`, () => {
          const out = release({ ...base, person: { ...person(role), eckId: null } });
          expect(out).not.to.have.key('eckId');
          expect(release(base).eckId).to.deep.equal(['https://ketenid.nl/x']);
          expect(release(base).groupName).to.deep.equal(['Groep 5']);
          expect(release(base).brin).to.deep.equal(['12AB']);
        });
        it(`${role}, ${policy.name}: (a)+(b) birth date, gender, e-mail only with a recorded need and only for roles that have them`, () => {
          const out = release(base);
          const hasNeeds = policy.needs === policies[1]!.needs;
          expect('birthDate' in out).to.equal(hasNeeds);
          expect('gender' in out).to.equal(hasNeeds);
          expect('email' in out).to.equal(hasNeeds && role !== 'pupil');
        });
      }
    }
  });

  it('maps names both ways through one table, ignores unknown names, and translates gender to PKIX', () => {
    expect([...categoriesForNames(['urn:oid:2.5.4.42', 'sn', 'urn:example:shoe-size'])]).to.deep.equal(['firstName', 'lastName']);
    for (const c of CATEGORIES) expect(categoriesForNames([ATTRIBUTE_NAMES[c].name]).has(c), c).to.equal(true);
    expect([samlValue('gender', 'V'), samlValue('gender', 'M'), samlValue('gender', 'X')]).to.deep.equal(['F', 'M', null]);
  });
});

describe('release pipeline: the privacy annex and the school’s acceptance (annex 1 D, DPA art. 13.3)', () => {
  const annex = (categories: string[]) => ({
    categories,
    purposes: ['p'],
    subProcessors: [],
    storageLocation: 'NL',
    changedAt: new Date(),
  });
  const run = (p: Participant, acceptedCategories: readonly string[] | null) =>
    Object.keys(
      release({
        person: person('pupil'),
        school,
        groups: [group],
        participant: p,
        requested: ALL,
        access: { allowed: true, productIds: ['product'], acceptedCategories },
      }),
    ).sort();

  it('a declared annex bounds the release: nothing outside it, even what the default would give', () => {
    expect(run(participant({ annex: annex(['firstName', 'groupName']) }), null)).to.deep.equal(['firstName', 'groupName']);
  });

  it('a declared category the role may have is released (birth date), one the annex does not list for the role is not (e-mail of a pupil)', () => {
    expect(run(participant({ annex: annex(['firstName', 'birthDate', 'email']) }), null)).to.deep.equal(['birthDate', 'firstName']);
  });

  it('while a widening waits for the school, only what the school accepted goes; accepted categories outside the annex never do', () => {
    const p = participant({ annex: annex(['firstName', 'lastName', 'birthDate']) });
    expect(run(p, ['firstName', 'lastName'])).to.deep.equal(['firstName', 'lastName']);
    // A narrowing after the acceptance: the annex wins.
    expect(run(participant({ annex: annex(['firstName']) }), ['firstName', 'lastName'])).to.deep.equal(['firstName']);
    expect(run(p, [])).to.deep.equal([]);
  });
});

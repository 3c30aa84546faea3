"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const attributes_1 = require("../../src/saml/attributes");
const categories_1 = require("../../src/release/categories");
const pipeline_1 = require("../../src/release/pipeline");
const school = {
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
    createdAt: new Date(),
};
const group = { id: 'g', schoolId: 's', lasKey: 'G5', name: 'Groep 5', yearGroup: 5, kind: 'stamgroep' };
const person = (role) => ({
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
const participant = (needs = {}) => ({
    id: 'pa',
    name: 'P',
    needsBirthDate: false,
    needsGender: false,
    needsEmail: false,
    createdAt: new Date(),
    ...needs,
});
const ALL = new Set(categories_1.CATEGORIES);
/** What the licence gate answers for a licensed person of an activated school. */
const GRANTED = { allowed: true, productIds: ['product'] };
describe('release pipeline (deny by default)', () => {
    it('releases nothing when nothing is requested', () => {
        for (const role of ['pupil', 'teacher', 'delegate']) {
            (0, chai_1.expect)((0, pipeline_1.release)({
                person: person(role),
                school,
                groups: [group],
                participant: participant({ needsBirthDate: true, needsEmail: true, needsGender: true }),
                requested: new Set(),
                access: GRANTED,
            })).to.deep.equal({});
        }
    });
    const table = [
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
            const out = (0, pipeline_1.release)({
                person: person(row.role),
                school,
                groups: [group],
                participant: participant(row.needs),
                requested: ALL,
                access: GRANTED,
            });
            (0, chai_1.expect)(Object.keys(out).sort()).to.deep.equal([...row.expected].sort());
        });
    }
    it('never releases LAS keys by default, nor anything outside the annex for the role', () => {
        for (const role of ['pupil', 'teacher', 'delegate']) {
            const out = (0, pipeline_1.release)({
                person: person(role),
                school,
                groups: [group],
                participant: participant({ needsBirthDate: true, needsEmail: true, needsGender: true }),
                requested: ALL,
                access: GRANTED,
            });
            (0, chai_1.expect)(out).not.to.have.any.keys('pupilKey', 'teacherKey');
            for (const c of Object.keys(out))
                (0, chai_1.expect)(categories_1.ANNEX_BY_ROLE[role]).to.include(c);
        }
    });
    it('the final check holds even against a filter chain that lets everything through', () => {
        const out = (0, pipeline_1.release)({
            person: person('pupil'),
            school,
            groups: [group],
            participant: participant(),
            requested: new Set(['firstName']),
            access: GRANTED,
        }, [(c) => new Set(c)]);
        (0, chai_1.expect)(Object.keys(out)).to.deep.equal(['firstName']);
        const pupilEmail = (0, pipeline_1.release)({
            person: { ...person('pupil'), staffEmail: 'x@y.nl' },
            school,
            groups: [group],
            participant: participant({ needsEmail: true }),
            requested: ALL,
            access: GRANTED,
        }, [(c) => new Set(c)]);
        (0, chai_1.expect)(pupilEmail).not.to.have.key('email');
    });
    describe('every filter × role × policy', () => {
        const roles = ['pupil', 'teacher', 'delegate'];
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
                    const access = { allowed: false, reason: 'not_activated' };
                    (0, chai_1.expect)((0, pipeline_1.release)({ ...base, access })).to.deep.equal({});
                    (0, chai_1.expect)((0, pipeline_1.release)({ ...base, access }, [(c) => new Set(c)]), 'even past a permissive chain').to.deep.equal({});
                });
                it(`${role}, ${policy.name}: (d) no valid licence → nothing`, () => {
                    const access = { allowed: false, reason: 'no_licence' };
                    (0, chai_1.expect)((0, pipeline_1.release)({ ...base, access })).to.deep.equal({});
                    (0, chai_1.expect)((0, pipeline_1.release)({ ...base, access }, [(c) => new Set(c)])).to.deep.equal({});
                    (0, chai_1.expect)((0, pipeline_1.release)({ ...base, access: { allowed: false, reason: 'person_inactive' } }, [(c) => new Set(c)])).to.deep.equal({});
                });
                it(`${role}, ${policy.name}: (e) only what is requested`, () => {
                    (0, chai_1.expect)(Object.keys((0, pipeline_1.release)({ ...base, requested: new Set(['lastName', 'email', 'birthDate']) })).sort()).to.deep.equal([
                        'lastName',
                        ...(policy.needs === policies[1].needs && role !== 'pupil' ? ['email'] : []),
                        ...(policy.needs === policies[1].needs ? ['birthDate'] : []),
                    ].sort());
                });
                it(`${role}, ${policy.name}: (f) no ECK iD registered → none released; values are the person's own`, () => {
                    const out = (0, pipeline_1.release)({ ...base, person: { ...person(role), eckId: null } });
                    (0, chai_1.expect)(out).not.to.have.key('eckId');
                    (0, chai_1.expect)((0, pipeline_1.release)(base).eckId).to.deep.equal(['https://ketenid.nl/x']);
                    (0, chai_1.expect)((0, pipeline_1.release)(base).groupName).to.deep.equal(['Groep 5']);
                    (0, chai_1.expect)((0, pipeline_1.release)(base).brin).to.deep.equal(['12AB']);
                });
                it(`${role}, ${policy.name}: (a)+(b) birth date, gender, e-mail only with a recorded need and only for roles that have them`, () => {
                    const out = (0, pipeline_1.release)(base);
                    const hasNeeds = policy.needs === policies[1].needs;
                    (0, chai_1.expect)('birthDate' in out).to.equal(hasNeeds);
                    (0, chai_1.expect)('gender' in out).to.equal(hasNeeds);
                    (0, chai_1.expect)('email' in out).to.equal(hasNeeds && role !== 'pupil');
                });
            }
        }
    });
    it('maps names both ways through one table, ignores unknown names, and translates gender to PKIX', () => {
        (0, chai_1.expect)([...(0, attributes_1.categoriesForNames)(['urn:oid:2.5.4.42', 'sn', 'urn:example:shoe-size'])]).to.deep.equal(['firstName', 'lastName']);
        for (const c of categories_1.CATEGORIES)
            (0, chai_1.expect)((0, attributes_1.categoriesForNames)([attributes_1.ATTRIBUTE_NAMES[c].name]).has(c), c).to.equal(true);
        (0, chai_1.expect)([(0, attributes_1.samlValue)('gender', 'V'), (0, attributes_1.samlValue)('gender', 'M'), (0, attributes_1.samlValue)('gender', 'X')]).to.deep.equal(['F', 'M', null]);
    });
});
//# sourceMappingURL=release-pipeline.test.js.map
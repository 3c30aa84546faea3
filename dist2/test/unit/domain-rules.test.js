"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const errors_1 = require("../../src/domain/errors");
const brin_1 = require("../../src/domain/identity/brin");
const account_service_1 = require("../../src/domain/identity/account.service");
const password_policy_1 = require("../../src/domain/identity/password-policy");
const licence_service_1 = require("../../src/domain/licensing/licence.service");
const two_factor_service_1 = require("../../src/domain/identity/two-factor.service");
describe('domain: BRIN', () => {
    const valid = [
        ['12AB', '12AB', '00'],
        ['12ab', '12AB', '00'],
        [' 12AB01 ', '12AB', '01'],
        ['12-AB-03', '12AB', '03'],
    ];
    for (const [input, brin, dep] of valid) {
        it(`accepts '${input}'`, () => {
            (0, chai_1.expect)((0, brin_1.parseBrin)(input)).to.deep.equal({ brin, dependanceCode: dep });
        });
    }
    for (const input of ['', '1AB', '123A', 'ABCD', '12ABC', '12AB1', '12AB001', '12ÄB', '12AB\u0000', '12AB;DROP']) {
        it(`rejects ${JSON.stringify(input)} with a ValidationError naming the format`, () => {
            (0, chai_1.expect)(() => (0, brin_1.parseBrin)(input)).to.throw(errors_1.ValidationError, /two digits and two letters/);
        });
    }
    it('formats the main location without its 00 code', () => {
        (0, chai_1.expect)((0, brin_1.formatBrin)({ brin: '12AB', dependanceCode: '00' })).to.equal('12AB');
        (0, chai_1.expect)((0, brin_1.formatBrin)({ brin: '12AB', dependanceCode: '02' })).to.equal('12AB02');
    });
});
describe('domain: passwords and usernames', () => {
    it('requires 8+ characters for staff and operators, 4+ for pupils', () => {
        (0, chai_1.expect)(() => (0, password_policy_1.checkPasswordPolicy)('teacher', 'Kort-7')).to.throw(errors_1.ValidationError, /8 characters/);
        (0, chai_1.expect)(() => (0, password_policy_1.checkPasswordPolicy)('operator', 'Kort-7')).to.throw(errors_1.ValidationError, /8 characters/);
        (0, chai_1.expect)(() => (0, password_policy_1.checkPasswordPolicy)('pupil', 'abc')).to.throw(errors_1.ValidationError, /4 characters/);
        (0, chai_1.expect)(() => (0, password_policy_1.checkPasswordPolicy)('pupil', 'vis7')).not.to.throw();
        (0, chai_1.expect)(() => (0, password_policy_1.checkPasswordPolicy)('delegate', 'Sleutelbos-Fiets-91')).not.to.throw();
    });
    it('refuses common passwords whatever the case, and surrounding spaces', () => {
        (0, chai_1.expect)(() => (0, password_policy_1.checkPasswordPolicy)('teacher', 'Wachtwoord1')).to.throw(errors_1.ValidationError, /common/);
        (0, chai_1.expect)(() => (0, password_policy_1.checkPasswordPolicy)('pupil', '123456')).to.throw(errors_1.ValidationError, /common/);
        (0, chai_1.expect)(() => (0, password_policy_1.checkPasswordPolicy)('teacher', ' Sleutelbos-Fiets-91')).to.throw(errors_1.ValidationError, /spaces/);
    });
    it('normalises usernames and rejects odd ones', () => {
        (0, chai_1.expect)((0, account_service_1.checkUsername)(' Emma.J ')).to.equal('emma.j');
        for (const bad of ['ab', '.emma', 'emma jansen', 'emma<script>', 'x'.repeat(65)])
            (0, chai_1.expect)(() => (0, account_service_1.checkUsername)(bad)).to.throw(errors_1.ValidationError);
    });
});
describe('domain: errors and dates', () => {
    it('each error kind has an HTTP status and a CLI exit code', () => {
        const cases = [
            [new errors_1.ValidationError('x'), 400, 2],
            [new errors_1.NotFoundError('x'), 404, 3],
            [new errors_1.ConflictError('x'), 409, 4],
        ];
        for (const [e, status, exit] of cases) {
            (0, chai_1.expect)(e.status).to.equal(status);
            (0, chai_1.expect)(e.exitCode).to.equal(exit);
            (0, chai_1.expect)(e.name).to.equal(e.constructor.name);
        }
    });
    it('a licence runs to the end of the school year (1 August) by default', () => {
        (0, chai_1.expect)((0, licence_service_1.endOfSchoolYear)(new Date('2026-11-23T10:00:00Z')).toISOString()).to.equal('2027-08-01T00:00:00.000Z');
        (0, chai_1.expect)((0, licence_service_1.endOfSchoolYear)(new Date('2027-03-01T10:00:00Z')).toISOString()).to.equal('2027-08-01T00:00:00.000Z');
        (0, chai_1.expect)((0, licence_service_1.endOfSchoolYear)(new Date('2027-08-02T10:00:00Z')).toISOString()).to.equal('2028-08-01T00:00:00.000Z');
    });
});
describe('domain: who needs two-step verification', () => {
    const school = (teacher2faRequired) => ({ teacher2faRequired });
    const person = (role) => ({ role });
    const table = [
        ['delegate', false, true],
        ['delegate', true, true],
        ['teacher', false, false],
        ['teacher', true, true],
        ['pupil', false, false],
        ['pupil', true, false],
    ];
    for (const [role, flag, expected] of table) {
        it(`${role}, school requires it for teachers: ${flag} → ${expected}`, () => {
            (0, chai_1.expect)((0, two_factor_service_1.twoFactorRequired)(person(role), school(flag))).to.equal(expected);
        });
    }
});
//# sourceMappingURL=domain-rules.test.js.map
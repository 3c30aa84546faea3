import { expect } from 'chai';
import { type AppError, ConflictError, NotFoundError, ValidationError } from '../../src/domain/errors';
import { formatBrin, parseBrin } from '../../src/domain/identity/brin';
import { checkUsername } from '../../src/domain/identity/account.service';
import { checkPasswordPolicy } from '../../src/domain/identity/password-policy';
import { endOfSchoolYear } from '../../src/domain/licensing/licence.service';
import { twoFactorRequired } from '../../src/domain/identity/two-factor.service';
import type { Person, School } from '../../src/domain/model';

describe('domain: BRIN', () => {
  const valid: Array<[string, string, string]> = [
    ['12AB', '12AB', '00'],
    ['12ab', '12AB', '00'],
    [' 12AB01 ', '12AB', '01'],
    ['12-AB-03', '12AB', '03'],
  ];
  for (const [input, brin, dep] of valid) {
    it(`accepts '${input}'`, () => {
      expect(parseBrin(input)).to.deep.equal({ brin, dependanceCode: dep });
    });
  }
  for (const input of ['', '1AB', '123A', 'ABCD', '12ABC', '12AB1', '12AB001', '12ÄB', '12AB\u0000', '12AB;DROP']) {
    it(`rejects ${JSON.stringify(input)} with a ValidationError naming the format`, () => {
      expect(() => parseBrin(input)).to.throw(ValidationError, /two digits and two letters/);
    });
  }
  it('formats the main location without its 00 code', () => {
    expect(formatBrin({ brin: '12AB', dependanceCode: '00' })).to.equal('12AB');
    expect(formatBrin({ brin: '12AB', dependanceCode: '02' })).to.equal('12AB02');
  });
});

describe('domain: passwords and usernames', () => {
  it('requires 8+ characters for staff and operators, 4+ for pupils', () => {
    expect(() => checkPasswordPolicy('teacher', 'Kort-7')).to.throw(ValidationError, /8 characters/);
    expect(() => checkPasswordPolicy('operator', 'Kort-7')).to.throw(ValidationError, /8 characters/);
    expect(() => checkPasswordPolicy('pupil', 'abc')).to.throw(ValidationError, /4 characters/);
    expect(() => checkPasswordPolicy('pupil', 'vis7')).not.to.throw();
    expect(() => checkPasswordPolicy('delegate', 'Sleutelbos-Fiets-91')).not.to.throw();
  });
  it('refuses common passwords whatever the case, and surrounding spaces', () => {
    expect(() => checkPasswordPolicy('teacher', 'Wachtwoord1')).to.throw(ValidationError, /common/);
    expect(() => checkPasswordPolicy('pupil', '123456')).to.throw(ValidationError, /common/);
    expect(() => checkPasswordPolicy('teacher', ' Sleutelbos-Fiets-91')).to.throw(ValidationError, /spaces/);
  });
  it('normalises usernames and rejects odd ones', () => {
    expect(checkUsername(' Emma.J ')).to.equal('emma.j');
    for (const bad of ['ab', '.emma', 'emma jansen', 'emma<script>', 'x'.repeat(65)])
      expect(() => checkUsername(bad)).to.throw(ValidationError);
  });
});

describe('domain: errors and dates', () => {
  it('each error kind has an HTTP status and a CLI exit code', () => {
    const cases: Array<[AppError, number, number]> = [
      [new ValidationError('x'), 400, 2],
      [new NotFoundError('x'), 404, 3],
      [new ConflictError('x'), 409, 4],
    ];
    for (const [e, status, exit] of cases) {
      expect(e.status).to.equal(status);
      expect(e.exitCode).to.equal(exit);
      expect(e.name).to.equal(e.constructor.name);
    }
  });
  it('a licence runs to the end of the school year (1 August) by default', () => {
    expect(endOfSchoolYear(new Date('2026-11-23T10:00:00Z')).toISOString()).to.equal('2027-08-01T00:00:00.000Z');
    expect(endOfSchoolYear(new Date('2027-03-01T10:00:00Z')).toISOString()).to.equal('2027-08-01T00:00:00.000Z');
    expect(endOfSchoolYear(new Date('2027-08-02T10:00:00Z')).toISOString()).to.equal('2028-08-01T00:00:00.000Z');
  });
});

describe('domain: who needs two-step verification', () => {
  const school = (teacher2faRequired: boolean) => ({ teacher2faRequired }) as School;
  const person = (role: Person['role']) => ({ role }) as Person;
  const table: Array<[Person['role'], boolean, boolean]> = [
    ['delegate', false, true],
    ['delegate', true, true],
    ['teacher', false, false],
    ['teacher', true, true],
    ['pupil', false, false],
    ['pupil', true, false],
  ];
  for (const [role, flag, expected] of table) {
    it(`${role}, school requires it for teachers: ${flag} → ${expected}`, () => {
      expect(twoFactorRequired(person(role), school(flag))).to.equal(expected);
    });
  }
});

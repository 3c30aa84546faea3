import { expect } from 'chai';
import { addMonths } from '../../src/domain/calendar';
import { earliestEffective, noticePeriodDecision, schoolYearStart } from '../../src/domain/notices/notice-period';

/** The three-month notice of art. 6 and art. 11, and the start of a school year. */
describe('notices: three months ahead (agreement art. 6 and 11)', () => {
  it('adds calendar months, clamping to the end of a shorter month (leap years too)', () => {
    expect(addMonths('2026-05-01', 3)).to.equal('2026-08-01');
    expect(addMonths('2026-11-30', 3)).to.equal('2027-02-28');
    expect(addMonths('2027-11-30', 3)).to.equal('2028-02-29');
    expect(addMonths('2026-10-31', 3)).to.equal('2027-01-31');
    expect(addMonths('2026-12-15', 1)).to.equal('2027-01-15');
  });

  it('a school year starts on 1 August at midnight, Amsterdam summer time', () => {
    expect(schoolYearStart(2027).toISOString()).to.equal('2027-07-31T22:00:00.000Z');
  });

  it('earliest date: the same Amsterdam wall-clock time three months on, across the clock change', () => {
    // 10 December 2026 14:00 CET → 10 March 2027 14:00 CET; 1 February 2027 12:00 CET → 1 May 12:00 CEST.
    expect(earliestEffective(new Date('2026-12-10T13:00:00Z')).toISOString()).to.equal('2027-03-10T13:00:00.000Z');
    expect(earliestEffective(new Date('2027-02-01T11:00:00Z')).toISOString()).to.equal('2027-05-01T10:00:00.000Z');
  });

  it('allows the start of the school year announced on 1 May at midnight, not a second later', () => {
    const start = schoolYearStart(2027);
    const lastMoment = new Date('2027-04-30T22:00:00Z'); // 1 May 2027 00:00 CEST
    expect(noticePeriodDecision(start, lastMoment)).to.deep.equal({ allowed: true });
    const late = noticePeriodDecision(start, new Date(lastMoment.getTime() + 1000));
    expect(late.allowed).to.equal(false);
    if (!late.allowed) {
      expect(late.reason.nl).to.contain('minstens drie maanden vooraf');
      expect(late.reason.en).to.contain('at least three months ahead').and.contain('1 August 2027');
    }
    expect(noticePeriodDecision(start, new Date('2026-12-01T10:00:00Z')).allowed).to.equal(true);
  });

  it('refuses an invalid date', () => {
    expect(noticePeriodDecision(new Date('x'), new Date()).allowed).to.equal(false);
  });
});

import { expect } from 'chai';
import { amsterdamMidnight } from '../../src/domain/calendar';

describe('Amsterdam calendar days', () => {
  it('starts a day at local midnight in winter (CET) and summer (CEST), and on the days the clocks change', () => {
    expect(amsterdamMidnight('2027-01-01').toISOString()).to.equal('2026-12-31T23:00:00.000Z');
    expect(amsterdamMidnight('2027-07-01').toISOString()).to.equal('2027-06-30T22:00:00.000Z');
    expect(amsterdamMidnight('2027-03-28').toISOString(), 'clocks go forward at 02:00 that night').to.equal('2027-03-27T23:00:00.000Z');
    expect(amsterdamMidnight('2027-10-31').toISOString(), 'clocks go back at 03:00 that night').to.equal('2027-10-30T22:00:00.000Z');
  });
});

import { expect } from 'chai';
import { addOfficeMinutes, disruptionDeadlines, needsAttention } from '../../src/domain/disruptions/response-times';

/** Agreement art. 5: 90 + 90 minutes of office time (08:00–17:00 Amsterdam, working days). */
describe('disruptions: response times in office time (agreement art. 5)', () => {
  // Amsterdam is UTC+1 in winter: 09:00 local = 08:00Z.
  const at = (iso: string) => new Date(iso);

  it('counts within one office day', () => {
    expect(addOfficeMinutes(at('2026-12-01T08:00:00Z'), 90).toISOString()).to.equal('2026-12-01T09:30:00.000Z');
  });

  it('a report before opening counts from 08:00; one after closing from the next working day', () => {
    expect(addOfficeMinutes(at('2026-12-01T05:00:00Z'), 90).toISOString()).to.equal('2026-12-01T08:30:00.000Z');
    expect(addOfficeMinutes(at('2026-12-01T18:00:00Z'), 90).toISOString()).to.equal('2026-12-02T08:30:00.000Z');
  });

  it('carries over closing time, weekends and holidays: Friday 16:30 → Monday 09:00; Christmas Eve 16:00 → 28 December 09:30', () => {
    // Friday 4 December 2026 16:30 local.
    expect(addOfficeMinutes(at('2026-12-04T15:30:00Z'), 90).toISOString()).to.equal('2026-12-07T08:00:00.000Z');
    // Thursday 24 December 16:00 local: 60 minutes that day; 25 and 26 December are holidays, 27th a Sunday.
    expect(addOfficeMinutes(at('2026-12-24T15:00:00Z'), 90).toISOString()).to.equal('2026-12-28T07:30:00.000Z');
  });

  it('crosses the change to summer time at wall-clock office hours', () => {
    // Friday 27 March 2026 16:00 CET: 60 minutes that day → Monday 30 March 08:30 CEST (06:30Z).
    expect(addOfficeMinutes(at('2026-03-27T15:00:00Z'), 90).toISOString()).to.equal('2026-03-30T06:30:00.000Z');
  });

  it('the estimate is due 90 office minutes after the acknowledgement; states: open, due soon, missed, met, late', () => {
    const reportedAt = at('2026-12-01T08:00:00Z'); // 09:00 local
    const fresh = disruptionDeadlines({ reportedAt, acknowledgedAt: null, estimateGivenAt: null }, at('2026-12-01T08:30:00Z'));
    expect(fresh.acknowledgeBy.toISOString()).to.equal('2026-12-01T09:30:00.000Z');
    expect(fresh.estimateBy.toISOString()).to.equal('2026-12-01T11:00:00.000Z');
    expect([fresh.acknowledge, fresh.estimate]).to.deep.equal(['open', 'open']);
    expect(needsAttention(fresh)).to.equal(false);
    const soon = disruptionDeadlines({ reportedAt, acknowledgedAt: null, estimateGivenAt: null }, at('2026-12-01T09:10:00Z'));
    expect(soon.acknowledge).to.equal('due_soon');
    expect(needsAttention(soon)).to.equal(true);
    const missed = disruptionDeadlines({ reportedAt, acknowledgedAt: null, estimateGivenAt: null }, at('2026-12-01T09:31:00Z'));
    expect(missed.acknowledge).to.equal('missed');
    const acked = disruptionDeadlines(
      { reportedAt, acknowledgedAt: at('2026-12-01T08:20:00Z'), estimateGivenAt: null },
      at('2026-12-01T09:31:00Z'),
    );
    expect(acked.acknowledge).to.equal('met');
    expect(acked.estimateBy.toISOString()).to.equal('2026-12-01T09:50:00.000Z');
    expect(acked.estimate).to.equal('due_soon');
    const late = disruptionDeadlines(
      { reportedAt, acknowledgedAt: at('2026-12-01T10:00:00Z'), estimateGivenAt: at('2026-12-01T12:00:00Z') },
      at('2026-12-01T13:00:00Z'),
    );
    expect([late.acknowledge, late.estimate]).to.deep.equal(['late', 'late']);
    expect(needsAttention(late)).to.equal(false);
  });
});

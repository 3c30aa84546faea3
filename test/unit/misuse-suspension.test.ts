import { expect } from 'chai';
import type { MisuseWarning } from '../../src/domain/model';
import { IMMEDIATE_REASONS, isSuspended, suspensionDecision, warningState } from '../../src/domain/misuse/suspension';

/** Product & service agreement art. 12: when a school may be suspended, and what "suspended" means. */
describe('misuse: the suspension rule (agreement art. 12)', () => {
  const now = new Date('2026-12-10T12:00:00Z');
  const warning = (deadline: string, closed: 'measures_taken' | 'withdrawn' | null = null, id = 'w1'): MisuseWarning => ({
    id,
    schoolId: 's',
    observed: 'accounts shared',
    requiredMeasures: 'reset passwords',
    deadline: new Date(deadline),
    issuedAt: new Date('2026-12-01T09:00:00Z'),
    issuedBy: 'operator:x',
    closedAt: closed ? new Date('2026-12-05T09:00:00Z') : null,
    closedBy: closed ? 'operator:x' : null,
    closing: closed,
  });

  it('a school is suspended exactly while suspendedAt is set', () => {
    expect(isSuspended({ suspendedAt: null })).to.equal(false);
    expect(isSuspended({ suspendedAt: now })).to.equal(true);
  });

  it('a warning is open until its deadline, expired from the deadline on, closed once dealt with', () => {
    expect(warningState(warning('2026-12-10T12:00:01Z'), now)).to.equal('open');
    expect(warningState(warning('2026-12-10T12:00:00Z'), now)).to.equal('expired');
    expect(warningState(warning('2026-12-01T12:00:00Z', 'measures_taken'), now)).to.equal('closed');
  });

  it('refuses suspension without any warning, and before the deadline of an open one', () => {
    const none = suspensionDecision([], null, now);
    expect(none.allowed).to.equal(false);
    if (!none.allowed) expect(none.reason.en).to.contain('written warning whose deadline passed');
    const early = suspensionDecision([warning('2026-12-11T12:00:00Z')], null, now);
    expect(early.allowed).to.equal(false);
    if (!early.allowed) {
      expect(early.reason.nl).to.contain('11 december 2026');
      expect(early.reason.en).to.contain('11 December 2026');
    }
  });

  it('refuses on a warning that was closed (measures taken or withdrawn), however late', () => {
    for (const closing of ['measures_taken', 'withdrawn'] as const)
      expect(suspensionDecision([warning('2026-12-05T12:00:00Z', closing)], null, now).allowed).to.equal(false);
  });

  it('allows it on an expired warning, resting on the earliest one', () => {
    const d = suspensionDecision(
      [
        warning('2026-12-09T12:00:00Z', null, 'later'),
        warning('2026-12-08T12:00:00Z', null, 'earlier'),
        warning('2026-12-20T12:00:00Z', null, 'open'),
      ],
      null,
      now,
    );
    expect(d).to.deep.equal({ allowed: true, basis: 'expired_warning', warningId: 'earlier' });
  });

  it('allows it at once only for a reason the agreement allows', () => {
    for (const reason of Object.keys(IMMEDIATE_REASONS))
      expect(suspensionDecision([], reason, now)).to.deep.equal({ allowed: true, basis: 'immediate', reason });
    const made_up = suspensionDecision([], 'bad_mood', now);
    expect(made_up.allowed).to.equal(false);
    if (!made_up.allowed) expect(made_up.reason.en).to.contain("'bad_mood' is not a reason");
    expect(suspensionDecision([], 'toString', now).allowed, 'no prototype keys').to.equal(false);
  });
});

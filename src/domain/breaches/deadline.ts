import type { Breach } from './model';

/**
 * The notification deadline of security annex C — its one home: the delegates of every affected school
 * are told within 24 hours after the breach is confirmed (real time, not working hours: a breach confirmed
 * on Friday evening is told by Saturday evening). The clock starts at confirmation, not at detection: what
 * is recorded first may turn out not to be a breach; once confirmed, the schools must hear it.
 */
export const NOTIFY_WITHIN_HOURS = 24;

export type NotificationState =
  /** Recorded, not (yet) confirmed as a breach: no clock runs. */
  | { readonly state: 'unconfirmed' }
  /** Confirmed, not notified, the deadline not passed. */
  | { readonly state: 'due'; readonly deadline: Date; readonly msLeft: number }
  /** Confirmed, not notified, past the deadline: shown as overdue. */
  | { readonly state: 'overdue'; readonly deadline: Date; readonly msOver: number }
  | { readonly state: 'notified'; readonly deadline: Date; readonly late: boolean };

export function notificationDeadline(confirmedAt: Date): Date {
  return new Date(confirmedAt.getTime() + NOTIFY_WITHIN_HOURS * 3_600_000);
}

/** Where a breach stands against the deadline at `now`. Exactly at the deadline is still in time. */
export function notificationState(breach: Pick<Breach, 'confirmedAt' | 'notifiedAt'>, now: Date): NotificationState {
  if (!breach.confirmedAt) return { state: 'unconfirmed' };
  const deadline = notificationDeadline(breach.confirmedAt);
  if (breach.notifiedAt) return { state: 'notified', deadline, late: breach.notifiedAt > deadline };
  const left = deadline.getTime() - now.getTime();
  return left >= 0 ? { state: 'due', deadline, msLeft: left } : { state: 'overdue', deadline, msOver: -left };
}

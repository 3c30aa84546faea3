import { addDays, amsterdamAt, amsterdamTime, isWorkingDay } from '../calendar';

/**
 * Response times for disruptions (product & service agreement art. 5) — the rule's one home. During office
 * hours on working days a report is acknowledged within 90 minutes, and an estimated repair time follows
 * within 90 minutes after the acknowledgement. The clock runs only during office hours: a report at 16:30
 * on a Friday is due for acknowledgement at 09:00 on Monday (30 minutes Friday + 60 minutes Monday).
 *
 * Office hours: 08:00–17:00 Amsterdam time on working days (calendar.ts: Monday–Friday without the holidays
 * of the Algemene termijnenwet). The hours are our reading; the agreement's text is not in this repository
 * (docs/notices.md).
 */
export const OFFICE_FROM_HOUR = 8;
export const OFFICE_UNTIL_HOUR = 17;
export const ACKNOWLEDGE_MINUTES = 90;
export const ESTIMATE_MINUTES = 90;
/** The console warns this long (real time) before a deadline is missed. */
export const WARN_BEFORE_MINUTES = 30;

/** The instant after `minutes` of office time, counted from `from` (outside office hours: from the next opening). */
export function addOfficeMinutes(from: Date, minutes: number): Date {
  let remaining = minutes * 60_000;
  let at = from;
  // At most a few hundred iterations: one per office day crossed.
  for (;;) {
    const { day } = amsterdamTime(at);
    const open = amsterdamAt(day, OFFICE_FROM_HOUR, 0);
    const close = amsterdamAt(day, OFFICE_UNTIL_HOUR, 0);
    if (isWorkingDay(day) && at < close) {
      const start = new Date(Math.max(at.getTime(), open.getTime()));
      const available = close.getTime() - start.getTime();
      if (remaining <= available) return new Date(start.getTime() + remaining);
      remaining -= available;
    }
    at = amsterdamAt(addDays(day, 1), 0, 0);
  }
}

export interface DisruptionTimes {
  readonly reportedAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly estimateGivenAt: Date | null;
}

export type DeadlineState = 'met' | 'late' | 'open' | 'due_soon' | 'missed';

export interface DisruptionDeadlines {
  readonly acknowledgeBy: Date;
  /** Counted from the acknowledgement, or from its deadline while there is none. */
  readonly estimateBy: Date;
  readonly acknowledge: DeadlineState;
  readonly estimate: DeadlineState;
}

function state(due: Date, doneAt: Date | null, now: Date): DeadlineState {
  if (doneAt) return doneAt <= due ? 'met' : 'late';
  if (now > due) return 'missed';
  return due.getTime() - now.getTime() <= WARN_BEFORE_MINUTES * 60_000 ? 'due_soon' : 'open';
}

export function disruptionDeadlines(d: DisruptionTimes, now: Date): DisruptionDeadlines {
  const acknowledgeBy = addOfficeMinutes(d.reportedAt, ACKNOWLEDGE_MINUTES);
  const estimateBy = addOfficeMinutes(d.acknowledgedAt ?? acknowledgeBy, ESTIMATE_MINUTES);
  return {
    acknowledgeBy,
    estimateBy,
    acknowledge: state(acknowledgeBy, d.acknowledgedAt, now),
    estimate: state(estimateBy, d.estimateGivenAt, now),
  };
}

/** Whether the console must flag the report: a deadline about to be missed, or missed. */
export const needsAttention = (dl: DisruptionDeadlines): boolean =>
  [dl.acknowledge, dl.estimate].some((s) => s === 'due_soon' || s === 'missed');

/**
 * The hub's one calendar: Europe/Amsterdam days and wall-clock times, and which days are working days.
 * Every rule that speaks of "a day", "a working day" or "16:00" in the agreements reads it from here.
 */
const ZONE = 'Europe/Amsterdam';

/** Midnight at the start of a calendar day (YYYY-MM-DD) in Europe/Amsterdam, CET or CEST as that day has it. */
export function amsterdamMidnight(day: string): Date {
  for (const offset of ['+01:00', '+02:00']) {
    const d = new Date(`${day}T00:00:00${offset}`);
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' }).format(d);
    if (hour === '00') return d;
  }
  return new Date(`${day}T00:00:00+01:00`);
}

/** An instant as an Amsterdam wall clock shows it. */
export interface AmsterdamTime {
  /** Calendar day, YYYY-MM-DD. */
  readonly day: string;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Seconds since local midnight by the wall clock (0 … 86 399). */
  readonly secondOfDay: number;
}

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export function amsterdamTime(at: Date): AmsterdamTime {
  const parts = Object.fromEntries(wallClock.formatToParts(at).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  const second = Number(parts.second);
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour, minute, second, secondOfDay: hour * 3600 + minute * 60 + second };
}

/** A calendar day (YYYY-MM-DD) plus `n` days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * A calendar day (YYYY-MM-DD) plus `n` calendar months; a day the target month lacks becomes its last day
 * (30 November + 3 months = 28 or 29 February), as Dutch law counts a period of months.
 */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * The instant an Amsterdam wall clock shows `hh:mm` on `day`. In the hour the clocks skip (last Sunday
 * of March, 02:00–03:00) the time does not exist and the instant an hour later is meant; in the hour they
 * repeat (last Sunday of October, 02:00–03:00) the first of the two (CEST) is meant.
 */
export function amsterdamAt(day: string, hh: number, mm: number): Date {
  const wall = `${day}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00`;
  for (const offset of ['+02:00', '+01:00']) {
    const d = new Date(`${wall}${offset}`);
    const shown = amsterdamTime(d);
    if (shown.day === day && shown.hour === hh && shown.minute === mm) return d;
  }
  return new Date(`${wall}+01:00`);
}

/**
 * A date-time as an operator types it: with an offset or Z (an exact instant), or without one
 * (`2026-12-08T23:00`, as a browser's datetime-local field sends it), read as Amsterdam wall-clock time.
 * null when it is neither.
 */
export function parseAmsterdamDateTime(text: string): Date | null {
  const s = text.trim();
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(s);
  if (local) {
    const [, day, hh, mm] = local;
    const date = new Date(`${day}T00:00:00Z`);
    // Also refuses days that do not exist (2026-02-30 would otherwise roll over into March).
    if (Number(hh) > 23 || Number(mm) > 59 || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) return null;
    return amsterdamAt(day!, Number(hh), Number(mm));
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Easter Sunday of a year (Gregorian; the anonymous "Meeus/Jones/Butcher" computus), as YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The public holidays of the Algemene termijnenwet (art. 3), the Dutch statute that says which days count
 * as non-working days for deadlines: New Year's Day, Easter Monday, Ascension Day, Whit Monday, King's
 * Day (27 April, the 26th when the 27th is a Sunday), Liberation Day (5 May, every year) and both
 * Christmas days. (Easter and Whit Sunday fall on a Sunday anyway; Good Friday is not among them.)
 */
export function publicHolidays(year: number): ReadonlySet<string> {
  const easter = easterSunday(year);
  const kingsDay = new Date(`${year}-04-27T12:00:00Z`).getUTCDay() === 0 ? `${year}-04-26` : `${year}-04-27`;
  return new Set([
    `${year}-01-01`,
    addDays(easter, 1),
    addDays(easter, 39),
    addDays(easter, 50),
    kingsDay,
    `${year}-05-05`,
    `${year}-12-25`,
    `${year}-12-26`,
  ]);
}

/**
 * A working day: Monday to Friday and not a public holiday of the Algemene termijnenwet — the same
 * definition Dutch law uses for deadlines, so a school reads "werkdag" in the agreement as the hub does.
 */
export function isWorkingDay(day: string): boolean {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(Number(day.slice(0, 4))).has(day);
}

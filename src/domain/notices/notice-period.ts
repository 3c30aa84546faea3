import { addMonths, amsterdamAt, amsterdamMidnight, amsterdamTime } from '../calendar';
import type { Bilingual } from '../maintenance/notice';

/**
 * The three-month notice of the product & service agreement — its one home, for ending the service
 * (art. 11) and for withdrawing support for a browser (art. 6): the change may take effect no earlier than
 * three calendar months after it was announced, counted on the Amsterdam calendar at the same wall-clock
 * time (announced 30 November 14:00 → from 28/29 February 14:00; `calendar.addMonths`).
 */
export const NOTICE_MONTHS = 3;

/** The first instant a change announced at `announcedAt` may take effect. */
export function earliestEffective(announcedAt: Date): Date {
  const t = amsterdamTime(announcedAt);
  const at = amsterdamAt(addMonths(t.day, NOTICE_MONTHS), t.hour, t.minute);
  // Seconds count too: announced at 14:00:30 means not before 14:00:30 three months on.
  return new Date(at.getTime() + t.second * 1000 + announcedAt.getUTCMilliseconds());
}

export type NoticePeriodDecision = { readonly allowed: true } | { readonly allowed: false; readonly reason: Bilingual };

const fmt = {
  nl: new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', dateStyle: 'long', timeStyle: 'short' }),
};

/** May a change taking effect at `effectiveAt`, announced at `announcedAt`, be announced? */
export function noticePeriodDecision(effectiveAt: Date, announcedAt: Date): NoticePeriodDecision {
  if (Number.isNaN(effectiveAt.getTime()))
    return { allowed: false, reason: { nl: 'De datum is geen geldige tijd.', en: 'The date is not a valid time.' } };
  const earliest = earliestEffective(announcedAt);
  if (effectiveAt >= earliest) return { allowed: true };
  return {
    allowed: false,
    reason: {
      nl: `Dit moet minstens drie maanden vooraf worden aangekondigd: vandaag aangekondigd gaat het op zijn vroegst in op ${fmt.nl.format(earliest)} (Nederlandse tijd).`,
      en: `This must be announced at least three months ahead: announced today it can take effect on ${fmt.en.format(earliest)} (Dutch time) at the earliest.`,
    },
  };
}

/**
 * The start of a school year: 1 August, 00:00 Amsterdam time. Our reading of "the start of a school year"
 * in art. 11 (the agreement's text is not in this repository): the Dutch school year for primary schools
 * runs from 1 August to 31 July (Wet op het primair onderwijs), and licences here run until 1 August too.
 * `year` is the calendar year in which that school year begins (2027 → school year 2027–2028).
 */
export function schoolYearStart(year: number): Date {
  return amsterdamMidnight(`${String(year).padStart(4, '0')}-08-01`);
}

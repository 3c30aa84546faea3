"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.OFF_HOURS_UNTIL = exports.OFF_HOURS_FROM = exports.SHORT_WINDOW_MS = exports.MIN_NOTICE_HOURS = void 0;
exports.maintenanceNoticeDecision = maintenanceNoticeDecision;
const calendar_1 = require("../calendar");
/**
 * The notice rule of the product & service agreement, art. 4 — its one home. Maintenance is announced to
 * the schools at least 3 days (72 hours, counted in real time, so a clock change does not shorten it)
 * before it starts. Shorter notice is allowed only for a window that lasts less than 5 minutes, lies
 * entirely within 16:00–07:00 Amsterdam time (outside school hours) and starts on a working day.
 *
 * Precisely, for the exception: the window's start, as an Amsterdam wall clock shows it, falls on a
 * working day (calendar.ts: Monday–Friday without the holidays of the Algemene termijnenwet) at or after
 * 16:00 or before 07:00; its end is no later than the first 07:00 after the start (that day's when the
 * start is before 07:00, the next day's when it is from 16:00); and end − start < 5 minutes. A window
 * starting Friday 23:58 qualifies (Friday is a working day); one starting Saturday 02:00 does not.
 */
exports.MIN_NOTICE_HOURS = 72;
exports.SHORT_WINDOW_MS = 5 * 60_000;
exports.OFF_HOURS_FROM = 16;
exports.OFF_HOURS_UNTIL = 7;
/** Why a short-notice window is not the exception; null when it is. */
function shortOffHoursProblem(startsAt, endsAt) {
    if (endsAt.getTime() - startsAt.getTime() >= exports.SHORT_WINDOW_MS)
        return { nl: 'het duurt 5 minuten of langer', en: 'it lasts 5 minutes or longer' };
    const start = (0, calendar_1.amsterdamTime)(startsAt);
    if (!(0, calendar_1.isWorkingDay)(start.day))
        return { nl: `het begint niet op een werkdag (${start.day})`, en: `it does not start on a working day (${start.day})` };
    const inEvening = start.hour >= exports.OFF_HOURS_FROM;
    if (!inEvening && start.hour >= exports.OFF_HOURS_UNTIL)
        return { nl: 'het begint tussen 07:00 en 16:00', en: 'it starts between 07:00 and 16:00' };
    const offHoursEnd = (0, calendar_1.amsterdamAt)(inEvening ? (0, calendar_1.addDays)(start.day, 1) : start.day, exports.OFF_HOURS_UNTIL, 0);
    if (endsAt > offHoursEnd)
        return { nl: 'het loopt door na 07:00', en: 'it runs past 07:00' };
    return null;
}
/** May a window from `startsAt` to `endsAt`, announced at `announcedAt`, be scheduled? */
function maintenanceNoticeDecision(window, announcedAt) {
    const { startsAt, endsAt } = window;
    if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime()))
        return { allowed: false, reason: { nl: 'Begin en einde moeten geldige tijden zijn.', en: 'Start and end must be valid times.' } };
    if (endsAt <= startsAt)
        return { allowed: false, reason: { nl: 'Het einde moet na het begin liggen.', en: 'The end must be after the start.' } };
    if (startsAt <= announcedAt)
        return {
            allowed: false,
            reason: { nl: 'Het onderhoud moet in de toekomst beginnen.', en: 'The maintenance must start in the future.' },
        };
    const noticeMs = startsAt.getTime() - announcedAt.getTime();
    if (noticeMs >= exports.MIN_NOTICE_HOURS * 3_600_000)
        return { allowed: true, basis: 'notice' };
    const problem = shortOffHoursProblem(startsAt, endsAt);
    if (!problem)
        return { allowed: true, basis: 'short_off_hours' };
    const hours = Math.floor(noticeMs / 3_600_000);
    const minutes = Math.floor((noticeMs % 3_600_000) / 60_000);
    return {
        allowed: false,
        reason: {
            nl: `Onderhoud moet minstens 3 dagen (72 uur) vooraf worden aangekondigd; dit begint over ${hours} uur en ${minutes} minuten. ` +
                `Korter vooraf mag alleen als het korter dan 5 minuten duurt en helemaal tussen 16:00 en 07:00 (Nederlandse tijd) valt, beginnend op een werkdag — en ${problem.nl}.`,
            en: `Maintenance must be announced at least 3 days (72 hours) ahead; this starts in ${hours} hours and ${minutes} minutes. ` +
                `Shorter notice is allowed only when it lasts less than 5 minutes and lies entirely between 16:00 and 07:00 (Dutch time), starting on a working day — and ${problem.en}.`,
        },
    };
}
//# sourceMappingURL=notice.js.map
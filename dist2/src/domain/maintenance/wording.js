"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.formatWhen = formatWhen;
exports.formatPeriod = formatPeriod;
exports.scheduledMail = scheduledMail;
exports.cancelledMail = cancelledMail;
/**
 * How a maintenance window is written for schools — in the mails and on the status page alike: Amsterdam
 * wall-clock time, Dutch first, English beside it.
 */
const formats = {
    nl: new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'full', timeStyle: 'short' }),
    en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', dateStyle: 'full', timeStyle: 'short' }),
};
function formatWhen(at, lang) {
    return formats[lang].format(at);
}
/** "dinsdag 8 december 2026 om 23:00 tot woensdag 9 december 2026 om 01:00 (Nederlandse tijd)" and its English. */
function formatPeriod(w, lang) {
    return lang === 'nl'
        ? `van ${formatWhen(w.startsAt, 'nl')} tot ${formatWhen(w.endsAt, 'nl')} (Nederlandse tijd)`
        : `from ${formatWhen(w.startsAt, 'en')} until ${formatWhen(w.endsAt, 'en')} (Dutch time)`;
}
function scheduledMail(w, baseUrl) {
    return {
        subject: 'Leerpoort: gepland onderhoud / planned maintenance',
        body: [
            `Wegens onderhoud is Leerpoort mogelijk niet bereikbaar ${formatPeriod(w, 'nl')}.`,
            `Wat er gebeurt: ${w.descriptionNl}`,
            `Actuele stand: ${baseUrl}/status`,
            '',
            `Because of maintenance, Leerpoort may be unavailable ${formatPeriod(w, 'en')}.`,
            `What happens: ${w.descriptionEn}`,
            `Current status: ${baseUrl}/status`,
        ].join('\n'),
    };
}
function cancelledMail(w, baseUrl) {
    return {
        subject: 'Leerpoort: onderhoud geannuleerd / maintenance cancelled',
        body: [
            `Het aangekondigde onderhoud ${formatPeriod(w, 'nl')} gaat niet door.`,
            `Actuele stand: ${baseUrl}/status`,
            '',
            `The announced maintenance ${formatPeriod(w, 'en')} has been cancelled.`,
            `Current status: ${baseUrl}/status`,
        ].join('\n'),
    };
}
//# sourceMappingURL=wording.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const notice_1 = require("../../src/domain/maintenance/notice");
/**
 * The notice rule of art. 4 as a table: at least 72 hours ahead, or shorter than 5 minutes, within
 * 16:00–07:00 Amsterdam time, starting on a working day. Every edge the agreement names, both sides.
 */
const at = (iso) => new Date(iso);
// December 2026 is CET (+01:00). Tuesday 8 December is a working day; the 12th/13th a weekend.
const CASES = [
    // Duration: strictly less than 5 minutes.
    {
        name: '4m59s at 23:00',
        start: '2026-12-08T23:00:00+01:00',
        end: '2026-12-08T23:04:59+01:00',
        expect: 'short_off_hours',
    },
    {
        name: 'exactly 5m at 23:00',
        start: '2026-12-08T23:00:00+01:00',
        end: '2026-12-08T23:05:00+01:00',
        expect: { refused: 'lasts 5 minutes or longer' },
    },
    // Evening boundary: from 16:00.
    {
        name: 'starts 15:59',
        start: '2026-12-08T15:59:00+01:00',
        end: '2026-12-08T16:03:00+01:00',
        expect: { refused: 'starts between 07:00 and 16:00' },
    },
    {
        name: 'starts 16:00',
        start: '2026-12-08T16:00:00+01:00',
        end: '2026-12-08T16:04:00+01:00',
        expect: 'short_off_hours',
    },
    // Morning boundary: ends by 07:00.
    {
        name: 'ends 06:59',
        start: '2026-12-09T06:55:00+01:00',
        end: '2026-12-09T06:59:00+01:00',
        expect: 'short_off_hours',
    },
    {
        name: 'ends exactly 07:00',
        start: '2026-12-09T06:56:00+01:00',
        end: '2026-12-09T07:00:00+01:00',
        expect: 'short_off_hours',
    },
    {
        name: 'ends 07:01',
        start: '2026-12-09T06:58:00+01:00',
        end: '2026-12-09T07:01:00+01:00',
        expect: { refused: 'runs past 07:00' },
    },
    {
        name: 'starts 07:00',
        start: '2026-12-09T07:00:00+01:00',
        end: '2026-12-09T07:04:00+01:00',
        expect: { refused: 'starts between 07:00 and 16:00' },
    },
    // Working days: the start's Amsterdam calendar day.
    {
        name: 'Friday 23:58 into Saturday',
        start: '2026-12-11T23:58:00+01:00',
        end: '2026-12-12T00:02:00+01:00',
        expect: 'short_off_hours',
    },
    {
        name: 'Saturday 02:00',
        start: '2026-12-12T02:00:00+01:00',
        end: '2026-12-12T02:04:00+01:00',
        expect: { refused: 'does not start on a working day (2026-12-12)' },
    },
    {
        name: 'Sunday 23:58',
        start: '2026-12-13T23:58:00+01:00',
        end: '2026-12-14T00:02:00+01:00',
        expect: { refused: 'does not start on a working day (2026-12-13)' },
    },
    {
        name: 'Monday 00:30',
        start: '2026-12-14T00:30:00+01:00',
        end: '2026-12-14T00:34:00+01:00',
        expect: 'short_off_hours',
    },
    {
        name: 'Christmas Day (a Friday) 20:00',
        announced: '2026-12-24T12:00:00+01:00',
        start: '2026-12-25T20:00:00+01:00',
        end: '2026-12-25T20:04:00+01:00',
        expect: { refused: 'not start on a working day (2026-12-25)' },
    },
    {
        name: 'Christmas Eve 23:58',
        announced: '2026-12-24T12:00:00+01:00',
        start: '2026-12-24T23:58:00+01:00',
        end: '2026-12-25T00:02:00+01:00',
        expect: 'short_off_hours',
    },
    {
        name: "King's Day 2026 (Monday 27 April) 22:00",
        announced: '2026-04-26T12:00:00+02:00',
        start: '2026-04-27T22:00:00+02:00',
        end: '2026-04-27T22:04:00+02:00',
        expect: { refused: 'working day (2026-04-27)' },
    },
    // The days the clocks change (always a Sunday) and the nights around them, by Amsterdam wall clock.
    {
        name: 'Sunday 29 March 2026 03:10 CEST (clocks went forward)',
        announced: '2026-03-28T12:00:00+01:00',
        start: '2026-03-29T03:10:00+02:00',
        end: '2026-03-29T03:14:00+02:00',
        expect: { refused: 'working day (2026-03-29)' },
    },
    {
        name: 'Sunday 25 October 2026 02:30 CET (the repeated hour)',
        announced: '2026-10-24T12:00:00+02:00',
        start: '2026-10-25T02:30:00+01:00',
        end: '2026-10-25T02:34:00+01:00',
        expect: { refused: 'working day (2026-10-25)' },
    },
    {
        name: 'Friday 27 March 2026 04:58Z = 05:58 CET',
        announced: '2026-03-26T12:00:00Z',
        start: '2026-03-27T04:58:00Z',
        end: '2026-03-27T05:01:00Z',
        expect: 'short_off_hours',
    },
    {
        name: 'Monday 30 March 2026 04:58Z = 06:58 CEST: the same UTC times now end past 07:00',
        announced: '2026-03-29T12:00:00Z',
        start: '2026-03-30T04:58:00Z',
        end: '2026-03-30T05:01:00Z',
        expect: { refused: 'runs past 07:00' },
    },
    {
        name: 'Monday 26 October 2026 05:58Z = 06:58 CET (summer time ended)',
        announced: '2026-10-25T12:00:00Z',
        start: '2026-10-26T05:58:00Z',
        end: '2026-10-26T06:01:00Z',
        expect: { refused: 'runs past 07:00' },
    },
    {
        name: 'Monday 26 October 2026 05:55Z = 06:55 CET',
        announced: '2026-10-25T12:00:00Z',
        start: '2026-10-26T05:55:00Z',
        end: '2026-10-26T05:59:00Z',
        expect: 'short_off_hours',
    },
    // 72 hours of real time, whatever the wall clock says.
    {
        name: 'exactly 72h ahead, a day-time window of 2 hours',
        announced: '2026-12-05T10:00:00+01:00',
        start: '2026-12-08T10:00:00+01:00',
        end: '2026-12-08T12:00:00+01:00',
        expect: 'notice',
    },
    {
        name: '71h59m59s ahead',
        announced: '2026-12-05T10:00:01+01:00',
        start: '2026-12-08T10:00:00+01:00',
        end: '2026-12-08T12:00:00+01:00',
        expect: { refused: 'at least 3 days (72 hours) ahead; this starts in 71 hours and 59 minutes' },
    },
    {
        name: 'across the autumn change: Thu 10:00 CEST → Sun 09:00 CET is 72h',
        announced: '2026-10-22T10:00:00+02:00',
        start: '2026-10-25T09:00:00+01:00',
        end: '2026-10-25T11:00:00+01:00',
        expect: 'notice',
    },
    {
        name: 'across the autumn change: Sun 08:59 CET is 71h59m',
        announced: '2026-10-22T10:00:00+02:00',
        start: '2026-10-25T08:59:00+01:00',
        end: '2026-10-25T11:00:00+01:00',
        expect: { refused: '71 hours and 59 minutes' },
    },
    {
        name: 'across the spring change: Thu 10:00 CET → Sun 10:00 CEST is only 71h',
        announced: '2026-03-26T10:00:00+01:00',
        start: '2026-03-29T10:00:00+02:00',
        end: '2026-03-29T11:00:00+02:00',
        expect: { refused: '71 hours and 0 minutes' },
    },
    // Nonsense windows.
    {
        name: 'end equal to start',
        start: '2026-12-20T23:00:00+01:00',
        end: '2026-12-20T23:00:00+01:00',
        expect: { refused: 'The end must be after the start' },
    },
    {
        name: 'end before start',
        start: '2026-12-20T23:00:00+01:00',
        end: '2026-12-20T22:00:00+01:00',
        expect: { refused: 'The end must be after the start' },
    },
    {
        name: 'starts in the past',
        announced: '2026-12-07T12:00:00+01:00',
        start: '2026-12-07T11:00:00+01:00',
        end: '2026-12-07T11:01:00+01:00',
        expect: { refused: 'must start in the future' },
    },
];
describe('maintenance notice rule (agreement art. 4)', () => {
    for (const c of CASES) {
        it(`${c.name} → ${typeof c.expect === 'string' ? `allowed (${c.expect})` : 'refused'}`, () => {
            const announced = c.announced ? at(c.announced) : new Date(at(c.start).getTime() - 86_400_000);
            const d = (0, notice_1.maintenanceNoticeDecision)({ startsAt: at(c.start), endsAt: at(c.end) }, announced);
            if (typeof c.expect === 'string') {
                (0, chai_1.expect)(d, JSON.stringify(d)).to.deep.equal({ allowed: true, basis: c.expect });
            }
            else {
                (0, chai_1.expect)(d.allowed).to.equal(false);
                if (d.allowed)
                    return;
                (0, chai_1.expect)(d.reason.en).to.contain(c.expect.refused);
                (0, chai_1.expect)(d.reason.nl, 'a Dutch reason beside the English one').to.match(/[a-z]/);
                (0, chai_1.expect)(d.reason.nl).not.to.equal(d.reason.en);
            }
        });
    }
    it('a refusal for short notice says in both languages what the exception is and why this window is not it', () => {
        const d = (0, notice_1.maintenanceNoticeDecision)({ startsAt: at('2026-12-12T02:00:00+01:00'), endsAt: at('2026-12-12T02:04:00+01:00') }, at('2026-12-11T12:00:00+01:00'));
        (0, chai_1.expect)(d).to.deep.equal({
            allowed: false,
            reason: {
                nl: 'Onderhoud moet minstens 3 dagen (72 uur) vooraf worden aangekondigd; dit begint over 14 uur en 0 minuten. Korter vooraf mag alleen als het korter dan 5 minuten duurt en helemaal tussen 16:00 en 07:00 (Nederlandse tijd) valt, beginnend op een werkdag — en het begint niet op een werkdag (2026-12-12).',
                en: 'Maintenance must be announced at least 3 days (72 hours) ahead; this starts in 14 hours and 0 minutes. Shorter notice is allowed only when it lasts less than 5 minutes and lies entirely between 16:00 and 07:00 (Dutch time), starting on a working day — and it does not start on a working day (2026-12-12).',
            },
        });
    });
});
//# sourceMappingURL=maintenance-notice.test.js.map
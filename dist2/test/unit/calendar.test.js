"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const calendar_1 = require("../../src/domain/calendar");
describe('Amsterdam calendar days', () => {
    it('starts a day at local midnight in winter (CET) and summer (CEST), and on the days the clocks change', () => {
        (0, chai_1.expect)((0, calendar_1.amsterdamMidnight)('2027-01-01').toISOString()).to.equal('2026-12-31T23:00:00.000Z');
        (0, chai_1.expect)((0, calendar_1.amsterdamMidnight)('2027-07-01').toISOString()).to.equal('2027-06-30T22:00:00.000Z');
        (0, chai_1.expect)((0, calendar_1.amsterdamMidnight)('2027-03-28').toISOString(), 'clocks go forward at 02:00 that night').to.equal('2027-03-27T23:00:00.000Z');
        (0, chai_1.expect)((0, calendar_1.amsterdamMidnight)('2027-10-31').toISOString(), 'clocks go back at 03:00 that night').to.equal('2027-10-30T22:00:00.000Z');
    });
});
describe('Amsterdam wall clock and working days', () => {
    it('Easter Sunday by the computus', () => {
        (0, chai_1.expect)(['2024', '2025', '2026', '2027', '2038'].map((y) => (0, calendar_1.easterSunday)(Number(y)))).to.deep.equal([
            '2024-03-31',
            '2025-04-20',
            '2026-04-05',
            '2027-03-28',
            '2038-04-25',
        ]);
    });
    it('working days: Monday–Friday without the holidays of the Algemene termijnenwet', () => {
        const table = [
            ['2026-12-08', true, 'a Tuesday'],
            ['2026-12-12', false, 'Saturday'],
            ['2026-12-13', false, 'Sunday'],
            ['2026-01-01', false, "New Year's Day"],
            ['2026-04-03', true, 'Good Friday is not a holiday of the statute'],
            ['2026-04-06', false, 'Easter Monday'],
            ['2026-04-27', false, "King's Day"],
            ['2025-04-26', false, "King's Day 2025 (the 27th was a Sunday) — a Saturday anyway"],
            ['2031-04-26', false, "King's Day 2031 moves to Saturday the 26th"],
            ['2031-04-28', true, 'the Monday after'],
            ['2026-05-05', false, 'Liberation Day, every year'],
            ['2026-05-14', false, 'Ascension Day'],
            ['2026-05-25', false, 'Whit Monday'],
            ['2026-12-25', false, 'Christmas Day'],
            ['2026-12-28', true, 'the Monday after Christmas'],
            ['2026-03-27', true, 'the Friday before the clocks change'],
            ['2026-03-30', true, 'the Monday after'],
        ];
        for (const [day, working, why] of table)
            (0, chai_1.expect)((0, calendar_1.isWorkingDay)(day), `${day}: ${why}`).to.equal(working);
    });
    it('reads an operator’s time as Amsterdam wall clock, including the hours the clocks skip and repeat', () => {
        const table = [
            ['2026-12-08T23:00', '2026-12-08T22:00:00.000Z'],
            ['2026-07-01 09:30', '2026-07-01T07:30:00.000Z'],
            ['2026-03-29T01:59', '2026-03-29T00:59:00.000Z'],
            ['2026-03-29T02:30', '2026-03-29T01:30:00.000Z'], // does not exist: an hour later, 03:30 CEST
            ['2026-03-29T03:00', '2026-03-29T01:00:00.000Z'],
            ['2026-10-25T02:30', '2026-10-25T00:30:00.000Z'], // happens twice: the first (CEST)
            ['2026-10-25T03:00', '2026-10-25T02:00:00.000Z'],
            ['2026-12-08T22:00Z', '2026-12-08T22:00:00.000Z'],
            ['2026-12-08T23:00:00+01:00', '2026-12-08T22:00:00.000Z'],
            ['2026-02-30T10:00', null],
            ['2026-12-08T24:00', null],
            ['2026-12-08', null],
            ['morgen', null],
        ];
        for (const [text, iso] of table)
            (0, chai_1.expect)((0, calendar_1.parseAmsterdamDateTime)(text)?.toISOString() ?? null, text).to.equal(iso);
    });
    it('shows an instant as the Amsterdam wall clock does', () => {
        (0, chai_1.expect)((0, calendar_1.amsterdamTime)(new Date('2026-10-25T00:30:00Z'))).to.include({ day: '2026-10-25', hour: 2, minute: 30 });
        (0, chai_1.expect)((0, calendar_1.amsterdamTime)(new Date('2026-10-25T01:30:00Z'))).to.include({ day: '2026-10-25', hour: 2, minute: 30 });
        (0, chai_1.expect)((0, calendar_1.amsterdamTime)(new Date('2026-12-31T23:30:00Z'))).to.include({ day: '2027-01-01', hour: 0, minute: 30 });
        (0, chai_1.expect)((0, calendar_1.amsterdamAt)('2026-12-09', 7, 0).toISOString()).to.equal('2026-12-09T06:00:00.000Z');
        (0, chai_1.expect)((0, calendar_1.amsterdamAt)('2026-03-30', 7, 0).toISOString()).to.equal('2026-03-30T05:00:00.000Z');
    });
});
//# sourceMappingURL=calendar.test.js.map
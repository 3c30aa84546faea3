"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const wording_1 = require("../../src/domain/maintenance/wording");
const window = (startsAt, endsAt) => ({
    id: 'w1',
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    descriptionNl: 'Nieuwe databaseserver',
    descriptionEn: 'New database server',
    scheduledAt: new Date('2026-12-01T10:00:00Z'),
    scheduledBy: 'cli:test',
    cancelledAt: null,
    cancelledBy: null,
});
describe('maintenance wording (mails and status page)', () => {
    it('writes the period in Amsterdam wall-clock time, in winter and in summer', () => {
        const winter = window('2026-12-08T22:00:00Z', '2026-12-09T00:00:00Z');
        (0, chai_1.expect)((0, wording_1.formatPeriod)(winter, 'nl')).to.equal('van dinsdag 8 december 2026 om 23:00 tot woensdag 9 december 2026 om 01:00 (Nederlandse tijd)');
        (0, chai_1.expect)((0, wording_1.formatPeriod)(winter, 'en')).to.equal('from Tuesday, 8 December 2026 at 23:00 until Wednesday, 9 December 2026 at 01:00 (Dutch time)');
        (0, chai_1.expect)((0, wording_1.formatPeriod)(window('2026-07-01T20:00:00Z', '2026-07-01T20:04:00Z'), 'nl')).to.contain('woensdag 1 juli 2026 om 22:00 tot');
    });
    it('mails Dutch first and English beside it, with the description and the status page', () => {
        const w = window('2026-12-08T22:00:00Z', '2026-12-09T00:00:00Z');
        const mail = (0, wording_1.scheduledMail)(w, 'https://leerpoort.example');
        (0, chai_1.expect)(mail.subject).to.equal('Leerpoort: gepland onderhoud / planned maintenance');
        const [nl, en] = mail.body.split('\n\n');
        (0, chai_1.expect)(nl)
            .to.contain('Wegens onderhoud')
            .and.to.contain('Wat er gebeurt: Nieuwe databaseserver')
            .and.to.contain('https://leerpoort.example/status');
        (0, chai_1.expect)(en).to.contain('Because of maintenance').and.to.contain('What happens: New database server');
        const cancelled = (0, wording_1.cancelledMail)(w, 'https://leerpoort.example');
        (0, chai_1.expect)(cancelled.subject).to.equal('Leerpoort: onderhoud geannuleerd / maintenance cancelled');
        (0, chai_1.expect)(cancelled.body.indexOf('gaat niet door')).to.be.lessThan(cancelled.body.indexOf('has been cancelled'));
    });
});
//# sourceMappingURL=maintenance-wording.test.js.map
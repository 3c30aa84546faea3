"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const errors_1 = require("../../src/domain/errors");
const maintenance_service_1 = require("../../src/domain/maintenance/maintenance.service");
const assert_1 = require("../support/assert");
const postgres_1 = require("../support/postgres");
const ACTOR = { type: 'cli', id: 'test' };
/** The maintenance service and repository on both backends (embedded PGlite and PostgreSQL). */
(0, postgres_1.describeEachBackend)('maintenance windows: who is told, what the status page lists, cancelling once', ({ db }) => {
    const hours = (n) => new Date(Date.now() + n * 3_600_000);
    const service = () => new maintenance_service_1.MaintenanceService(db().unitOfWork, db().repositories, 'https://leerpoort.example');
    it('mails the active delegates of every school still served (active and under notice), nobody else; audited', async () => {
        await (0, postgres_1.truncateAll)(db());
        const repos = db().repositories;
        const people = [
            ['a.delegate@a.example.nl', 'active', 'delegate', 'active'],
            ['a.former@a.example.nl', 'active', 'delegate', 'inactive'],
            ['a.teacher@a.example.nl', 'active', 'teacher', 'active'],
            ['b.delegate@b.example.nl', 'terminating', 'delegate', 'active'],
            ['c.delegate@c.example.nl', 'terminated', 'delegate', 'active'],
        ];
        const schools = new Map();
        for (const [email, status, role, personStatus] of people) {
            const brin = { active: '11AA', terminating: '22BB', terminated: '33CC' }[status];
            if (!schools.has(brin)) {
                const s = await repos.schools.insert({ brin, dependanceCode: '00', name: `School ${brin}` });
                schools.set(brin, s.id);
                if (status !== 'active')
                    await db().dataSource.query('UPDATE schools SET status = $2 WHERE id = $1', [s.id, status]);
            }
            const p = await repos.people.insert({ schoolId: schools.get(brin), role, firstName: 'X', lastName: 'Y', staffEmail: email });
            if (personStatus === 'inactive')
                await repos.people.update(p.id, { status: 'inactive' });
        }
        const { window, notified } = await service().schedule({ startsAt: hours(80), endsAt: hours(82), descriptionNl: 'Nieuwe server', descriptionEn: 'New server' }, ACTOR);
        (0, chai_1.expect)(notified).to.equal(2);
        (0, chai_1.expect)((await repos.outbox.list()).map((m) => m.to).sort()).to.deep.equal(['a.delegate@a.example.nl', 'b.delegate@b.example.nl']);
        const [audit] = await repos.audit.list({ action: 'maintenance.schedule' });
        (0, chai_1.expect)(audit).to.deep.include({ targetId: window.id, outcome: 'success' });
    });
    it('lists current and planned windows, not cancelled or ended ones; a window is cancelled once, even by two at the same time', async () => {
        await (0, postgres_1.truncateAll)(db());
        const repos = db().repositories;
        const add = (from, to, text) => repos.maintenance.insert({
            startsAt: hours(from),
            endsAt: hours(to),
            descriptionNl: text,
            descriptionEn: text,
            scheduledBy: 'cli:test',
        });
        await add(-3, -1, 'voorbij');
        await add(-1, 1, 'nu');
        const later = await add(100, 101, 'later');
        const cancelled = await add(90, 91, 'geannuleerd');
        await service().cancel(cancelled.id, ACTOR);
        const status = await service().status();
        (0, chai_1.expect)(status.current.map((w) => w.descriptionNl)).to.deep.equal(['nu']);
        (0, chai_1.expect)(status.planned.map((w) => w.descriptionNl)).to.deep.equal(['later']);
        const results = await Promise.allSettled([service().cancel(later.id, ACTOR), service().cancel(later.id, ACTOR)]);
        (0, chai_1.expect)(results.map((r) => r.status).sort()).to.deep.equal(['fulfilled', 'rejected']);
        const refused = results.find((r) => r.status === 'rejected');
        (0, chai_1.expect)(refused.reason).to.be.instanceOf(errors_1.ConflictError);
        (0, chai_1.expect)(await repos.audit.list({ action: 'maintenance.cancel', targetId: later.id })).to.have.length(1);
        const ended = (await repos.maintenance.listAll(10)).find((w) => w.descriptionNl === 'voorbij');
        (0, chai_1.expect)(await (0, assert_1.rejects)(service().cancel(ended.id, ACTOR))).to.be.instanceOf(errors_1.ConflictError);
        (0, chai_1.expect)((await service().status()).planned).to.deep.equal([]);
    });
});
//# sourceMappingURL=maintenance.test.js.map
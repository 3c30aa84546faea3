"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MaintenanceService = exports.MAX_DESCRIPTION_LENGTH = void 0;
const errors_1 = require("../errors");
const delegates_1 = require("../mail/delegates");
const notice_1 = require("./notice");
const wording_1 = require("./wording");
exports.MAX_DESCRIPTION_LENGTH = 1000;
/**
 * Maintenance windows (product & service agreement art. 4): scheduled and cancelled by a platform
 * operator, announced to the schools' delegates by mail through the outbox (in the same transaction, so
 * a window is never stored unannounced), audited, and shown on the public status page.
 */
class MaintenanceService {
    uow;
    repos;
    baseUrl;
    constructor(uow, repos, baseUrl) {
        this.uow = uow;
        this.repos = repos;
        this.baseUrl = baseUrl;
    }
    async schedule(input, actor, now = new Date()) {
        const descriptionNl = description(input.descriptionNl, 'Dutch', 'Nederlandse');
        const descriptionEn = description(input.descriptionEn, 'English', 'Engelse');
        const decision = (0, notice_1.maintenanceNoticeDecision)(input, now);
        if (!decision.allowed)
            throw new errors_1.ValidationError(`${decision.reason.nl} / ${decision.reason.en}`);
        return this.uow.run(async (tx) => {
            const window = await tx.maintenance.insert({
                startsAt: input.startsAt,
                endsAt: input.endsAt,
                descriptionNl,
                descriptionEn,
                scheduledBy: `${actor.type}:${actor.id}`,
            });
            const notified = await this.tellSchools(tx, (0, wording_1.scheduledMail)(window, this.baseUrl));
            await tx.audit.record({
                actor,
                action: 'maintenance.schedule',
                outcome: 'success',
                targetType: 'maintenance_window',
                targetId: window.id,
                details: {
                    startsAt: window.startsAt.toISOString(),
                    endsAt: window.endsAt.toISOString(),
                    basis: decision.basis,
                    delegatesNotified: notified,
                },
            });
            return { window, notified };
        });
    }
    /** Cancels a window that has not ended yet; the delegates are told. */
    async cancel(id, actor, now = new Date()) {
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
            throw new errors_1.NotFoundError(`geen onderhoud met id '${id}' / no maintenance window '${id}'`);
        return this.uow.run(async (tx) => {
            const window = await tx.maintenance.findById(id);
            if (!window)
                throw new errors_1.NotFoundError(`geen onderhoud met id '${id}' / no maintenance window '${id}'`);
            if (window.endsAt <= now)
                throw new errors_1.ConflictError('dit onderhoud is al voorbij / this maintenance is already over');
            if (!(await tx.maintenance.cancel(id, now, `${actor.type}:${actor.id}`)))
                throw new errors_1.ConflictError('dit onderhoud is al geannuleerd / this maintenance was already cancelled');
            const notified = await this.tellSchools(tx, (0, wording_1.cancelledMail)(window, this.baseUrl));
            await tx.audit.record({
                actor,
                action: 'maintenance.cancel',
                outcome: 'success',
                targetType: 'maintenance_window',
                targetId: id,
                details: { startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString(), delegatesNotified: notified },
            });
            return { window: { ...window, cancelledAt: now, cancelledBy: `${actor.type}:${actor.id}` }, notified };
        });
    }
    async status(now = new Date()) {
        const coming = await this.repos.maintenance.listComing(now);
        return { current: coming.filter((w) => w.startsAt <= now), planned: coming.filter((w) => w.startsAt > now) };
    }
    list(limit = 100) {
        return this.repos.maintenance.listAll(limit);
    }
    /**
     * Every school still served is told: active schools, and schools under notice too (they use the hub
     * until their data is destroyed, so a window affects them as much). Returns the number of mails.
     */
    async tellSchools(tx, mail) {
        const addresses = await (0, delegates_1.delegateAddresses)(tx, (school) => school.status !== 'terminated');
        for (const to of addresses)
            await tx.outbox.add({ to, ...mail });
        return addresses.length;
    }
}
exports.MaintenanceService = MaintenanceService;
function description(text, language, taal) {
    const t = (text ?? '').trim();
    if (!t)
        throw new errors_1.ValidationError(`de ${taal} omschrijving ontbreekt / the ${language} description is missing`);
    if (t.length > exports.MAX_DESCRIPTION_LENGTH)
        throw new errors_1.ValidationError(`de ${taal} omschrijving is langer dan ${exports.MAX_DESCRIPTION_LENGTH} tekens / the ${language} description is longer than ${exports.MAX_DESCRIPTION_LENGTH} characters`);
    // Plain text for mails and pages: no control characters besides line breaks.
    if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(t))
        throw new errors_1.ValidationError(`de ${taal} omschrijving bevat stuurtekens / the ${language} description contains control characters`);
    return t;
}
//# sourceMappingURL=maintenance.service.js.map
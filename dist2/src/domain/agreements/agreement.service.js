"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AgreementService = exports.NOTICE_DAYS_FOR_CHANGES = void 0;
exports.oneMonthLater = oneMonthLater;
const errors_1 = require("../errors");
const delegates_1 = require("../mail/delegates");
/**
 * The product & service agreement (art. 2, 10): a school accepts by clicking "Akkoord"; a changed
 * version is published at least 45 days before it takes effect, delegates are told by e-mail, and from
 * that date the new version applies and must be accepted before the management screen opens again.
 * The school may terminate with one month's notice; its data is destroyed when the notice ends.
 */
exports.NOTICE_DAYS_FOR_CHANGES = 45;
/** One calendar month later (the notice period), same time of day; the 31st becomes the month's last day. */
function oneMonthLater(from) {
    const d = new Date(from);
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + 1);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    return d;
}
class AgreementService {
    uow;
    repos;
    baseUrl;
    constructor(uow, repos, baseUrl) {
        this.uow = uow;
        this.repos = repos;
        this.baseUrl = baseUrl;
    }
    /** The version in force at `now`: the latest whose effective date has come. */
    async current(now = new Date()) {
        return (await this.repos.agreements.list()).find((v) => v.effectiveFrom <= now) ?? null;
    }
    async status(schoolId, now = new Date()) {
        const versions = await this.repos.agreements.list();
        const current = versions.find((v) => v.effectiveFrom <= now);
        if (!current)
            return { kind: 'none_published' };
        const accepted = new Set((await this.repos.agreements.acceptances(schoolId)).map((a) => a.versionId));
        if (!accepted.has(current.id))
            return { kind: 'must_accept', version: current };
        const upcoming = versions.filter((v) => v.effectiveFrom > now).at(-1) ?? null;
        return { kind: 'accepted', version: current, upcoming };
    }
    /**
     * Publishes a version. The first version may apply at once; every later one at least 45 days ahead.
     * Delegates of every school that is not terminated get an e-mail (in the same transaction).
     */
    async publish(input, actor, now = new Date()) {
        const version = input.version.trim();
        const body = input.body.trim();
        if (!/^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/.test(version))
            throw new errors_1.ValidationError(`invalid version '${input.version}': letters, digits, '.', '_' or '-', at most 32`);
        if (body.length < 20)
            throw new errors_1.ValidationError('the agreement text is empty or too short');
        if (Number.isNaN(input.effectiveFrom.getTime()))
            throw new errors_1.ValidationError('invalid effective date');
        return this.uow.run(async (tx) => {
            const existing = await tx.agreements.list();
            const earliest = new Date(now.getTime() + exports.NOTICE_DAYS_FOR_CHANGES * 86_400_000);
            if (existing.length > 0 && input.effectiveFrom < earliest) {
                throw new errors_1.ValidationError(`a new agreement version must take effect at least ${exports.NOTICE_DAYS_FOR_CHANGES} days after publication (on or after ${earliest.toISOString().slice(0, 10)})`);
            }
            if (existing.length === 0 && input.effectiveFrom.getTime() > now.getTime() + 366 * 86_400_000)
                throw new errors_1.ValidationError('the effective date is more than a year away');
            const published = await tx.agreements.publish({
                version,
                body,
                effectiveFrom: input.effectiveFrom,
                publishedBy: `${actor.type}:${actor.id}`,
            });
            const addresses = await (0, delegates_1.delegateAddresses)(tx, (school) => school.status !== 'terminated');
            for (const to of addresses) {
                await tx.outbox.add({
                    to,
                    subject: `Leerpoort: nieuwe overeenkomst ${version} / new agreement ${version}`,
                    body: `Op ${published.effectiveFrom.toISOString().slice(0, 10)} gaat versie ${version} van de overeenkomst met Leerpoort in. Lees en accepteer hem in het beheerscherm: ${this.baseUrl}/admin/agreement\n\nVersion ${version} of the Leerpoort agreement takes effect on ${published.effectiveFrom.toISOString().slice(0, 10)}. Read and accept it in the management screen: ${this.baseUrl}/admin/agreement`,
                });
            }
            const notified = addresses.length;
            await tx.audit.record({
                actor,
                action: 'agreement.publish',
                outcome: 'success',
                targetType: 'agreement_version',
                targetId: published.id,
                details: { version, effectiveFrom: published.effectiveFrom.toISOString(), delegatesNotified: notified },
            });
            return { version: published, notified };
        });
    }
    async accept(school, versionId, delegateId, ip, now = new Date()) {
        const current = await this.current(now);
        const upcoming = (await this.repos.agreements.list()).filter((v) => v.effectiveFrom > now);
        if (!current || (current.id !== versionId && !upcoming.some((v) => v.id === versionId)))
            throw new errors_1.ValidationError('this agreement version cannot be accepted (anymore)');
        await this.uow.run(async (tx) => {
            await tx.agreements.accept({
                schoolId: school.id,
                versionId,
                acceptedBy: delegateId,
                acceptedFromIp: ip ? ip.replace(/^::ffff:/, '') : null,
            });
            await tx.audit.record({
                actor: { type: 'person', id: delegateId, ip },
                action: 'agreement.accept',
                outcome: 'success',
                schoolId: school.id,
                targetType: 'agreement_version',
                targetId: versionId,
            });
        });
    }
    /** The school's notice: data destroyed one month from now (shown to the school). */
    async terminate(school, delegateId, ip, now = new Date()) {
        if (school.status !== 'active')
            throw new errors_1.ValidationError('this school has already given notice');
        const due = oneMonthLater(now);
        await this.uow.run(async (tx) => {
            await tx.agreements.scheduleTermination(school.id, now, due);
            await tx.audit.record({
                actor: { type: 'person', id: delegateId, ip },
                action: 'agreement.terminate',
                outcome: 'success',
                schoolId: school.id,
                targetType: 'school',
                targetId: school.id,
                details: { destructionDueAt: due.toISOString() },
            });
        });
        return due;
    }
}
exports.AgreementService = AgreementService;
//# sourceMappingURL=agreement.service.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LicenceService = void 0;
exports.endOfSchoolYear = endOfSchoolYear;
const errors_1 = require("../errors");
const school_service_1 = require("../identity/school.service");
const seats_1 = require("./seats");
const licence_overview_1 = require("./licence-overview");
const participant_service_1 = require("./participant.service");
const ids_1 = require("../ids");
/** End of the Dutch school year the date falls in: 1 August, 00:00 UTC. */
function endOfSchoolYear(now) {
    const year = now.getUTCMonth() >= 7 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
    return new Date(Date.UTC(year, 7, 1));
}
class LicenceService {
    uow;
    constructor(uow) {
        this.uow = uow;
    }
    async grant(input, actor, now = new Date()) {
        const validFrom = input.validFrom ?? now;
        const validUntil = input.validUntil ?? endOfSchoolYear(now);
        if (Number.isNaN(validFrom.getTime()) || Number.isNaN(validUntil.getTime()))
            throw new errors_1.ValidationError('invalid licence dates');
        if (validUntil <= validFrom)
            throw new errors_1.ValidationError('a licence must end after it starts');
        if (input.seats != null && (!Number.isInteger(input.seats) || input.seats < 1))
            throw new errors_1.ValidationError('seats must be a positive whole number');
        return this.uow.run(async (repos) => {
            const school = await (0, school_service_1.findSchoolByBrin)(repos, input.brin);
            const product = await (0, participant_service_1.findProductByName)(repos, input.productName, input.participantName);
            const group = 'groupKey' in input.target ? await findGroup(repos, school, input.target.groupKey) : null;
            // Granting the same product for the same period again adds to that licence; any other overlap is refused.
            const sameProduct = (await repos.licences.listBySchool(school.id)).filter((l) => l.productId === product.id);
            const existing = sameProduct.find((l) => l.validFrom.getTime() === validFrom.getTime() && l.validUntil.getTime() === validUntil.getTime());
            const overlapping = sameProduct.find((l) => l !== existing && (0, seats_1.periodsOverlap)(l, { validFrom, validUntil }));
            if (!existing && overlapping) {
                throw new errors_1.ConflictError(`school ${school.brin} already has a licence for '${product.name}' from ${overlapping.validFrom.toISOString().slice(0, 10)} until ${overlapping.validUntil.toISOString().slice(0, 10)}; periods may not overlap`);
            }
            if (existing && existing.scope === 'all' && group)
                throw new errors_1.ValidationError('this licence already covers the whole school');
            const licence = existing ??
                (await repos.licences.insert({
                    schoolId: school.id,
                    productId: product.id,
                    validFrom,
                    validUntil,
                    seats: input.seats ?? null,
                    scope: group ? 'assigned' : 'all',
                }));
            const assignment = group ? await repos.licences.assign(licence.id, { groupId: group.id }) : null;
            await checkSeats(repos, licence);
            await repos.audit.record({
                actor,
                action: 'licence.grant',
                outcome: 'success',
                schoolId: school.id,
                targetType: 'licence',
                targetId: licence.id,
                details: { productId: product.id, scope: licence.scope, groupId: group?.id ?? null, validUntil: validUntil.toISOString() },
            });
            return { licence, assignment };
        });
    }
    /**
     * Assigns an existing licence (valid now or later) to a group or one person; refused when the school
     * has no such licence, the person is of another school, or the seats would be exceeded.
     */
    async assign(input, actor, now = new Date()) {
        return this.uow.run(async (repos) => {
            const school = await (0, school_service_1.findSchoolByBrin)(repos, input.brin);
            const product = await (0, participant_service_1.findProductByName)(repos, input.productName, input.participantName);
            const licence = (await repos.licences.listBySchool(school.id))
                .filter((l) => l.productId === product.id && l.validUntil > now)
                .sort((a, b) => a.validFrom.getTime() - b.validFrom.getTime())[0];
            if (!licence)
                throw new errors_1.NotFoundError(`school ${school.brin} has no current licence for '${product.name}'; grant one first`);
            if (licence.scope === 'all')
                throw new errors_1.ValidationError('this licence already covers the whole school');
            let target;
            if ('groupKey' in input.target) {
                target = { groupId: (await findGroup(repos, school, input.target.groupKey)).id };
            }
            else {
                const person = await repos.people.findById(input.target.personId);
                if (!person || person.schoolId !== school.id)
                    throw new errors_1.ValidationError(`this person is not at school ${school.brin}`);
                target = { personId: person.id };
            }
            const assignment = await repos.licences.assign(licence.id, target);
            await checkSeats(repos, licence);
            await repos.audit.record({
                actor,
                action: 'licence.assign',
                outcome: 'success',
                schoolId: school.id,
                targetType: 'licence',
                targetId: licence.id,
                details: { ...target },
            });
            return { licence, assignment };
        });
    }
    /**
     * The management screen's edits: assign a licence to (or withdraw it from) one group or one person, by
     * id and always within the delegate's own school — a licence, group or person of another school is
     * "not found". Seats are checked in the same transaction.
     */
    async changeAssignment(schoolId, licenceId, target, assign, actor) {
        await this.uow.run(async (repos) => {
            const licence = (0, ids_1.isUuid)(licenceId) ? await repos.licences.findById(licenceId) : null;
            if (!licence || licence.schoolId !== schoolId)
                throw new errors_1.NotFoundError('Onbekende licentie. / Unknown licence.');
            const byGroup = 'groupId' in target;
            const id = byGroup ? target.groupId : target.personId;
            const owner = !(0, ids_1.isUuid)(id) ? null : byGroup ? await repos.groups.findById(id) : await repos.people.findById(id);
            if (!owner || owner.schoolId !== schoolId)
                throw new errors_1.NotFoundError(byGroup ? 'Onbekende groep. / Unknown group.' : 'Onbekende persoon. / Unknown person.');
            if (licence.scope === 'all')
                throw new errors_1.ValidationError('Deze licentie geldt al voor de hele school. / This licence already covers the whole school.');
            const what = byGroup ? ['Deze groep', 'This group'] : ['Deze persoon', 'This person'];
            if (assign) {
                if ((await repos.licences.assignments(licence.id)).some((a) => (byGroup ? a.groupId : a.personId) === id))
                    throw new errors_1.ConflictError(`${what[0]} heeft de licentie al. / ${what[1]} has the licence already.`);
                await repos.licences.assign(licence.id, byGroup ? { groupId: id } : { personId: id });
                await checkSeats(repos, licence);
            }
            else if (!(await (byGroup ? repos.licences.unassignGroup(licence.id, id) : repos.licences.unassignPerson(licence.id, id)))) {
                throw new errors_1.NotFoundError(`${what[0]} had de licentie niet. / ${what[1]} did not have the licence.`);
            }
            await repos.audit.record({
                actor,
                action: assign ? 'licence.assign' : 'licence.unassign',
                outcome: 'success',
                schoolId,
                targetType: 'licence',
                targetId: licence.id,
                details: { ...target },
            });
        });
    }
    /** The management screen's switch: a participant by id, always for the delegate's own school. */
    async setActivationById(schoolId, participantId, enabled, actor, now = new Date()) {
        return this.uow.run(async (repos) => {
            const participant = (0, ids_1.isUuid)(participantId) ? await repos.participants.findById(participantId) : null;
            if (!participant)
                throw new errors_1.NotFoundError('Onbekende uitgever. / Unknown publisher.');
            return switchActivation(repos, schoolId, participant.id, enabled, actor, now);
        });
    }
    /** Per licence of a school: product, period, seats used / total and what it is assigned to (CLI). */
    async overview(brin, now = new Date()) {
        return this.uow.run(async (repos) => {
            const school = await (0, school_service_1.findSchoolByBrin)(repos, brin);
            return (await (0, licence_overview_1.licenceOverview)(repos, school.id, { now })).map((o) => ({
                licenceId: o.licence.id,
                product: o.product?.name ?? o.licence.productId,
                validFrom: o.licence.validFrom.toISOString(),
                validUntil: o.licence.validUntil.toISOString(),
                current: o.current,
                scope: o.licence.scope,
                seats: o.licence.seats,
                seatsUsed: o.seatsUsed,
                groups: o.groups.map((g) => g.id),
                people: o.personIds.length,
            }));
        });
    }
    async setActivation(input, actor, now = new Date()) {
        return this.uow.run(async (repos) => {
            const school = await (0, school_service_1.findSchoolByBrin)(repos, input.brin);
            const participant = await (0, participant_service_1.findParticipantByName)(repos, input.participantName);
            return switchActivation(repos, school.id, participant.id, input.enabled, actor, now);
        });
    }
    /**
     * A participant's API: grants or revokes one licence for many people at once — all or nothing, every
     * person of the school, the licence one of the participant's products, seats checked in the same transaction.
     */
    async changePersonalAssignments(input, actor) {
        return this.uow.run(async (repos) => {
            const licence = (0, ids_1.isUuid)(input.licenceId) ? await repos.licences.findById(input.licenceId) : null;
            const productIds = new Set((await repos.products.listByParticipant(input.participantId)).map((p) => p.id));
            if (!licence || licence.schoolId !== input.schoolId || !productIds.has(licence.productId))
                throw new errors_1.NotFoundError('no such licence for this school and participant');
            if (licence.scope === 'all')
                throw new errors_1.ValidationError('this licence covers the whole school; there is nothing to grant or revoke per person');
            const existing = new Set((await repos.licences.assignments(licence.id)).filter((a) => a.personId).map((a) => a.personId));
            let changed = 0;
            for (const personId of new Set(input.personIds)) {
                if (input.grant && !existing.has(personId)) {
                    await repos.licences.assign(licence.id, { personId });
                    changed++;
                }
                else if (!input.grant && (await repos.licences.unassignPerson(licence.id, personId)))
                    changed++;
            }
            if (input.grant)
                await checkSeats(repos, licence);
            await repos.audit.record({
                actor,
                action: `licence.${input.grant ? 'grant' : 'revoke'}`,
                outcome: 'success',
                schoolId: input.schoolId,
                targetType: 'licence',
                targetId: licence.id,
                details: { people: changed },
            });
            return changed;
        });
    }
}
exports.LicenceService = LicenceService;
/** Switches data transfer to a participant on or off; the history keeps every switch. */
async function switchActivation(repos, schoolId, participantId, enabled, actor, now) {
    const activation = { schoolId, participantId, enabled, changedBy: `${actor.type}:${actor.id}`, changedAt: now };
    await repos.activations.set(activation);
    await repos.audit.record({
        actor,
        action: enabled ? 'activation.on' : 'activation.off',
        outcome: 'success',
        schoolId,
        targetType: 'participant',
        targetId: participantId,
    });
    return activation;
}
/** A group of the school by its LAS key, or else by its name; unknown → NotFoundError. */
async function findGroup(repos, school, keyOrName) {
    const group = (await repos.groups.findByLasKey(school.id, keyOrName)) ??
        (await repos.groups.listBySchool(school.id)).find((g) => g.name === keyOrName);
    if (!group)
        throw new errors_1.NotFoundError(`unknown group '${keyOrName}' at school ${school.brin}`);
    return group;
}
/** Throws (rolling the caller's transaction back) when a licence covers more people than it has seats. */
async function checkSeats(repos, licence) {
    if (licence.seats === null)
        return;
    const used = (await (0, seats_1.coveredPeople)(repos, licence)).size;
    if (used > licence.seats)
        throw new errors_1.ConflictError(`more assignments than seats: this would cover ${used} people, the licence has ${licence.seats} seats`);
}
//# sourceMappingURL=licence.service.js.map
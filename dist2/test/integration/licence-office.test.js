"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const icon_fetcher_1 = require("../../src/net/icon-fetcher");
const chai_1 = require("chai");
const errors_1 = require("../../src/domain/errors");
const school_service_1 = require("../../src/domain/identity/school.service");
const access_1 = require("../../src/domain/licensing/access");
const licence_service_1 = require("../../src/domain/licensing/licence.service");
const participant_service_1 = require("../../src/domain/licensing/participant.service");
const assert_1 = require("../support/assert");
const postgres_1 = require("../support/postgres");
const actor = { type: 'cli', id: 'test' };
(0, postgres_1.describeEachBackend)('licence office', ({ db }) => {
    let licences;
    let pupils;
    let otherSchoolPupil;
    const from = new Date('2026-08-01T00:00:00Z');
    const until = new Date('2027-08-01T00:00:00Z');
    beforeEach(async () => {
        await (0, postgres_1.truncateAll)(db());
        const uow = db().unitOfWork;
        const repos = db().repositories;
        licences = new licence_service_1.LicenceService(uow);
        const school = await new school_service_1.SchoolService(uow).add({ brin: '12AB', name: 'A' }, actor);
        const other = await new school_service_1.SchoolService(uow).add({ brin: '34CD', name: 'B' }, actor);
        const participants = new participant_service_1.ParticipantService(uow, new icon_fetcher_1.HttpIconFetcher(true));
        await participants.add({ name: 'Uitgever' }, actor);
        await participants.addProduct('Uitgever', { name: 'Taal' }, actor);
        const g5 = await repos.groups.insert({ schoolId: school.id, lasKey: 'G5', name: 'Groep 5', yearGroup: 5, kind: 'stamgroep' });
        await repos.groups.insert({ schoolId: school.id, lasKey: 'G6', name: 'Groep 6', yearGroup: 6, kind: 'stamgroep' });
        pupils = [];
        for (let i = 0; i < 3; i++) {
            const p = await repos.people.insert({ schoolId: school.id, role: 'pupil', firstName: `P${i}`, lastName: 'X' });
            await repos.groups.addMember({ groupId: g5.id, personId: p.id, roleInGroup: 'member' });
            pupils.push(p);
        }
        otherSchoolPupil = await repos.people.insert({ schoolId: other.id, role: 'pupil', firstName: 'O', lastName: 'Y' });
    });
    const count = async (table) => (await db().dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
    it('refuses overlapping periods for the same product; the same period adds to the existing licence', async () => {
        await licences.grant({ brin: '12AB', productName: 'Taal', target: { groupKey: 'G5' }, validFrom: from, validUntil: until }, actor);
        const again = await licences.grant({ brin: '12AB', productName: 'Taal', target: { groupKey: 'G6' }, validFrom: from, validUntil: until }, actor);
        (0, chai_1.expect)(await count('licences')).to.equal(1);
        (0, chai_1.expect)(await db().repositories.licences.assignments(again.licence.id)).to.have.length(2);
        const overlap = await (0, assert_1.rejects)(licences.grant({
            brin: '12AB',
            productName: 'Taal',
            target: { all: true },
            validFrom: new Date('2027-01-01T00:00:00Z'),
            validUntil: new Date('2028-01-01T00:00:00Z'),
        }, actor));
        (0, chai_1.expect)(overlap).to.be.instanceOf(errors_1.ConflictError);
        (0, chai_1.expect)(overlap.message).to.contain('may not overlap');
        // adjacent periods are fine
        await licences.grant({ brin: '12AB', productName: 'Taal', target: { all: true }, validFrom: until, validUntil: new Date('2028-08-01T00:00:00Z') }, actor);
        (0, chai_1.expect)(await count('licences')).to.equal(2);
    });
    it('refuses a grant that covers more people than seats, writing nothing', async () => {
        const e = await (0, assert_1.rejects)(licences.grant({ brin: '12AB', productName: 'Taal', target: { groupKey: 'G5' }, seats: 2, validFrom: from, validUntil: until }, actor));
        (0, chai_1.expect)(e).to.be.instanceOf(errors_1.ConflictError);
        (0, chai_1.expect)(e.message).to.contain('more assignments than seats').and.contain('3 people').and.contain('2 seats');
        (0, chai_1.expect)(await count('licences')).to.equal(0);
        (0, chai_1.expect)(await count('licence_assignments')).to.equal(0);
        const whole = await (0, assert_1.rejects)(licences.grant({ brin: '12AB', productName: 'Taal', target: { all: true }, seats: 2, validFrom: from, validUntil: until }, actor));
        (0, chai_1.expect)(whole, 'three pupils at the school, two seats').to.be.instanceOf(errors_1.ConflictError);
    });
    it('assigns people one by one up to the seats; the next is refused and not written', async () => {
        await licences.grant({ brin: '12AB', productName: 'Taal', target: { groupKey: 'G6' }, seats: 2, validFrom: from, validUntil: until }, actor);
        await licences.assign({ brin: '12AB', productName: 'Taal', target: { personId: pupils[0].id } }, actor, from);
        await licences.assign({ brin: '12AB', productName: 'Taal', target: { personId: pupils[1].id } }, actor, from);
        (0, chai_1.expect)(await (0, assert_1.rejects)(licences.assign({ brin: '12AB', productName: 'Taal', target: { personId: pupils[2].id } }, actor, from))).to.be.instanceOf(errors_1.ConflictError);
        (0, chai_1.expect)(await count('licence_assignments')).to.equal(3);
        const overview = await licences.overview('12AB', from);
        (0, chai_1.expect)(overview[0]).to.deep.include({ seats: 2, seatsUsed: 2, people: 2, scope: 'assigned', current: true, product: 'Taal' });
    });
    it('refuses to assign a person of another school, or where the school has no licence', async () => {
        (0, chai_1.expect)(await (0, assert_1.rejects)(licences.assign({ brin: '12AB', productName: 'Taal', target: { personId: pupils[0].id } }, actor, from))).to.be.instanceOf(errors_1.NotFoundError);
        await licences.grant({ brin: '12AB', productName: 'Taal', target: { groupKey: 'G6' }, validFrom: from, validUntil: until }, actor);
        (0, chai_1.expect)(await (0, assert_1.rejects)(licences.assign({ brin: '12AB', productName: 'Taal', target: { personId: otherSchoolPupil.id } }, actor, from))).to.be.instanceOf(errors_1.ValidationError);
        (0, chai_1.expect)(await (0, assert_1.rejects)(licences.grant({ brin: '12AB', productName: 'Taal', target: { all: true }, seats: 0, validFrom: from, validUntil: until }, actor))).to.be.instanceOf(errors_1.ValidationError);
        (0, chai_1.expect)(await (0, assert_1.rejects)(licences.grant({ brin: '12AB', productName: 'Taal', target: { all: true }, seats: -4, validFrom: from, validUntil: until }, actor))).to.be.instanceOf(errors_1.ValidationError);
    });
    it('grants access only while the licence is valid and the school has activated the participant', async () => {
        const participant = (await db().repositories.participants.findByName('Uitgever'));
        await licences.grant({ brin: '12AB', productName: 'Taal', target: { groupKey: 'G5' }, validFrom: from, validUntil: until }, actor);
        const at = (d) => (0, access_1.checkParticipantAccess)(db().repositories, pupils[0], participant.id, new Date(d));
        (0, chai_1.expect)(await at('2026-09-01T00:00:00Z')).to.deep.equal({ allowed: false, reason: 'not_activated' });
        await licences.setActivation({ brin: '12AB', participantName: 'Uitgever', enabled: true }, actor);
        (0, chai_1.expect)((await at('2026-09-01T00:00:00Z')).allowed).to.equal(true);
        (0, chai_1.expect)((await at('2027-07-31T23:59:59.999Z')).allowed, 'last millisecond').to.equal(true);
        (0, chai_1.expect)(await at('2027-08-01T00:00:00Z'), 'the moment it expires').to.deep.equal({ allowed: false, reason: 'no_licence' });
        (0, chai_1.expect)(await at('2026-07-31T23:59:59Z'), 'before it starts').to.deep.equal({ allowed: false, reason: 'no_licence' });
        (0, chai_1.expect)(await (0, access_1.checkParticipantAccess)(db().repositories, otherSchoolPupil, participant.id, new Date('2026-09-01T00:00:00Z'))).to.deep.equal({ allowed: false, reason: 'not_activated' });
    });
});
//# sourceMappingURL=licence-office.test.js.map
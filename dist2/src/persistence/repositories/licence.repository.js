"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmLicenceRepository = void 0;
const errors_1 = require("../../domain/errors");
const licence_entity_1 = require("../entities/licence.entity");
const db_errors_1 = require("./db-errors");
const sql_1 = require("./sql");
const toLicence = (e) => ({
    id: e.id,
    schoolId: e.schoolId,
    productId: e.productId,
    validFrom: e.validFrom,
    validUntil: e.validUntil,
    seats: e.seats,
    scope: e.scope,
});
const toAssignment = (e) => ({
    id: e.id,
    licenceId: e.licenceId,
    groupId: e.groupId,
    personId: e.personId,
});
class TypeOrmLicenceRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async insert(l) {
        const repo = this.em.getRepository(licence_entity_1.LicenceEntity);
        const saved = await (0, db_errors_1.translateViolations)(repo.save(repo.create(l)), {
            licences_period_valid: () => new errors_1.ValidationError('a licence must end after it starts'),
            licences_seats_positive: () => new errors_1.ValidationError('seats must be a positive number'),
            licences_product_id_fkey: () => new errors_1.NotFoundError('unknown product'),
            licences_school_id_fkey: () => new errors_1.NotFoundError('unknown school'),
        });
        return toLicence(saved);
    }
    async findById(id) {
        const e = await this.em.getRepository(licence_entity_1.LicenceEntity).findOneBy({ id });
        return e ? toLicence(e) : null;
    }
    async listBySchool(schoolId) {
        return (await this.em.getRepository(licence_entity_1.LicenceEntity).find({ where: { schoolId }, order: { validFrom: 'ASC' } })).map(toLicence);
    }
    async assign(licenceId, target) {
        const repo = this.em.getRepository(licence_entity_1.LicenceAssignmentEntity);
        const row = repo.create({
            licenceId,
            groupId: 'groupId' in target ? target.groupId : null,
            personId: 'personId' in target ? target.personId : null,
        });
        return toAssignment(await (0, db_errors_1.translateViolations)(repo.save(row), {
            licence_assignments_group_unique: () => new errors_1.ConflictError('this group is already assigned to the licence'),
            licence_assignments_person_unique: () => new errors_1.ConflictError('this person is already assigned to the licence'),
        }));
    }
    async unassignPerson(licenceId, personId) {
        return ((await this.em.getRepository(licence_entity_1.LicenceAssignmentEntity).delete({ licenceId, personId })).affected ?? 0) > 0;
    }
    async unassignGroup(licenceId, groupId) {
        const affected = await (0, sql_1.affectedRows)(this.em, 'DELETE FROM licence_assignments WHERE licence_id = $1 AND group_id = $2', [
            licenceId,
            groupId,
        ]);
        return affected > 0;
    }
    async assignments(licenceId) {
        return (await this.em.getRepository(licence_entity_1.LicenceAssignmentEntity).find({ where: { licenceId }, order: { createdAt: 'ASC' } })).map(toAssignment);
    }
}
exports.TypeOrmLicenceRepository = TypeOrmLicenceRepository;
//# sourceMappingURL=licence.repository.js.map
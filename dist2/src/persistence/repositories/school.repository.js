"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmSchoolRepository = void 0;
const errors_1 = require("../../domain/errors");
const school_entity_1 = require("../entities/school.entity");
const db_errors_1 = require("./db-errors");
function toSchool(e) {
    return {
        id: e.id,
        brin: e.brin,
        dependanceCode: e.dependanceCode,
        name: e.name,
        assuNumber: e.assuNumber,
        visitingAddress: e.visitingStreet && e.visitingCity
            ? {
                street: e.visitingStreet,
                houseNumber: e.visitingHouseNumber ?? '',
                postalCode: e.visitingPostalCode ?? '',
                city: e.visitingCity,
            }
            : null,
        status: e.status,
        agreementState: e.agreementState,
        homeAccessEnabled: e.homeAccessEnabled,
        teacher2faRequired: e.teacher2faRequired,
        createdAt: e.createdAt,
    };
}
class TypeOrmSchoolRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async insert(school) {
        const repo = this.em.getRepository(school_entity_1.SchoolEntity);
        const entity = repo.create({
            brin: school.brin,
            dependanceCode: school.dependanceCode,
            name: school.name,
            assuNumber: school.assuNumber ?? null,
            visitingStreet: school.visitingAddress?.street ?? null,
            visitingHouseNumber: school.visitingAddress?.houseNumber ?? null,
            visitingPostalCode: school.visitingAddress?.postalCode ?? null,
            visitingCity: school.visitingAddress?.city ?? null,
        });
        const saved = await (0, db_errors_1.translateViolations)(repo.save(entity), {
            schools_brin_dependance_unique: () => new errors_1.ConflictError(`school ${school.brin}${school.dependanceCode === '00' ? '' : ` (vestiging ${school.dependanceCode})`} already exists`),
            schools_brin_format: () => new errors_1.ValidationError(`invalid BRIN '${school.brin}'`),
            schools_name_not_blank: () => new errors_1.ValidationError('school name must not be empty'),
        });
        return toSchool(await repo.findOneByOrFail({ id: saved.id }));
    }
    async findById(id) {
        const e = await this.em.getRepository(school_entity_1.SchoolEntity).findOneBy({ id });
        return e ? toSchool(e) : null;
    }
    async findByBrin(brin, dependanceCode) {
        const rows = await this.em
            .getRepository(school_entity_1.SchoolEntity)
            .find({ where: dependanceCode ? { brin, dependanceCode } : { brin }, order: { dependanceCode: 'ASC' } });
        return rows.map(toSchool);
    }
    async list() {
        return (await this.em.getRepository(school_entity_1.SchoolEntity).find({ order: { brin: 'ASC', dependanceCode: 'ASC' } })).map(toSchool);
    }
    async search(text, limit) {
        const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        const rows = await this.em
            .getRepository(school_entity_1.SchoolEntity)
            .createQueryBuilder('s')
            .where("s.status <> 'terminated'")
            // The BRIN prefix: letters and digits only (a BRIN has nothing else), so no wildcard gets through.
            .andWhere('(s.name ILIKE :pattern OR s.brin ILIKE :prefix)', { pattern, prefix: /^[0-9a-z]{1,4}$/i.test(text) ? `${text}%` : '-' })
            .orderBy('s.name', 'ASC')
            .limit(limit)
            .getMany();
        return rows.map(toSchool);
    }
    async setTeacher2faRequired(id, required) {
        await this.em.getRepository(school_entity_1.SchoolEntity).update({ id }, { teacher2faRequired: required, updatedAt: new Date() });
    }
    async setHomeAccess(id, enabled) {
        await this.em.getRepository(school_entity_1.SchoolEntity).update({ id }, { homeAccessEnabled: enabled, updatedAt: new Date() });
    }
}
exports.TypeOrmSchoolRepository = TypeOrmSchoolRepository;
//# sourceMappingURL=school.repository.js.map
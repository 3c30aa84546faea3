"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmActivationRepository = void 0;
const typeorm_1 = require("typeorm");
const licence_entity_1 = require("../entities/licence.entity");
class TypeOrmActivationRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async set(a) {
        await this.em.getRepository(licence_entity_1.ActivationEntity).upsert({ ...a }, ['schoolId', 'participantId']);
        await this.em.getRepository(licence_entity_1.ActivationHistoryEntity).insert({ ...a });
    }
    async find(schoolId, participantId) {
        const e = await this.em.getRepository(licence_entity_1.ActivationEntity).findOneBy({ schoolId, participantId });
        return e
            ? { schoolId: e.schoolId, participantId: e.participantId, enabled: e.enabled, changedBy: e.changedBy, changedAt: e.changedAt }
            : null;
    }
    async enabledFor(participantId) {
        const rows = await this.em
            .getRepository(licence_entity_1.ActivationEntity)
            .find({ where: { participantId, enabled: true }, order: { changedAt: 'ASC' } });
        return rows.map((e) => ({
            schoolId: e.schoolId,
            participantId: e.participantId,
            enabled: e.enabled,
            changedBy: e.changedBy,
            changedAt: e.changedAt,
        }));
    }
    async changesFor(participantId, since) {
        const rows = await this.em
            .getRepository(licence_entity_1.ActivationHistoryEntity)
            .find({ where: { participantId, changedAt: (0, typeorm_1.MoreThanOrEqual)(since) }, order: { changedAt: 'ASC', id: 'ASC' } });
        return rows.map((e) => ({
            schoolId: e.schoolId,
            participantId: e.participantId,
            enabled: e.enabled,
            changedBy: e.changedBy,
            changedAt: e.changedAt,
        }));
    }
    async history(schoolId, participantId) {
        const rows = await this.em
            .getRepository(licence_entity_1.ActivationHistoryEntity)
            .find({ where: { schoolId, participantId }, order: { changedAt: 'ASC', id: 'ASC' } });
        return rows.map((e) => ({
            schoolId: e.schoolId,
            participantId: e.participantId,
            enabled: e.enabled,
            changedBy: e.changedBy,
            changedAt: e.changedAt,
        }));
    }
}
exports.TypeOrmActivationRepository = TypeOrmActivationRepository;
//# sourceMappingURL=activation.repository.js.map
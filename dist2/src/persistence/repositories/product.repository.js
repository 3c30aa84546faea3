"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmProductRepository = void 0;
const typeorm_1 = require("typeorm");
const errors_1 = require("../../domain/errors");
const participant_entity_1 = require("../entities/participant.entity");
const db_errors_1 = require("./db-errors");
const toProduct = (e) => ({
    id: e.id,
    participantId: e.participantId,
    method: e.method,
    name: e.name,
    iconUrl: e.iconUrl,
    launchUrl: e.launchUrl,
    isTeacherApp: e.isTeacherApp,
    isTestApp: e.isTestApp,
});
class TypeOrmProductRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async insert(p) {
        const repo = this.em.getRepository(participant_entity_1.ProductEntity);
        const saved = await (0, db_errors_1.translateViolations)(repo.save(repo.create({
            participantId: p.participantId,
            name: p.name,
            method: p.method ?? null,
            iconUrl: p.iconUrl ?? null,
            launchUrl: p.launchUrl ?? null,
            isTeacherApp: p.isTeacherApp ?? false,
            isTestApp: p.isTestApp ?? false,
        })), {
            products_participant_name_unique: () => new errors_1.ConflictError(`product '${p.name}' already exists for this participant`),
            products_name_not_blank: () => new errors_1.ValidationError('product name must not be empty'),
        });
        return toProduct(saved);
    }
    async findByName(participantId, name) {
        const e = await this.em.getRepository(participant_entity_1.ProductEntity).findOneBy({ participantId, name });
        return e ? toProduct(e) : null;
    }
    async findAllByName(name) {
        return (await this.em.getRepository(participant_entity_1.ProductEntity).findBy({ name })).map(toProduct);
    }
    async findAllByIds(ids) {
        if (ids.length === 0)
            return [];
        return (await this.em.getRepository(participant_entity_1.ProductEntity).findBy({ id: (0, typeorm_1.In)([...ids]) })).map(toProduct);
    }
    async update(id, changes) {
        const repo = this.em.getRepository(participant_entity_1.ProductEntity);
        await (0, db_errors_1.translateViolations)(repo.update({ id }, { ...changes, updatedAt: new Date() }), {
            products_participant_name_unique: () => new errors_1.ConflictError(`product '${changes.name}' already exists for this participant`),
            products_name_not_blank: () => new errors_1.ValidationError('product name must not be empty'),
        });
        return toProduct(await repo.findOneByOrFail({ id }));
    }
    async listByParticipant(participantId) {
        return (await this.em.getRepository(participant_entity_1.ProductEntity).find({ where: { participantId }, order: { name: 'ASC' } })).map(toProduct);
    }
}
exports.TypeOrmProductRepository = TypeOrmProductRepository;
//# sourceMappingURL=product.repository.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmParticipantRepository = void 0;
const errors_1 = require("../../domain/errors");
const participant_entity_1 = require("../entities/participant.entity");
const db_errors_1 = require("./db-errors");
const toParticipant = (e) => ({
    id: e.id,
    name: e.name,
    needsBirthDate: e.needsBirthDate,
    needsGender: e.needsGender,
    needsEmail: e.needsEmail,
    createdAt: e.createdAt,
});
class TypeOrmParticipantRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async insert(p) {
        const repo = this.em.getRepository(participant_entity_1.ParticipantEntity);
        const saved = await (0, db_errors_1.translateViolations)(repo.save(repo.create({
            name: p.name,
            needsBirthDate: p.needsBirthDate ?? false,
            needsGender: p.needsGender ?? false,
            needsEmail: p.needsEmail ?? false,
        })), {
            participants_name_unique: () => new errors_1.ConflictError(`participant '${p.name}' already exists`),
            participants_name_not_blank: () => new errors_1.ValidationError('participant name must not be empty'),
        });
        return toParticipant(await repo.findOneByOrFail({ id: saved.id }));
    }
    async findByName(name) {
        const e = await this.em.getRepository(participant_entity_1.ParticipantEntity).findOneBy({ name });
        return e ? toParticipant(e) : null;
    }
    async findById(id) {
        const e = await this.em.getRepository(participant_entity_1.ParticipantEntity).findOneBy({ id });
        return e ? toParticipant(e) : null;
    }
    async list() {
        return (await this.em.getRepository(participant_entity_1.ParticipantEntity).find({ order: { name: 'ASC' } })).map(toParticipant);
    }
}
exports.TypeOrmParticipantRepository = TypeOrmParticipantRepository;
//# sourceMappingURL=participant.repository.js.map
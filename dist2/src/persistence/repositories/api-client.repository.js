"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmApiClientRepository = void 0;
const errors_1 = require("../../domain/errors");
const api_client_entity_1 = require("../entities/api-client.entity");
const db_errors_1 = require("./db-errors");
const toClient = (e) => ({
    id: e.id,
    clientId: e.clientId,
    participantId: e.participantId,
    revokedAt: e.revokedAt,
});
class TypeOrmApiClientRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async insert(c) {
        const repo = this.em.getRepository(api_client_entity_1.ApiClientEntity);
        return toClient(await (0, db_errors_1.translateViolations)(repo.save(repo.create(c)), {
            api_clients_client_id_unique: () => new errors_1.ConflictError('client id already exists'),
        }));
    }
    async findWithSecret(clientId) {
        const e = await this.em
            .getRepository(api_client_entity_1.ApiClientEntity)
            .createQueryBuilder('c')
            .addSelect('c.secretHash')
            .where('c.client_id = :clientId', { clientId })
            .getOne();
        return e ? { ...toClient(e), secretHash: e.secretHash } : null;
    }
    async find(clientId) {
        const e = await this.em.getRepository(api_client_entity_1.ApiClientEntity).findOneBy({ clientId });
        return e ? toClient(e) : null;
    }
    async touch(clientId, at) {
        await this.em.getRepository(api_client_entity_1.ApiClientEntity).update({ clientId }, { lastUsedAt: at });
    }
}
exports.TypeOrmApiClientRepository = TypeOrmApiClientRepository;
//# sourceMappingURL=api-client.repository.js.map
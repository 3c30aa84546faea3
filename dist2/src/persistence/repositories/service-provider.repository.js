"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmServiceProviderRepository = void 0;
const errors_1 = require("../../domain/errors");
const participant_entity_1 = require("../entities/participant.entity");
const db_errors_1 = require("./db-errors");
const toServiceProvider = (e) => ({
    id: e.id,
    participantId: e.participantId,
    entityId: e.entityId,
    metadataXml: e.metadataXml,
    metadataValidUntil: e.metadataValidUntil,
    signingCertificates: e.signingCertificates,
    encryptionCertificates: e.encryptionCertificates,
    acsEndpoints: e.acsEndpoints,
    sloEndpoints: e.sloEndpoints,
    requestedAttributes: e.requestedAttributes,
    attributeAllowList: e.attributeAllowList,
    wantAssertionsSigned: e.wantAssertionsSigned,
    authnRequestsSigned: e.authnRequestsSigned,
    signResponse: e.signResponse,
    encryptAssertion: e.encryptAssertion,
    allowUnsolicited: e.allowUnsolicited,
    nameIdFormat: e.nameIdFormat,
});
class TypeOrmServiceProviderRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async upsert(r) {
        const repo = this.em.getRepository(participant_entity_1.ServiceProviderEntity);
        const existing = await repo.findOneBy({ entityId: r.entityId });
        const values = {
            ...r,
            signingCertificates: [...r.signingCertificates],
            encryptionCertificates: [...r.encryptionCertificates],
            acsEndpoints: r.acsEndpoints.map((e) => ({ ...e })),
            sloEndpoints: r.sloEndpoints.map((e) => ({ ...e })),
            requestedAttributes: r.requestedAttributes.map((a) => ({ ...a })),
            attributeAllowList: r.attributeAllowList ? [...r.attributeAllowList] : null,
            updatedAt: new Date(),
        };
        const saved = await (0, db_errors_1.translateViolations)(repo.save(existing ? repo.merge(existing, values) : repo.create(values)), {
            service_providers_participant_id_fkey: () => new errors_1.NotFoundError('unknown participant'),
        });
        return { serviceProvider: toServiceProvider(saved), created: !existing };
    }
    async findByEntityId(entityId) {
        const e = await this.em.getRepository(participant_entity_1.ServiceProviderEntity).findOneBy({ entityId });
        return e ? toServiceProvider(e) : null;
    }
    async findById(id) {
        const e = await this.em.getRepository(participant_entity_1.ServiceProviderEntity).findOneBy({ id });
        return e ? toServiceProvider(e) : null;
    }
    async list() {
        return (await this.em.getRepository(participant_entity_1.ServiceProviderEntity).find({ order: { entityId: 'ASC' } })).map(toServiceProvider);
    }
    async remove(entityId) {
        const result = await this.em.getRepository(participant_entity_1.ServiceProviderEntity).delete({ entityId });
        return (result.affected ?? 0) > 0;
    }
    async linkProduct(productId, serviceProviderId) {
        await this.em.getRepository(participant_entity_1.ProductEntity).update({ id: productId }, { serviceProviderId, updatedAt: new Date() });
    }
    async findByProductId(productId) {
        const product = await this.em.getRepository(participant_entity_1.ProductEntity).findOneBy({ id: productId });
        return product?.serviceProviderId ? this.findById(product.serviceProviderId) : null;
    }
}
exports.TypeOrmServiceProviderRepository = TypeOrmServiceProviderRepository;
//# sourceMappingURL=service-provider.repository.js.map
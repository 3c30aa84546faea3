"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ServiceProviderService = void 0;
const errors_1 = require("../errors");
const participant_service_1 = require("../licensing/participant.service");
/** Registers participants' SPs; every change is audited. The SAML layer parses and checks metadata first. */
class ServiceProviderService {
    uow;
    constructor(uow) {
        this.uow = uow;
    }
    async register(participantName, input, actor, productNames = []) {
        if (input.encryptAssertion && input.encryptionCertificates.length === 0) {
            throw new errors_1.ValidationError('the SP publishes no encryption certificate, so assertions cannot be encrypted for it');
        }
        return this.uow.run(async (repos) => {
            const participant = await (0, participant_service_1.findParticipantByName)(repos, participantName);
            const existing = await repos.serviceProviders.findByEntityId(input.entityId);
            if (existing && existing.participantId !== participant.id) {
                throw new errors_1.ValidationError(`SP ${input.entityId} belongs to another participant; remove it there first`);
            }
            const result = await repos.serviceProviders.upsert({ ...input, participantId: participant.id });
            for (const name of productNames) {
                const product = await repos.products.findByName(participant.id, name);
                if (!product)
                    throw new errors_1.NotFoundError(`unknown product '${name}' of participant '${participant.name}'`);
                await repos.serviceProviders.linkProduct(product.id, result.serviceProvider.id);
            }
            await repos.audit.record({
                actor,
                action: result.created ? 'sp.add' : 'sp.update',
                outcome: 'success',
                targetType: 'service_provider',
                targetId: result.serviceProvider.id,
                details: {
                    entityId: input.entityId,
                    participantId: participant.id,
                    acsEndpoints: input.acsEndpoints.length,
                    signingCertificates: input.signingCertificates.length,
                    encryptAssertion: input.encryptAssertion,
                    requestedAttributes: input.requestedAttributes.map((a) => a.name),
                    products: [...productNames],
                },
            });
            return result;
        });
    }
    async remove(entityId, actor) {
        return this.uow.run(async (repos) => {
            const sp = await repos.serviceProviders.findByEntityId(entityId);
            if (!sp)
                throw new errors_1.NotFoundError(`unknown SP '${entityId}'`);
            await repos.serviceProviders.remove(entityId);
            await repos.audit.record({
                actor,
                action: 'sp.remove',
                outcome: 'success',
                targetType: 'service_provider',
                targetId: sp.id,
                details: { entityId },
            });
        });
    }
}
exports.ServiceProviderService = ServiceProviderService;
//# sourceMappingURL=service-provider.service.js.map
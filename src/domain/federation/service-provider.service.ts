import { NotFoundError, ValidationError } from '../errors';
import { findParticipantByName } from '../licensing/participant.service';
import type { Actor, ServiceProvider, ServiceProviderRegistration } from '../model';
import type { UnitOfWork } from '../ports';

export type SpRegistrationInput = Omit<ServiceProviderRegistration, 'participantId'>;

/** Registers participants' SPs; every change is audited. The SAML layer parses and checks metadata first. */
export class ServiceProviderService {
  constructor(private readonly uow: UnitOfWork) {}

  async register(
    participantName: string,
    input: SpRegistrationInput,
    actor: Actor,
    productNames: readonly string[] = [],
  ): Promise<{ serviceProvider: ServiceProvider; created: boolean }> {
    if (input.encryptAssertion && input.encryptionCertificates.length === 0) {
      throw new ValidationError('the SP publishes no encryption certificate, so assertions cannot be encrypted for it');
    }
    return this.uow.run(async (repos) => {
      const participant = await findParticipantByName(repos, participantName);
      const existing = await repos.serviceProviders.findByEntityId(input.entityId);
      if (existing && existing.participantId !== participant.id) {
        throw new ValidationError(`SP ${input.entityId} belongs to another participant; remove it there first`);
      }
      const result = await repos.serviceProviders.upsert({ ...input, participantId: participant.id });
      for (const name of productNames) {
        const product = await repos.products.findByName(participant.id, name);
        if (!product) throw new NotFoundError(`unknown product '${name}' of participant '${participant.name}'`);
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

  async remove(entityId: string, actor: Actor): Promise<void> {
    return this.uow.run(async (repos) => {
      const sp = await repos.serviceProviders.findByEntityId(entityId);
      if (!sp) throw new NotFoundError(`unknown SP '${entityId}'`);
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

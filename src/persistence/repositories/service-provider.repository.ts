import type { EntityManager } from 'typeorm';
import { NotFoundError } from '../../domain/errors';
import type { ServiceProvider, ServiceProviderRegistration } from '../../domain/model';
import type { ServiceProviderRepository } from '../../domain/federation/ports';
import { ProductEntity, ServiceProviderEntity } from '../entities/participant.entity';
import { translateViolations } from './db-errors';

const toServiceProvider = (e: ServiceProviderEntity): ServiceProvider => ({
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

export class TypeOrmServiceProviderRepository implements ServiceProviderRepository {
  constructor(private readonly em: EntityManager) {}

  async upsert(r: ServiceProviderRegistration): Promise<{ serviceProvider: ServiceProvider; created: boolean }> {
    const repo = this.em.getRepository(ServiceProviderEntity);
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
    const saved = await translateViolations(repo.save(existing ? repo.merge(existing, values) : repo.create(values)), {
      service_providers_participant_id_fkey: () => new NotFoundError('unknown participant'),
    });
    return { serviceProvider: toServiceProvider(saved), created: !existing };
  }

  async findByEntityId(entityId: string): Promise<ServiceProvider | null> {
    const e = await this.em.getRepository(ServiceProviderEntity).findOneBy({ entityId });
    return e ? toServiceProvider(e) : null;
  }

  async findById(id: string): Promise<ServiceProvider | null> {
    const e = await this.em.getRepository(ServiceProviderEntity).findOneBy({ id });
    return e ? toServiceProvider(e) : null;
  }

  async list(): Promise<ServiceProvider[]> {
    return (await this.em.getRepository(ServiceProviderEntity).find({ order: { entityId: 'ASC' } })).map(toServiceProvider);
  }

  async remove(entityId: string): Promise<boolean> {
    const result = await this.em.getRepository(ServiceProviderEntity).delete({ entityId });
    return (result.affected ?? 0) > 0;
  }

  async linkProduct(productId: string, serviceProviderId: string): Promise<void> {
    await this.em.getRepository(ProductEntity).update({ id: productId }, { serviceProviderId, updatedAt: new Date() });
  }

  async findByProductId(productId: string): Promise<ServiceProvider | null> {
    const product = await this.em.getRepository(ProductEntity).findOneBy({ id: productId });
    return product?.serviceProviderId ? this.findById(product.serviceProviderId) : null;
  }
}

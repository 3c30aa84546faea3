import type { EntityManager } from 'typeorm';
import { ConflictError } from '../../domain/errors';
import type { ApiClient } from '../../domain/model';
import type { ApiClientRepository } from '../../domain/federation/ports';
import { ApiClientEntity } from '../entities/api-client.entity';
import { translateViolations } from './db-errors';

const toClient = (e: ApiClientEntity): ApiClient => ({
  id: e.id,
  clientId: e.clientId,
  participantId: e.participantId,
  revokedAt: e.revokedAt,
});

export class TypeOrmApiClientRepository implements ApiClientRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(c: { clientId: string; secretHash: string; participantId: string }): Promise<ApiClient> {
    const repo = this.em.getRepository(ApiClientEntity);
    return toClient(
      await translateViolations(repo.save(repo.create(c)), {
        api_clients_client_id_unique: () => new ConflictError('client id already exists'),
      }),
    );
  }

  async findWithSecret(clientId: string): Promise<(ApiClient & { secretHash: string }) | null> {
    const e = await this.em
      .getRepository(ApiClientEntity)
      .createQueryBuilder('c')
      .addSelect('c.secretHash')
      .where('c.client_id = :clientId', { clientId })
      .getOne();
    return e ? { ...toClient(e), secretHash: e.secretHash } : null;
  }

  async find(clientId: string): Promise<ApiClient | null> {
    const e = await this.em.getRepository(ApiClientEntity).findOneBy({ clientId });
    return e ? toClient(e) : null;
  }

  async touch(clientId: string, at: Date): Promise<void> {
    await this.em.getRepository(ApiClientEntity).update({ clientId }, { lastUsedAt: at });
  }
}

import type { EntityManager } from 'typeorm';
import { ConflictError } from '../../domain/errors';
import type { ApiClient } from '../../domain/model';
import type { ApiClientRepository, RateLimitRepository } from '../../domain/ports';
import { ApiClientEntity } from '../entities/api-client.entity';
import { translateViolations } from './db-errors';

const toClient = (e: ApiClientEntity): ApiClient => ({ id: e.id, clientId: e.clientId, participantId: e.participantId, revokedAt: e.revokedAt });

export class TypeOrmApiClientRepository implements ApiClientRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(c: { clientId: string; secretHash: string; participantId: string }): Promise<ApiClient> {
    const repo = this.em.getRepository(ApiClientEntity);
    return toClient(await translateViolations(repo.save(repo.create(c)), { api_clients_client_id_unique: () => new ConflictError('client id already exists') }));
  }

  async findWithSecret(clientId: string): Promise<(ApiClient & { secretHash: string }) | null> {
    const e = await this.em.getRepository(ApiClientEntity).createQueryBuilder('c').addSelect('c.secretHash').where('c.client_id = :clientId', { clientId }).getOne();
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

export class TypeOrmRateLimitRepository implements RateLimitRepository {
  constructor(private readonly em: EntityManager) {}

  async hit(clientId: string, windowStart: Date): Promise<number> {
    const rows: Array<{ hits: number }> = await this.em.query(
      `INSERT INTO api_rate_windows (client_id, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (client_id, window_start) DO UPDATE SET hits = api_rate_windows.hits + 1
       RETURNING hits`,
      [clientId, windowStart],
    );
    if (Math.random() < 0.01) await this.em.query("DELETE FROM api_rate_windows WHERE window_start < now() - interval '1 hour'");
    return Number(rows[0]!.hits);
  }
}

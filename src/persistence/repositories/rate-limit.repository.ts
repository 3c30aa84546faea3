import type { EntityManager } from 'typeorm';
import type { RateLimitRepository } from '../../domain/federation/ports';

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

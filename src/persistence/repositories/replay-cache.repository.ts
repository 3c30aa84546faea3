import { LessThan, type EntityManager } from 'typeorm';
import type { ReplayCache } from '../../domain/federation/ports';
import { SamlMessageIdEntity } from '../entities/session.entity';

export class TypeOrmReplayCacheRepository implements ReplayCache {
  constructor(private readonly em: EntityManager) {}

  async remember(issuer: string, messageId: string, expiresAt: Date): Promise<boolean> {
    // ON CONFLICT DO NOTHING: atomic across processes, and no failed statement inside a caller's transaction.
    const rows: unknown[] = await this.em.query(
      'INSERT INTO saml_message_ids (issuer, message_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT (issuer, message_id) DO NOTHING RETURNING message_id',
      [issuer, messageId, expiresAt],
    );
    if (Math.random() < 0.01) await this.em.getRepository(SamlMessageIdEntity).delete({ expiresAt: LessThan(new Date()) });
    return rows.length === 1;
  }
}

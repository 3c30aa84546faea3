import { LessThan, MoreThan, type EntityManager } from 'typeorm';
import type { ReplayCache, SessionInfo, SessionRepository, StoredSession, ThrottleRepository, ThrottleState } from '../../domain/ports';
import { LoginThrottleEntity, SamlMessageIdEntity, SessionEntity } from '../entities/session.entity';
import { constraintViolation } from './db-errors';

export class TypeOrmSessionRepository implements SessionRepository {
  constructor(private readonly em: EntityManager) {}

  async get(sid: string, now: Date): Promise<StoredSession | null> {
    const row = await this.em.getRepository(SessionEntity).findOneBy({ sid });
    if (!row || row.expiresAt <= now) return null;
    return { data: row.data, expiresAt: row.expiresAt };
  }

  async set(sid: string, data: Record<string, unknown>, expiresAt: Date, credentialId: string | null): Promise<void> {
    await this.em.getRepository(SessionEntity).upsert({ sid, data: data as never, expiresAt, credentialId, updatedAt: new Date() }, ['sid']);
  }

  async touch(sid: string, expiresAt: Date): Promise<void> {
    await this.em.getRepository(SessionEntity).update({ sid }, { expiresAt, updatedAt: new Date() });
  }

  async destroy(sid: string): Promise<void> {
    await this.em.getRepository(SessionEntity).delete({ sid });
  }

  async destroyAllFor(credentialId: string): Promise<number> {
    return (await this.em.getRepository(SessionEntity).delete({ credentialId })).affected ?? 0;
  }

  async listFor(credentialId: string, now: Date): Promise<SessionInfo[]> {
    const rows = await this.em.getRepository(SessionEntity).find({ where: { credentialId, expiresAt: MoreThan(now) }, order: { createdAt: 'ASC' } });
    return rows.map((r) => ({ sid: r.sid, createdAt: r.createdAt, lastSeenAt: r.lastSeenAt, userAgent: r.userAgent }));
  }

  async noteActivity(sid: string, at: Date, userAgent: string | null): Promise<void> {
    await this.em.getRepository(SessionEntity).update({ sid }, { lastSeenAt: at, userAgent: userAgent?.slice(0, 200) ?? null });
  }

  async purgeExpired(now: Date): Promise<number> {
    return (await this.em.getRepository(SessionEntity).delete({ expiresAt: LessThan(now) })).affected ?? 0;
  }
}

export class TypeOrmReplayCache implements ReplayCache {
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

export class TypeOrmThrottleRepository implements ThrottleRepository {
  constructor(private readonly em: EntityManager) {}

  async get(key: string): Promise<ThrottleState | null> {
    const row = await this.em.getRepository(LoginThrottleEntity).findOneBy({ key });
    return row ? { failures: row.failures, windowStartedAt: row.windowStartedAt, blockedUntil: row.blockedUntil } : null;
  }

  async put(key: string, state: ThrottleState): Promise<void> {
    try {
      await this.em.getRepository(LoginThrottleEntity).upsert({ key, ...state }, ['key']);
    } catch (e) {
      if (!constraintViolation(e)) throw e;
    }
  }

  async clear(key: string): Promise<void> {
    await this.em.getRepository(LoginThrottleEntity).delete({ key });
  }
}

import { IsNull, LessThan, MoreThan, type EntityManager } from 'typeorm';
import type { SessionRepository } from '../../domain/identity/ports';
import type { SessionInfo, StoredSession } from '../../domain/model';
import { SessionEntity } from '../entities/session.entity';
import { affectedRows } from './sql';

/** Empties a session and keeps its id until expiry (see migration SessionTombstones). */
export const SESSION_TOMBSTONE =
  "UPDATE sessions SET destroyed_at = now(), data = '{}'::jsonb, credential_id = NULL, user_agent = NULL, updated_at = now()";

const UPSERT = `INSERT INTO sessions (sid, data, expires_at, credential_id, updated_at) VALUES ($1, $2::jsonb, $3, $4, now())
  ON CONFLICT (sid) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at, credential_id = EXCLUDED.credential_id, updated_at = now()
  WHERE sessions.destroyed_at IS NULL`;

export class TypeOrmSessionRepository implements SessionRepository {
  constructor(private readonly em: EntityManager) {}

  /** Every request reads its session: one plain statement (no query builder on the hot path). */
  async get(sid: string, now: Date): Promise<StoredSession | null> {
    const rows: Array<{ data: Record<string, unknown>; expires_at: Date }> = await this.em.query(
      'SELECT data, expires_at FROM sessions WHERE sid = $1 AND destroyed_at IS NULL AND expires_at > $2',
      [sid, now],
    );
    const row = rows[0];
    return row ? { data: row.data, expiresAt: new Date(row.expires_at) } : null;
  }

  /** Inserts or updates — but never over a tombstone: a destroyed session stays destroyed. */
  async set(sid: string, data: Record<string, unknown>, expiresAt: Date, credentialId: string | null): Promise<void> {
    await this.em.query(UPSERT, [sid, JSON.stringify(data), expiresAt, credentialId]);
  }

  /** `set` and the tombstone of the session it replaces in one statement (a new id at login). */
  async replace(
    previousSid: string,
    sid: string,
    data: Record<string, unknown>,
    expiresAt: Date,
    credentialId: string | null,
  ): Promise<void> {
    await this.em.query(`WITH previous AS (${SESSION_TOMBSTONE} WHERE sid = $5 AND destroyed_at IS NULL) ${UPSERT}`, [
      sid,
      JSON.stringify(data),
      expiresAt,
      credentialId,
      previousSid,
    ]);
  }

  async destroy(sid: string): Promise<void> {
    await this.em.query(`${SESSION_TOMBSTONE} WHERE sid = $1`, [sid]);
  }

  async destroyAllFor(credentialId: string): Promise<number> {
    const affected = await affectedRows(this.em, `${SESSION_TOMBSTONE} WHERE credential_id = $1 AND destroyed_at IS NULL`, [credentialId]);
    return affected;
  }

  async listFor(credentialId: string, now: Date): Promise<SessionInfo[]> {
    const rows = await this.em
      .getRepository(SessionEntity)
      .find({ where: { credentialId, expiresAt: MoreThan(now), destroyedAt: IsNull() }, order: { createdAt: 'ASC' } });
    return rows.map((r) => ({ sid: r.sid, createdAt: r.createdAt, lastSeenAt: r.lastSeenAt, userAgent: r.userAgent }));
  }

  async noteActivity(sid: string, at: Date, userAgent: string | null): Promise<void> {
    await this.em
      .getRepository(SessionEntity)
      .update({ sid, destroyedAt: IsNull() }, { lastSeenAt: at, userAgent: userAgent?.slice(0, 200) ?? null });
  }

  async purgeExpired(now: Date): Promise<number> {
    return (await this.em.getRepository(SessionEntity).delete({ expiresAt: LessThan(now) })).affected ?? 0;
  }
}

import { IsNull, LessThan, MoreThan, type EntityManager } from 'typeorm';
import type { UpstreamLinkedSession, UpstreamSessionLink } from '../../domain/federation/upstream';
import type { SessionRepository } from '../../domain/identity/ports';
import type { SessionInfo, StoredSession } from '../../domain/model';
import { SessionEntity } from '../entities/session.entity';
import { blindIndex, fieldCipher } from '../field-encryption';
import { affectedRows } from './sql';

/**
 * Empties a session and keeps its id until expiry (see migration SessionTombstones); the school-IdP login
 * it came from (the IdP's NameID, encrypted) goes with it.
 */
export const SESSION_TOMBSTONE =
  "UPDATE sessions SET destroyed_at = now(), data = '{}'::jsonb, credential_id = NULL, user_agent = NULL, upstream_idp = NULL, upstream_subject_hmac = NULL, upstream_login_enc = NULL, updated_at = now()";

const UPSERT = `INSERT INTO sessions (sid, data, expires_at, credential_id, upstream_idp, upstream_subject_hmac, upstream_login_enc, updated_at)
  VALUES ($1, $2::jsonb, $3, $4, $5, $6, $7, now())
  ON CONFLICT (sid) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at, credential_id = EXCLUDED.credential_id,
    upstream_idp = EXCLUDED.upstream_idp, upstream_subject_hmac = EXCLUDED.upstream_subject_hmac, upstream_login_enc = EXCLUDED.upstream_login_enc,
    updated_at = now()
  WHERE sessions.destroyed_at IS NULL`;

const LINK_COLUMN = 'sessions.upstream_login';
const SUBJECT_INDEX = 'sessions.upstream_subject';
/** The blind index of a school IdP's NameID: per IdP, so equal NameIDs of two IdPs never match. */
const subjectIndex = (idpEntityId: string, nameId: string) => blindIndex(`${idpEntityId}\u0000${nameId}`, SUBJECT_INDEX);

/** The three upstream columns ($5, $6, $7) of a session write. */
function upstreamColumns(link: UpstreamSessionLink | null | undefined): [string | null, string | null, string | null] {
  if (!link) return [null, null, null];
  return [link.idpEntityId, subjectIndex(link.idpEntityId, link.subject.nameId), fieldCipher().encrypt(JSON.stringify(link), LINK_COLUMN)];
}

const readLink = (enc: string | null): UpstreamSessionLink | null =>
  enc === null ? null : (JSON.parse(fieldCipher().decrypt(enc, LINK_COLUMN)) as UpstreamSessionLink);

export class TypeOrmSessionRepository implements SessionRepository {
  constructor(private readonly em: EntityManager) {}

  /** Every request reads its session: one plain statement (no query builder on the hot path). */
  async get(sid: string, now: Date): Promise<StoredSession | null> {
    const rows: Array<{ data: Record<string, unknown>; expires_at: Date; upstream_login_enc: string | null }> = await this.em.query(
      'SELECT data, expires_at, upstream_login_enc FROM sessions WHERE sid = $1 AND destroyed_at IS NULL AND expires_at > $2',
      [sid, now],
    );
    const row = rows[0];
    return row ? { data: row.data, expiresAt: new Date(row.expires_at), upstream: readLink(row.upstream_login_enc) } : null;
  }

  /** Inserts or updates — but never over a tombstone: a destroyed session stays destroyed. */
  async set(
    sid: string,
    data: Record<string, unknown>,
    expiresAt: Date,
    credentialId: string | null,
    upstream?: UpstreamSessionLink | null,
  ): Promise<void> {
    await this.em.query(UPSERT, [sid, JSON.stringify(data), expiresAt, credentialId, ...upstreamColumns(upstream)]);
  }

  /** `set` and the tombstone of the session it replaces in one statement (a new id at login). */
  async replace(
    previousSid: string,
    sid: string,
    data: Record<string, unknown>,
    expiresAt: Date,
    credentialId: string | null,
    upstream?: UpstreamSessionLink | null,
  ): Promise<void> {
    await this.em.query(`WITH previous AS (${SESSION_TOMBSTONE} WHERE sid = $8 AND destroyed_at IS NULL) ${UPSERT}`, [
      sid,
      JSON.stringify(data),
      expiresAt,
      credentialId,
      ...upstreamColumns(upstream),
      previousSid,
    ]);
  }

  async findByUpstreamSubject(idpEntityId: string, nameId: string, now: Date): Promise<UpstreamLinkedSession[]> {
    const rows: Array<{ sid: string; data: Record<string, unknown>; upstream_login_enc: string }> = await this.em.query(
      `SELECT sid, data, upstream_login_enc FROM sessions
        WHERE upstream_idp = $1 AND upstream_subject_hmac = $2 AND destroyed_at IS NULL AND expires_at > $3 AND upstream_login_enc IS NOT NULL`,
      [idpEntityId, subjectIndex(idpEntityId, nameId), now],
    );
    return rows.map((r) => ({ sid: r.sid, data: r.data, link: readLink(r.upstream_login_enc)! }));
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

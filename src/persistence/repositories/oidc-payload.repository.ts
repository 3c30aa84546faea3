import type { EntityManager } from 'typeorm';
import type { OidcPayloadRecord, OidcPayloadStore } from '../../domain/federation/oidc-payloads';
import { affectedRows } from './sql';

interface Row {
  payload: Record<string, unknown>;
  expires_at: Date | string | null;
  consumed_at: Date | string | null;
}

const COLUMNS = 'payload, expires_at, consumed_at';
const LIVE = '(expires_at IS NULL OR expires_at > $2)';

const toRecord = (rows: Row[]): OidcPayloadRecord | null => {
  const r = rows[0];
  if (!r) return null;
  return {
    payload: r.payload,
    expiresAt: r.expires_at === null ? null : new Date(r.expires_at),
    consumedAt: r.consumed_at === null ? null : new Date(r.consumed_at),
  };
};

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Plain SQL: one statement per adapter call, the same on PostgreSQL and PGlite. */
export class TypeOrmOidcPayloadRepository implements OidcPayloadStore {
  constructor(private readonly em: EntityManager) {}

  async upsert(kind: string, id: string, payload: Record<string, unknown>, expiresAt: Date | null): Promise<void> {
    await this.em.query(
      `INSERT INTO oidc_payloads (kind, id, payload, grant_id, uid, user_code, account_id, expires_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8)
       ON CONFLICT (kind, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, uid = EXCLUDED.uid,
         user_code = EXCLUDED.user_code, account_id = EXCLUDED.account_id, expires_at = EXCLUDED.expires_at`,
      [
        kind,
        id,
        JSON.stringify(payload),
        text(payload.grantId),
        text(payload.uid),
        text(payload.userCode),
        text(payload.accountId),
        expiresAt,
      ],
    );
  }

  async find(kind: string, id: string, now: Date): Promise<OidcPayloadRecord | null> {
    return toRecord(await this.em.query(`SELECT ${COLUMNS} FROM oidc_payloads WHERE kind = $1 AND ${LIVE} AND id = $3`, [kind, now, id]));
  }

  async findByUid(kind: string, uid: string, now: Date): Promise<OidcPayloadRecord | null> {
    return toRecord(await this.em.query(`SELECT ${COLUMNS} FROM oidc_payloads WHERE kind = $1 AND ${LIVE} AND uid = $3`, [kind, now, uid]));
  }

  async findByUserCode(kind: string, userCode: string, now: Date): Promise<OidcPayloadRecord | null> {
    return toRecord(
      await this.em.query(`SELECT ${COLUMNS} FROM oidc_payloads WHERE kind = $1 AND ${LIVE} AND user_code = $3`, [kind, now, userCode]),
    );
  }

  async listForAccount(kind: string, accountId: string, now: Date): Promise<Array<Record<string, unknown>>> {
    const rows: Row[] = await this.em.query(`SELECT ${COLUMNS} FROM oidc_payloads WHERE kind = $1 AND ${LIVE} AND account_id = $3`, [
      kind,
      now,
      accountId,
    ]);
    return rows.map((r) => r.payload);
  }

  async consume(kind: string, id: string, now: Date): Promise<boolean> {
    // One conditional UPDATE: of two processes redeeming the same code, exactly one changes the row.
    return (
      (await affectedRows(this.em, 'UPDATE oidc_payloads SET consumed_at = $3 WHERE kind = $1 AND id = $2 AND consumed_at IS NULL', [
        kind,
        id,
        now,
      ])) === 1
    );
  }

  async destroy(kind: string, id: string): Promise<void> {
    await this.em.query('DELETE FROM oidc_payloads WHERE kind = $1 AND id = $2', [kind, id]);
  }

  async revokeByGrantId(grantId: string, kind?: string): Promise<number> {
    if (kind) return affectedRows(this.em, 'DELETE FROM oidc_payloads WHERE kind = $1 AND grant_id = $2', [kind, grantId]);
    return affectedRows(this.em, "DELETE FROM oidc_payloads WHERE grant_id = $1 OR (kind = 'Grant' AND id = $1)", [grantId]);
  }

  async destroyForAccount(accountId: string): Promise<number> {
    // A grant's tokens carry the account too; the grant id catches any that do not.
    return affectedRows(
      this.em,
      `DELETE FROM oidc_payloads WHERE account_id = $1
          OR grant_id IN (SELECT id FROM oidc_payloads WHERE kind = 'Grant' AND account_id = $1)`,
      [accountId],
    );
  }
}

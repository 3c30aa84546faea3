import type { EntityManager } from 'typeorm';
import type { UpstreamAuthnRequest, UpstreamRequestStore } from '../../domain/federation/upstream';
import { fieldCipher } from '../field-encryption';

interface Row {
  id: string;
  idp_entity_id: string;
  context: Record<string, unknown>;
  sealed_enc: string | null;
  expires_at: Date | string;
}

const SEALED_COLUMN = 'upstream_authn_requests.sealed';
const COLUMNS = 'id, idp_entity_id, context, sealed_enc, expires_at';

function toModel(row: Row): UpstreamAuthnRequest {
  return {
    id: row.id,
    idpEntityId: row.idp_entity_id,
    context: row.context,
    sealed: row.sealed_enc === null ? null : (JSON.parse(fieldCipher().decrypt(row.sealed_enc, SEALED_COLUMN)) as Record<string, unknown>),
    expiresAt: new Date(row.expires_at),
  };
}

export class TypeOrmUpstreamRequestRepository implements UpstreamRequestStore {
  constructor(private readonly em: EntityManager) {}

  async record(r: UpstreamAuthnRequest): Promise<void> {
    await this.em.query(
      'INSERT INTO upstream_authn_requests (id, idp_entity_id, context, sealed_enc, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [
        r.id,
        r.idpEntityId,
        JSON.stringify(r.context),
        r.sealed ? fieldCipher().encrypt(JSON.stringify(r.sealed), SEALED_COLUMN) : null,
        r.expiresAt,
      ],
    );
    // Expired requests are never consumed; clear them now and then rather than on a schedule.
    if (Math.random() < 0.01) await this.em.query('DELETE FROM upstream_authn_requests WHERE expires_at < now()');
  }

  async find(id: string): Promise<UpstreamAuthnRequest | null> {
    const rows: Row[] = await this.em.query(`SELECT ${COLUMNS} FROM upstream_authn_requests WHERE id = $1`, [id]);
    return rows[0] ? toModel(rows[0]) : null;
  }

  async consume(id: string, idpEntityId: string, now: Date): Promise<UpstreamAuthnRequest | null> {
    // One DELETE … RETURNING: two processes given the same Response cannot both take the request. (Wrapped
    // in a SELECT: TypeORM hands back [rows, count] for a bare DELETE on PostgreSQL.)
    const rows: Row[] = await this.em.query(
      `WITH taken AS (DELETE FROM upstream_authn_requests WHERE id = $1 AND idp_entity_id = $2 RETURNING ${COLUMNS}) SELECT * FROM taken`,
      [id, idpEntityId],
    );
    const row = rows[0];
    if (!row) return null;
    const taken = toModel(row);
    return taken.expiresAt <= now ? null : taken;
  }
}

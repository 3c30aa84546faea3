import type { EntityManager } from 'typeorm';
import type { UpstreamAuthnRequest, UpstreamRequestStore } from '../../domain/federation/upstream';

interface Row {
  id: string;
  idp_entity_id: string;
  context: Record<string, unknown>;
  expires_at: Date | string;
}

export class TypeOrmUpstreamRequestRepository implements UpstreamRequestStore {
  constructor(private readonly em: EntityManager) {}

  async record(r: UpstreamAuthnRequest): Promise<void> {
    await this.em.query('INSERT INTO upstream_authn_requests (id, idp_entity_id, context, expires_at) VALUES ($1, $2, $3, $4)', [
      r.id,
      r.idpEntityId,
      JSON.stringify(r.context),
      r.expiresAt,
    ]);
    // Expired requests are never consumed; clear them now and then rather than on a schedule.
    if (Math.random() < 0.01) await this.em.query('DELETE FROM upstream_authn_requests WHERE expires_at < now()');
  }

  async find(id: string): Promise<UpstreamAuthnRequest | null> {
    const rows: Row[] = await this.em.query('SELECT id, idp_entity_id, context, expires_at FROM upstream_authn_requests WHERE id = $1', [
      id,
    ]);
    const row = rows[0];
    return row ? { id: row.id, idpEntityId: row.idp_entity_id, context: row.context, expiresAt: new Date(row.expires_at) } : null;
  }

  async consume(id: string, idpEntityId: string, now: Date): Promise<UpstreamAuthnRequest | null> {
    // One DELETE … RETURNING: two processes given the same Response cannot both take the request. (Wrapped
    // in a SELECT: TypeORM hands back [rows, count] for a bare DELETE on PostgreSQL.)
    const rows: Row[] = await this.em.query(
      'WITH taken AS (DELETE FROM upstream_authn_requests WHERE id = $1 AND idp_entity_id = $2 RETURNING id, idp_entity_id, context, expires_at) SELECT * FROM taken',
      [id, idpEntityId],
    );
    const row = rows[0];
    if (!row) return null;
    const expiresAt = new Date(row.expires_at);
    if (expiresAt <= now) return null;
    return { id: row.id, idpEntityId: row.idp_entity_id, context: row.context, expiresAt };
  }
}

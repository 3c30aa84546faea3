import type { EntityManager } from 'typeorm';
import { ConflictError } from '../../domain/errors';
import type { AgreementRepository } from '../../domain/agreements/ports';
import type { AgreementAcceptance, AgreementVersion } from '../../domain/model';
import { translateViolations } from './db-errors';
import { SESSION_TOMBSTONE } from './session.repository';

type VersionRow = { id: string; version: string; body: string; published_at: Date; effective_from: Date; published_by: string };
const toVersion = (r: VersionRow): AgreementVersion => ({
  id: r.id,
  version: r.version,
  body: r.body,
  publishedAt: new Date(r.published_at),
  effectiveFrom: new Date(r.effective_from),
  publishedBy: r.published_by,
});

export class TypeOrmAgreementRepository implements AgreementRepository {
  constructor(private readonly em: EntityManager) {}

  async publish(v: { version: string; body: string; effectiveFrom: Date; publishedBy: string }): Promise<AgreementVersion> {
    const rows: VersionRow[] = await translateViolations(
      this.em.query('INSERT INTO agreement_versions (version, body, effective_from, published_by) VALUES ($1, $2, $3, $4) RETURNING *', [
        v.version,
        v.body,
        v.effectiveFrom,
        v.publishedBy,
      ]),
      { agreement_versions_version_unique: () => new ConflictError(`agreement version '${v.version}' already exists`) },
    );
    return toVersion(rows[0]!);
  }

  async list(): Promise<AgreementVersion[]> {
    const rows: VersionRow[] = await this.em.query('SELECT * FROM agreement_versions ORDER BY effective_from DESC, published_at DESC');
    return rows.map(toVersion);
  }

  async accept(a: { schoolId: string; versionId: string; acceptedBy: string; acceptedFromIp: string | null }): Promise<void> {
    await this.em.query(
      `INSERT INTO agreement_acceptances (school_id, agreement_version_id, accepted_by, accepted_from_ip) VALUES ($1, $2, $3, $4::inet)
       ON CONFLICT (school_id, agreement_version_id) DO NOTHING`,
      [a.schoolId, a.versionId, a.acceptedBy, a.acceptedFromIp],
    );
  }

  async acceptances(schoolId: string): Promise<AgreementAcceptance[]> {
    const rows: Array<{
      agreement_version_id: string;
      version: string;
      school_id: string;
      accepted_by: string;
      accepted_at: Date;
      ip: string | null;
    }> = await this.em.query(
      `SELECT a.agreement_version_id, v.version, a.school_id, a.accepted_by, a.accepted_at, host(a.accepted_from_ip) AS ip
         FROM agreement_acceptances a JOIN agreement_versions v ON v.id = a.agreement_version_id
        WHERE a.school_id = $1 ORDER BY a.accepted_at DESC`,
      [schoolId],
    );
    return rows.map((r) => ({
      versionId: r.agreement_version_id,
      version: r.version,
      schoolId: r.school_id,
      acceptedBy: r.accepted_by,
      acceptedAt: new Date(r.accepted_at),
      acceptedFromIp: r.ip,
    }));
  }

  async scheduleTermination(schoolId: string, requestedAt: Date, destructionDueAt: Date): Promise<void> {
    await this.em.query(
      "UPDATE schools SET status = 'terminating', termination_requested_at = $2, destruction_due_at = $3, updated_at = now() WHERE id = $1",
      [schoolId, requestedAt, destructionDueAt],
    );
  }

  async dueForDestruction(now: Date): Promise<Array<{ id: string; brin: string; destructionDueAt: Date }>> {
    const rows: Array<{ id: string; brin: string; dependance_code: string; destruction_due_at: Date }> = await this.em.query(
      "SELECT id, brin, dependance_code, destruction_due_at FROM schools WHERE status = 'terminating' AND destruction_due_at <= $1 ORDER BY destruction_due_at",
      [now],
    );
    return rows.map((r) => ({
      id: r.id,
      brin: r.brin + (r.dependance_code === '00' ? '' : r.dependance_code),
      destructionDueAt: new Date(r.destruction_due_at),
    }));
  }

  async destroySchool(id: string): Promise<number> {
    const [{ n }] = (await this.em.query('SELECT count(*)::int AS n FROM people WHERE school_id = $1', [id])) as Array<{ n: number }>;
    // Tombstones, not deletes: a request still in flight must not bring a session back (see sessions).
    await this.em.query(
      `${SESSION_TOMBSTONE} WHERE credential_id IN (SELECT c.id FROM credentials c JOIN people p ON p.id = c.person_id WHERE p.school_id = $1)`,
      [id],
    );
    // The OpenID Connect provider's sessions, grants and tokens of the school's people (ids only, no FK).
    await this.em.query('DELETE FROM oidc_payloads WHERE account_id IN (SELECT id::text FROM people WHERE school_id = $1)', [id]);
    const keys: Array<{ email_hmac: string }> = await this.em.query(
      'SELECT DISTINCT e.email_hmac FROM pupil_home_emails e JOIN people p ON p.id = e.person_id WHERE p.school_id = $1',
      [id],
    );
    await this.em.query('DELETE FROM schools WHERE id = $1', [id]);
    // Parents whose only children were at this school: their account goes too.
    if (keys.length)
      await this.em.query(
        'DELETE FROM guardian_accounts g WHERE g.email_hmac = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM pupil_home_emails e WHERE e.email_hmac = g.email_hmac)',
        [keys.map((k) => k.email_hmac)],
      );
    return n;
  }

  async termination(schoolId: string): Promise<{ requestedAt: Date; destructionDueAt: Date } | null> {
    const rows: Array<{ termination_requested_at: Date | null; destruction_due_at: Date | null }> = await this.em.query(
      'SELECT termination_requested_at, destruction_due_at FROM schools WHERE id = $1',
      [schoolId],
    );
    const r = rows[0];
    return r?.termination_requested_at && r.destruction_due_at
      ? { requestedAt: new Date(r.termination_requested_at), destructionDueAt: new Date(r.destruction_due_at) }
      : null;
  }
}

import type { EntityManager } from 'typeorm';
import { ConflictError } from '../../domain/errors';
import type { AgreementAcceptance, AgreementRepository, AgreementVersion, ImportUploadRepository } from '../../domain/ports';
import { fieldCipher } from '../field-encryption';
import { translateViolations } from './db-errors';
import { SESSION_TOMBSTONE } from './session.repository';
import { isUuid } from '../../domain/ids';
import { affectedRows } from './sql';

type VersionRow = { id: string; version: string; body: string; published_at: Date; effective_from: Date; published_by: string };
const toVersion = (r: VersionRow): AgreementVersion => ({ id: r.id, version: r.version, body: r.body, publishedAt: new Date(r.published_at), effectiveFrom: new Date(r.effective_from), publishedBy: r.published_by });

export class SqlAgreementRepository implements AgreementRepository {
  constructor(private readonly em: EntityManager) {}

  async publish(v: { version: string; body: string; effectiveFrom: Date; publishedBy: string }): Promise<AgreementVersion> {
    const rows: VersionRow[] = await translateViolations(
      this.em.query('INSERT INTO agreement_versions (version, body, effective_from, published_by) VALUES ($1, $2, $3, $4) RETURNING *', [v.version, v.body, v.effectiveFrom, v.publishedBy]),
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
    const rows: Array<{ agreement_version_id: string; version: string; school_id: string; accepted_by: string; accepted_at: Date; ip: string | null }> = await this.em.query(
      `SELECT a.agreement_version_id, v.version, a.school_id, a.accepted_by, a.accepted_at, host(a.accepted_from_ip) AS ip
         FROM agreement_acceptances a JOIN agreement_versions v ON v.id = a.agreement_version_id
        WHERE a.school_id = $1 ORDER BY a.accepted_at DESC`,
      [schoolId],
    );
    return rows.map((r) => ({ versionId: r.agreement_version_id, version: r.version, schoolId: r.school_id, acceptedBy: r.accepted_by, acceptedAt: new Date(r.accepted_at), acceptedFromIp: r.ip }));
  }

  async scheduleTermination(schoolId: string, requestedAt: Date, destructionDueAt: Date): Promise<void> {
    await this.em.query("UPDATE schools SET status = 'terminating', termination_requested_at = $2, destruction_due_at = $3, updated_at = now() WHERE id = $1", [schoolId, requestedAt, destructionDueAt]);
  }

  async dueForDestruction(now: Date): Promise<Array<{ id: string; brin: string; destructionDueAt: Date }>> {
    const rows: Array<{ id: string; brin: string; dependance_code: string; destruction_due_at: Date }> = await this.em.query(
      "SELECT id, brin, dependance_code, destruction_due_at FROM schools WHERE status = 'terminating' AND destruction_due_at <= $1 ORDER BY destruction_due_at",
      [now],
    );
    return rows.map((r) => ({ id: r.id, brin: r.brin + (r.dependance_code === '00' ? '' : r.dependance_code), destructionDueAt: new Date(r.destruction_due_at) }));
  }

  async destroySchool(id: string): Promise<number> {
    const [{ n }] = (await this.em.query('SELECT count(*)::int AS n FROM people WHERE school_id = $1', [id])) as Array<{ n: number }>;
    // Tombstones, not deletes: a request still in flight must not bring a session back (see sessions).
    await this.em.query(`${SESSION_TOMBSTONE} WHERE credential_id IN (SELECT c.id FROM credentials c JOIN people p ON p.id = c.person_id WHERE p.school_id = $1)`, [id]);
    const keys: Array<{ email_hmac: string }> = await this.em.query('SELECT DISTINCT e.email_hmac FROM pupil_home_emails e JOIN people p ON p.id = e.person_id WHERE p.school_id = $1', [id]);
    await this.em.query('DELETE FROM schools WHERE id = $1', [id]);
    // Parents whose only children were at this school: their account goes too.
    if (keys.length) await this.em.query('DELETE FROM guardian_accounts g WHERE g.email_hmac = ANY($1::text[]) AND NOT EXISTS (SELECT 1 FROM pupil_home_emails e WHERE e.email_hmac = g.email_hmac)', [keys.map((k) => k.email_hmac)]);
    return n;
  }

  async termination(schoolId: string): Promise<{ requestedAt: Date; destructionDueAt: Date } | null> {
    const rows: Array<{ termination_requested_at: Date | null; destruction_due_at: Date | null }> = await this.em.query('SELECT termination_requested_at, destruction_due_at FROM schools WHERE id = $1', [schoolId]);
    const r = rows[0];
    return r?.termination_requested_at && r.destruction_due_at ? { requestedAt: new Date(r.termination_requested_at), destructionDueAt: new Date(r.destruction_due_at) } : null;
  }
}

export class SqlImportUploadRepository implements ImportUploadRepository {
  constructor(private readonly em: EntityManager) {}

  async store(u: { schoolId: string; uploadedBy: string; format: 'edexml' | 'csv'; fileName: string; contents: Buffer; expiresAt: Date }): Promise<string> {
    const rows: Array<{ id: string }> = await this.em.query(
      'INSERT INTO import_uploads (school_id, uploaded_by, format, file_name, contents_enc, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [u.schoolId, u.uploadedBy, u.format, u.fileName.slice(0, 200), fieldCipher().encrypt(u.contents.toString('base64'), 'import_uploads.contents'), u.expiresAt],
    );
    return rows[0]!.id;
  }

  async find(id: string, schoolId: string, now: Date): Promise<{ format: 'edexml' | 'csv'; fileName: string; contents: Buffer } | null> {
    if (!isUuid(id)) return null;
    const rows: Array<{ format: 'edexml' | 'csv'; file_name: string; contents_enc: string }> = await this.em.query('SELECT format, file_name, contents_enc FROM import_uploads WHERE id = $1 AND school_id = $2 AND expires_at > $3', [id, schoolId, now]);
    const r = rows[0];
    return r ? { format: r.format, fileName: r.file_name, contents: Buffer.from(fieldCipher().decrypt(r.contents_enc, 'import_uploads.contents'), 'base64') } : null;
  }

  async remove(id: string): Promise<void> {
    await this.em.query('DELETE FROM import_uploads WHERE id = $1', [id]);
  }

  async purgeExpired(now: Date): Promise<number> {
    const affected = await affectedRows(this.em, 'DELETE FROM import_uploads WHERE expires_at <= $1', [now]);
    return affected;
  }
}

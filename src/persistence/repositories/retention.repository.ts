import type { EntityManager } from 'typeorm';
import type { DestructionCertificateRecord, JobClaims, JobRun, PurgeTarget, RetentionStore } from '../../domain/retention/ports';
import { affectedRows } from './sql';

/** Which rows each purge target removes: the table and the condition on the cutoff ($1). */
const PURGE: Record<PurgeTarget, ReadonlyArray<{ table: string; where: string }>> = {
  // A session's school-IdP login (the IdP's NameID, encrypted) is in its row; the requests to school IdPs
  // (and the continuations holding that NameID between ACS and login) expire with the login they served.
  sessions: [
    { table: 'sessions', where: 'expires_at < $1' },
    { table: 'upstream_authn_requests', where: 'expires_at < $1' },
  ],
  'replay-entries': [{ table: 'saml_message_ids', where: 'expires_at < $1' }],
  'reset-tokens': [
    { table: 'password_resets', where: 'expires_at < $1' },
    { table: 'guardian_password_links', where: 'expires_at < $1' },
  ],
  'import-uploads': [{ table: 'import_uploads', where: 'expires_at <= $1' }],
  outbox: [{ table: 'outbox', where: 'created_at < $1' }],
  'release-ledger': [{ table: 'release_ledger', where: 'occurred_at < $1' }],
  'api-rate-windows': [{ table: 'api_rate_windows', where: 'window_start < $1' }],
  'oidc-payloads': [{ table: 'oidc_payloads', where: 'expires_at < $1' }],
};

/**
 * Everything that goes when a school is destroyed, as counts for its destruction certificate. The same
 * rows the schema's cascades remove (see AgreementRepository.destroySchool), named per table.
 */
export const SCHOOL_ROWS: ReadonlyArray<{ table: string; sql: string }> = [
  { table: 'schools', sql: 'SELECT count(*)::int AS n FROM schools WHERE id = $1' },
  { table: 'people', sql: 'SELECT count(*)::int AS n FROM people WHERE school_id = $1' },
  { table: 'groups', sql: 'SELECT count(*)::int AS n FROM groups WHERE school_id = $1' },
  {
    table: 'group_memberships',
    sql: 'SELECT count(*)::int AS n FROM group_memberships m JOIN groups g ON g.id = m.group_id WHERE g.school_id = $1',
  },
  { table: 'credentials', sql: 'SELECT count(*)::int AS n FROM credentials c JOIN people p ON p.id = c.person_id WHERE p.school_id = $1' },
  {
    table: 'sessions',
    sql: 'SELECT count(*)::int AS n FROM sessions s JOIN credentials c ON c.id = s.credential_id JOIN people p ON p.id = c.person_id WHERE p.school_id = $1 AND s.destroyed_at IS NULL',
  },
  {
    table: 'recovery_codes',
    sql: 'SELECT count(*)::int AS n FROM recovery_codes r JOIN credentials c ON c.id = r.credential_id JOIN people p ON p.id = c.person_id WHERE p.school_id = $1',
  },
  {
    table: 'password_resets',
    sql: 'SELECT count(*)::int AS n FROM password_resets r JOIN credentials c ON c.id = r.credential_id JOIN people p ON p.id = c.person_id WHERE p.school_id = $1',
  },
  {
    table: 'pupil_home_emails',
    sql: 'SELECT count(*)::int AS n FROM pupil_home_emails e JOIN people p ON p.id = e.person_id WHERE p.school_id = $1',
  },
  { table: 'login_cards', sql: 'SELECT count(*)::int AS n FROM login_cards l JOIN people p ON p.id = l.person_id WHERE p.school_id = $1' },
  { table: 'licences', sql: 'SELECT count(*)::int AS n FROM licences WHERE school_id = $1' },
  {
    table: 'licence_assignments',
    sql: 'SELECT count(*)::int AS n FROM licence_assignments a JOIN licences l ON l.id = a.licence_id WHERE l.school_id = $1',
  },
  { table: 'activations', sql: 'SELECT count(*)::int AS n FROM activations WHERE school_id = $1' },
  { table: 'activation_history', sql: 'SELECT count(*)::int AS n FROM activation_history WHERE school_id = $1' },
  { table: 'agreement_acceptances', sql: 'SELECT count(*)::int AS n FROM agreement_acceptances WHERE school_id = $1' },
  { table: 'school_networks', sql: 'SELECT count(*)::int AS n FROM school_networks WHERE school_id = $1' },
  { table: 'import_uploads', sql: 'SELECT count(*)::int AS n FROM import_uploads WHERE school_id = $1' },
  { table: 'school_product_order', sql: 'SELECT count(*)::int AS n FROM school_product_order WHERE school_id = $1' },
  {
    table: 'product_launch_counts',
    sql: 'SELECT count(*)::int AS n FROM product_launch_counts l JOIN people p ON p.id = l.person_id WHERE p.school_id = $1',
  },
  { table: 'misuse_warnings', sql: 'SELECT count(*)::int AS n FROM misuse_warnings WHERE school_id = $1' },
  { table: 'school_suspensions', sql: 'SELECT count(*)::int AS n FROM school_suspensions WHERE school_id = $1' },
  { table: 'upstream_idps', sql: 'SELECT count(*)::int AS n FROM upstream_idps WHERE school_id = $1' },
  {
    table: 'guardian_accounts',
    // Parents whose every child is at this school (the others keep their account).
    sql: `SELECT count(*)::int AS n FROM guardian_accounts g
           WHERE EXISTS (SELECT 1 FROM pupil_home_emails e JOIN people p ON p.id = e.person_id WHERE e.email_hmac = g.email_hmac AND p.school_id = $1)
             AND NOT EXISTS (SELECT 1 FROM pupil_home_emails e JOIN people p ON p.id = e.person_id WHERE e.email_hmac = g.email_hmac AND p.school_id <> $1)`,
  },
];

type CertificateRow = { id: string; school_id: string; brin: string; destroyed_at: Date; document: string };

export class TypeOrmRetentionRepository implements RetentionStore, JobClaims {
  constructor(private readonly em: EntityManager) {}

  async purge(target: PurgeTarget, cutoff: Date, dryRun: boolean): Promise<number> {
    let total = 0;
    for (const { table, where } of PURGE[target]) {
      if (dryRun) {
        const [{ n }] = (await this.em.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, [cutoff])) as Array<{ n: number }>;
        total += n;
      } else total += await affectedRows(this.em, `DELETE FROM ${table} WHERE ${where}`, [cutoff]);
    }
    return total;
  }

  async countSchoolRows(schoolId: string): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const { table, sql } of SCHOOL_ROWS) {
      const [{ n }] = (await this.em.query(sql, [schoolId])) as Array<{ n: number }>;
      out[table] = n;
    }
    return out;
  }

  async saveCertificate(c: DestructionCertificateRecord): Promise<void> {
    await this.em.query('INSERT INTO destruction_certificates (id, school_id, brin, destroyed_at, document) VALUES ($1, $2, $3, $4, $5)', [
      c.id,
      c.schoolId,
      c.brin,
      c.destroyedAt,
      c.document,
    ]);
  }

  async listCertificates(brin?: string): Promise<DestructionCertificateRecord[]> {
    const rows: CertificateRow[] = await this.em.query(
      `SELECT id, school_id, brin, destroyed_at, document FROM destruction_certificates ${brin ? 'WHERE brin = $1' : ''} ORDER BY destroyed_at DESC`,
      brin ? [brin] : [],
    );
    return rows.map((r) => ({
      id: r.id,
      schoolId: r.school_id,
      brin: r.brin,
      destroyedAt: new Date(r.destroyed_at),
      document: r.document,
    }));
  }

  async claim(job: string, owner: string, everyMs: number, leaseMs: number, now = new Date()): Promise<boolean> {
    // One statement in the steady state: the row lock makes two processes' claims take turns, the
    // condition lets one win. The first claim ever creates the row (and a race there has one winner too).
    const updated = await affectedRows(
      this.em,
      `UPDATE job_runs SET locked_until = $3::timestamptz + ($5::int * interval '1 millisecond'), locked_by = $2, last_started_at = $3
        WHERE name = $1 AND (locked_until IS NULL OR locked_until < $3)
          AND (last_started_at IS NULL OR last_started_at <= $3::timestamptz - ($4::int * interval '1 millisecond'))`,
      [job, owner, now, everyMs, leaseMs],
    );
    if (updated > 0) return true;
    const inserted: unknown[] = await this.em.query(
      `INSERT INTO job_runs (name, locked_until, locked_by, last_started_at)
       VALUES ($1, $3::timestamptz + ($4::int * interval '1 millisecond'), $2, $3) ON CONFLICT (name) DO NOTHING RETURNING name`,
      [job, owner, now, leaseMs],
    );
    return inserted.length > 0;
  }

  async finish(job: string, owner: string, outcome: string): Promise<void> {
    await this.em.query(
      'UPDATE job_runs SET locked_until = NULL, locked_by = NULL, last_finished_at = now(), last_outcome = $3 WHERE name = $1 AND locked_by = $2',
      [job, owner, outcome.slice(0, 500)],
    );
  }

  async list(): Promise<JobRun[]> {
    const rows: Array<{ name: string; s: Date | string | null; f: Date | string | null; outcome: string | null; running: boolean }> =
      await this.em.query(
        `SELECT name, last_started_at AS s, last_finished_at AS f, last_outcome AS outcome,
           (locked_until IS NOT NULL AND locked_until > now()) AS running FROM job_runs ORDER BY name`,
      );
    const at = (d: Date | string | null) => (d === null ? null : new Date(d));
    return rows.map((r) => ({ name: r.name, lastStartedAt: at(r.s), lastFinishedAt: at(r.f), lastOutcome: r.outcome, running: r.running }));
  }
}

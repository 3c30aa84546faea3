import type { EntityManager } from 'typeorm';
import type { MisuseRepository } from '../../domain/misuse/ports';
import type { MisuseWarning, SchoolSuspension, SuspensionBasis } from '../../domain/model';
import { fieldCipher } from '../field-encryption';
import { affectedRows } from './sql';

type WarningRow = {
  id: string;
  school_id: string;
  observed_enc: string;
  required_measures_enc: string;
  deadline: Date;
  issued_at: Date;
  issued_by: string;
  closed_at: Date | null;
  closed_by: string | null;
  closing: 'measures_taken' | 'withdrawn' | null;
};

type SuspensionRow = {
  id: string;
  school_id: string;
  basis: SuspensionBasis;
  warning_id: string | null;
  immediate_reason: string | null;
  explanation: string;
  suspended_at: Date;
  suspended_by: string;
  lifted_at: Date | null;
  lifted_by: string | null;
  lift_note: string | null;
};

const toWarning = (r: WarningRow): MisuseWarning => {
  const c = fieldCipher();
  return {
    id: r.id,
    schoolId: r.school_id,
    observed: c.decrypt(r.observed_enc, 'misuse_warnings.observed'),
    requiredMeasures: c.decrypt(r.required_measures_enc, 'misuse_warnings.required_measures'),
    deadline: new Date(r.deadline),
    issuedAt: new Date(r.issued_at),
    issuedBy: r.issued_by,
    closedAt: r.closed_at ? new Date(r.closed_at) : null,
    closedBy: r.closed_by,
    closing: r.closing,
  };
};

const toSuspension = (r: SuspensionRow): SchoolSuspension => ({
  id: r.id,
  schoolId: r.school_id,
  basis: r.basis,
  warningId: r.warning_id,
  immediateReason: r.immediate_reason,
  explanation: r.explanation,
  suspendedAt: new Date(r.suspended_at),
  suspendedBy: r.suspended_by,
  liftedAt: r.lifted_at ? new Date(r.lifted_at) : null,
  liftedBy: r.lifted_by,
  liftNote: r.lift_note,
});

/** UPDATE … RETURNING answers [rows, count] through TypeORM on both backends. */
const returned = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as T[];

export class TypeOrmMisuseRepository implements MisuseRepository {
  constructor(private readonly em: EntityManager) {}

  async insertWarning(w: {
    schoolId: string;
    observed: string;
    requiredMeasures: string;
    deadline: Date;
    issuedBy: string;
    issuedAt: Date;
  }): Promise<MisuseWarning> {
    const c = fieldCipher();
    const rows: WarningRow[] = await this.em.query(
      `INSERT INTO misuse_warnings (school_id, observed_enc, required_measures_enc, deadline, issued_by, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [
        w.schoolId,
        c.encrypt(w.observed, 'misuse_warnings.observed'),
        c.encrypt(w.requiredMeasures, 'misuse_warnings.required_measures'),
        w.deadline,
        w.issuedBy,
        w.issuedAt,
      ],
    );
    return toWarning(rows[0]!);
  }

  async findWarning(id: string): Promise<MisuseWarning | null> {
    const rows: WarningRow[] = await this.em.query('SELECT * FROM misuse_warnings WHERE id = $1', [id]);
    return rows[0] ? toWarning(rows[0]) : null;
  }

  async warningsOf(schoolId: string): Promise<MisuseWarning[]> {
    const rows: WarningRow[] = await this.em.query('SELECT * FROM misuse_warnings WHERE school_id = $1 ORDER BY issued_at DESC, id', [
      schoolId,
    ]);
    return rows.map(toWarning);
  }

  async openWarnings(): Promise<MisuseWarning[]> {
    const rows: WarningRow[] = await this.em.query('SELECT * FROM misuse_warnings WHERE closed_at IS NULL ORDER BY deadline, id');
    return rows.map(toWarning);
  }

  async closeWarning(id: string, closing: 'measures_taken' | 'withdrawn', at: Date, by: string): Promise<boolean> {
    // Only an open warning: closing twice at once changes it once.
    const changed = await affectedRows(
      this.em,
      'UPDATE misuse_warnings SET closed_at = $2, closed_by = $3, closing = $4 WHERE id = $1 AND closed_at IS NULL',
      [id, at, by, closing],
    );
    return changed === 1;
  }

  async suspend(s: {
    schoolId: string;
    basis: SuspensionBasis;
    warningId: string | null;
    immediateReason: string | null;
    explanation: string;
    at: Date;
    by: string;
  }): Promise<SchoolSuspension | null> {
    // The flag first, conditionally: of two suspensions at once the second waits for the row lock and then
    // finds the school suspended (and the unique index would refuse a second open record anyway).
    const flagged = await affectedRows(
      this.em,
      'UPDATE schools SET suspended_at = $2, updated_at = now() WHERE id = $1 AND suspended_at IS NULL',
      [s.schoolId, s.at],
    );
    if (flagged !== 1) return null;
    const rows: SuspensionRow[] = await this.em.query(
      `INSERT INTO school_suspensions (school_id, basis, warning_id, immediate_reason, explanation, suspended_at, suspended_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [s.schoolId, s.basis, s.warningId, s.immediateReason, s.explanation, s.at, s.by],
    );
    return toSuspension(rows[0]!);
  }

  async lift(schoolId: string, note: string, at: Date, by: string): Promise<SchoolSuspension | null> {
    const flagged = await affectedRows(
      this.em,
      'UPDATE schools SET suspended_at = NULL, updated_at = now() WHERE id = $1 AND suspended_at IS NOT NULL',
      [schoolId],
    );
    if (flagged !== 1) return null;
    const rows = returned<SuspensionRow>(
      await this.em.query(
        'UPDATE school_suspensions SET lifted_at = $2, lifted_by = $3, lift_note = $4 WHERE school_id = $1 AND lifted_at IS NULL RETURNING *',
        [schoolId, at, by, note],
      ),
    );
    return rows[0] ? toSuspension(rows[0]) : null;
  }

  async currentSuspension(schoolId: string): Promise<SchoolSuspension | null> {
    const rows: SuspensionRow[] = await this.em.query('SELECT * FROM school_suspensions WHERE school_id = $1 AND lifted_at IS NULL', [
      schoolId,
    ]);
    return rows[0] ? toSuspension(rows[0]) : null;
  }

  async suspensionsOf(schoolId: string): Promise<SchoolSuspension[]> {
    const rows: SuspensionRow[] = await this.em.query(
      'SELECT * FROM school_suspensions WHERE school_id = $1 ORDER BY suspended_at DESC, id',
      [schoolId],
    );
    return rows.map(toSuspension);
  }

  async boardEmail(schoolId: string): Promise<string | null> {
    const rows: Array<{ board_email_enc: string | null }> = await this.em.query('SELECT board_email_enc FROM schools WHERE id = $1', [
      schoolId,
    ]);
    const enc = rows[0]?.board_email_enc;
    return enc ? fieldCipher().decrypt(enc, 'schools.board_email') : null;
  }

  async setBoardEmail(schoolId: string, email: string | null): Promise<void> {
    await this.em.query('UPDATE schools SET board_email_enc = $2, updated_at = now() WHERE id = $1', [
      schoolId,
      email === null ? null : fieldCipher().encrypt(email, 'schools.board_email'),
    ]);
  }
}

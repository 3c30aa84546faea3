import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Misuse warnings and suspension (product & service agreement art. 12). A school gets a board address
 * (encrypted like every address), a `suspended_at` flag that the login services, the licence gate and the
 * roster API read through the schools cache, and two registers: the written warnings and the suspensions
 * (lifted ones stay, with who and when). Suspending deletes nothing; these tables only add facts.
 * The warning texts are the operator's words about a school and may name people: encrypted at rest.
 */
export class MisuseAndSuspension1795480000000 implements MigrationInterface {
  name = 'MisuseAndSuspension1795480000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE schools ADD COLUMN suspended_at timestamptz, ADD COLUMN board_email_enc text');
    await q.query(`CREATE TABLE misuse_warnings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
      observed_enc text NOT NULL,
      required_measures_enc text NOT NULL,
      deadline timestamptz NOT NULL,
      issued_at timestamptz NOT NULL DEFAULT now(),
      issued_by text NOT NULL,
      closed_at timestamptz,
      closed_by text,
      closing text,
      CONSTRAINT misuse_warnings_deadline_after_issue CHECK (deadline > issued_at),
      CONSTRAINT misuse_warnings_closing CHECK (closing IS NULL OR closing IN ('measures_taken', 'withdrawn')),
      CONSTRAINT misuse_warnings_close_complete CHECK ((closed_at IS NULL) = (closed_by IS NULL) AND (closed_at IS NULL) = (closing IS NULL))
    )`);
    await q.query('CREATE INDEX misuse_warnings_school ON misuse_warnings (school_id, issued_at)');
    await q.query(`CREATE TABLE school_suspensions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
      basis text NOT NULL,
      warning_id uuid REFERENCES misuse_warnings(id) ON DELETE CASCADE,
      immediate_reason text,
      explanation text NOT NULL,
      suspended_at timestamptz NOT NULL DEFAULT now(),
      suspended_by text NOT NULL,
      lifted_at timestamptz,
      lifted_by text,
      lift_note text,
      CONSTRAINT school_suspensions_basis CHECK (
        (basis = 'expired_warning' AND warning_id IS NOT NULL AND immediate_reason IS NULL)
        OR (basis = 'immediate' AND immediate_reason IS NOT NULL)),
      CONSTRAINT school_suspensions_lift_complete CHECK ((lifted_at IS NULL) = (lifted_by IS NULL))
    )`);
    // One suspension in force per school, whatever runs at the same time.
    await q.query('CREATE UNIQUE INDEX school_suspensions_one_in_force ON school_suspensions (school_id) WHERE lifted_at IS NULL');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE school_suspensions');
    await q.query('DROP TABLE misuse_warnings');
    await q.query('ALTER TABLE schools DROP COLUMN board_email_enc, DROP COLUMN suspended_at');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The school management screen: an uploaded roster waits here (encrypted: it holds the LAS export)
 * between the dry run and "apply", for at most 30 minutes, and is deleted when applied.
 */
export class ManagementScreen1795408000000 implements MigrationInterface {
  name = 'ManagementScreen1795408000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE import_uploads (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
      uploaded_by uuid NOT NULL,
      format text NOT NULL CONSTRAINT import_uploads_format_valid CHECK (format IN ('edexml', 'csv')),
      file_name text NOT NULL,
      contents_enc text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE import_uploads');
  }
}

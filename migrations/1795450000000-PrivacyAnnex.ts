import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The privacy annex as data (annex 1 D, DPA art. 13.3): per participant the categories it processes, its
 * purposes, sub-processors and storage location (NULL categories: not declared yet — the release keeps the
 * default with recorded needs). Per school and participant, the categories the school accepted when a
 * change widened the annex (NULL: nothing pending — the school's activation covers the annex as it is).
 */
export class PrivacyAnnex1795450000000 implements MigrationInterface {
  name = 'PrivacyAnnex1795450000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE participants
      ADD COLUMN annex_categories text[],
      ADD COLUMN annex_purposes jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN annex_sub_processors jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN annex_storage_location text,
      ADD COLUMN annex_changed_at timestamptz`);
    await q.query(`ALTER TABLE activations
      ADD COLUMN accepted_categories text[],
      ADD COLUMN accepted_at timestamptz,
      ADD COLUMN accepted_by text`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE activations DROP COLUMN accepted_categories, DROP COLUMN accepted_at, DROP COLUMN accepted_by');
    await q.query(`ALTER TABLE participants DROP COLUMN annex_categories, DROP COLUMN annex_purposes, DROP COLUMN annex_sub_processors,
      DROP COLUMN annex_storage_location, DROP COLUMN annex_changed_at`);
  }
}

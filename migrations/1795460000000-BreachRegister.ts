import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The breach register (DPA annex 2; security annex C). Affected schools are a snapshot (id, BRIN, name,
 * count) in jsonb: the register is a legal record and outlives a school whose data is destroyed. No
 * personal data of the people affected — counts only; actors as ids.
 */
export class BreachRegister1795460000000 implements MigrationInterface {
  name = 'BreachRegister1795460000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE breaches (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      detected_at timestamptz NOT NULL,
      summary text NOT NULL,
      natures text[] NOT NULL,
      cause text NOT NULL,
      measures text NOT NULL,
      affected_schools jsonb NOT NULL,
      affected_kinds text[] NOT NULL,
      data_categories text[] NOT NULL,
      access_data_affected boolean NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      recorded_by text NOT NULL,
      confirmed_at timestamptz,
      confirmed_by text,
      notified_at timestamptz,
      notified_by text,
      delegates_notified integer,
      CONSTRAINT breaches_natures_known CHECK (cardinality(natures) > 0 AND natures <@ ARRAY['read','copy','change','delete','theft']::text[]),
      CONSTRAINT breaches_confirm_complete CHECK ((confirmed_at IS NULL) = (confirmed_by IS NULL)),
      CONSTRAINT breaches_notify_complete CHECK ((notified_at IS NULL) = (notified_by IS NULL) AND (notified_at IS NULL) = (delegates_notified IS NULL)),
      CONSTRAINT breaches_notify_after_confirm CHECK (notified_at IS NULL OR confirmed_at IS NOT NULL)
    )`);
    await q.query('CREATE INDEX breaches_detected ON breaches (detected_at DESC)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE breaches');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disruption reports (product & service agreement art. 5): reported by a school's delegate in the
 * management screen or recorded by an operator from a phone call; acknowledged, given an estimated repair
 * time, resolved. The school's own description may name people: encrypted. The public text is what the
 * status page shows (written by the operator for everyone).
 */
export class Disruptions1795482000000 implements MigrationInterface {
  name = 'Disruptions1795482000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE disruptions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid REFERENCES schools(id) ON DELETE SET NULL,
      channel text NOT NULL,
      description_enc text NOT NULL,
      reported_at timestamptz NOT NULL DEFAULT now(),
      reported_by text NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by text,
      public_text_nl text,
      public_text_en text,
      estimated_repair_at timestamptz,
      estimate_given_at timestamptz,
      resolved_at timestamptz,
      resolved_by text,
      CONSTRAINT disruptions_channel CHECK (channel IN ('admin', 'phone')),
      CONSTRAINT disruptions_ack_complete CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)
        AND (acknowledged_at IS NULL) = (public_text_nl IS NULL) AND (acknowledged_at IS NULL) = (public_text_en IS NULL)),
      CONSTRAINT disruptions_estimate_complete CHECK ((estimated_repair_at IS NULL) = (estimate_given_at IS NULL)),
      CONSTRAINT disruptions_estimate_after_ack CHECK (estimate_given_at IS NULL OR acknowledged_at IS NOT NULL),
      CONSTRAINT disruptions_resolve_complete CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
    )`);
    await q.query('CREATE INDEX disruptions_open ON disruptions (reported_at) WHERE resolved_at IS NULL');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE disruptions');
  }
}

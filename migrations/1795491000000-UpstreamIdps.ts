import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schools' own IdPs (issue 17): one per school, registered from its metadata. The hub trusts the
 * signing certificates stored here for Responses from `entity_id`; `roles`, `identifier` and `match_on`
 * say who may use it and how the person is found in the roster. No personal data.
 */
export class UpstreamIdps1795491000000 implements MigrationInterface {
  name = 'UpstreamIdps1795491000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE upstream_idps (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL UNIQUE REFERENCES schools(id) ON DELETE CASCADE,
      entity_id text NOT NULL,
      sso_url text NOT NULL,
      signing_certificates jsonb NOT NULL,
      valid_until timestamptz,
      metadata_xml text NOT NULL,
      metadata_url text,
      metadata_trust_certificate text,
      metadata_fetched_at timestamptz NOT NULL,
      roles text NOT NULL,
      identifier text NOT NULL,
      match_on text NOT NULL,
      allow_unsolicited boolean NOT NULL DEFAULT false,
      want_assertions_signed boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT upstream_idps_roles CHECK (roles IN ('staff', 'staff_and_pupils')),
      CONSTRAINT upstream_idps_match_on CHECK (match_on IN ('email', 'employee_number', 'las_key', 'eck_id')),
      CONSTRAINT upstream_idps_certificates CHECK (jsonb_typeof(signing_certificates) = 'array' AND jsonb_array_length(signing_certificates) > 0)
    )`);
    await q.query('CREATE INDEX upstream_idps_entity ON upstream_idps (entity_id)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE upstream_idps');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail domains of schools' own IdPs (issue 17): a login name at one of them goes to that school's IdP.
 * A domain belongs to one school (primary key), is stored lower-case as a hostname, and goes with the
 * IdP registration (cascade). No personal data: a school's domain, not anyone's address.
 */
export class UpstreamIdpDomains1795504000000 implements MigrationInterface {
  name = 'UpstreamIdpDomains1795504000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE upstream_idp_domains (
      domain text PRIMARY KEY,
      school_id uuid NOT NULL REFERENCES upstream_idps(school_id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT upstream_idp_domains_hostname CHECK (
        domain = lower(domain) AND length(domain) <= 253
        AND domain ~ '^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+([a-z]{2,63}|xn--[a-z0-9-]{1,59})$'
      )
    )`);
    await q.query('CREATE INDEX upstream_idp_domains_school ON upstream_idp_domains (school_id)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE upstream_idp_domains');
  }
}

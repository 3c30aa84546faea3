import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Service notices of the product & service agreement: ending the service at the start of a school year
 * (art. 11) and withdrawing support for a browser (art. 6), both announced three months ahead; and the
 * supported browsers the status page publishes. Cancelled notices stay as the record of what was said.
 */
export class ServiceNotices1795481000000 implements MigrationInterface {
  name = 'ServiceNotices1795481000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE supported_browsers (
      name text PRIMARY KEY,
      minimum_version text NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT supported_browsers_name_not_blank CHECK (length(btrim(name)) > 0)
    )`);
    await q.query(`CREATE TABLE service_notices (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL,
      browser text REFERENCES supported_browsers(name),
      effective_at timestamptz NOT NULL,
      announced_at timestamptz NOT NULL DEFAULT now(),
      announced_by text NOT NULL,
      cancelled_at timestamptz,
      cancelled_by text,
      CONSTRAINT service_notices_kind CHECK (kind IN ('service_end', 'browser_withdrawal')),
      CONSTRAINT service_notices_browser CHECK ((kind = 'browser_withdrawal') = (browser IS NOT NULL)),
      CONSTRAINT service_notices_cancel_complete CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL))
    )`);
    // One ending of the service, and one withdrawal per browser, in force at a time.
    await q.query(
      "CREATE UNIQUE INDEX service_notices_one_end ON service_notices (kind) WHERE kind = 'service_end' AND cancelled_at IS NULL",
    );
    await q.query('CREATE UNIQUE INDEX service_notices_one_per_browser ON service_notices (browser) WHERE cancelled_at IS NULL');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE service_notices');
    await q.query('DROP TABLE supported_browsers');
  }
}

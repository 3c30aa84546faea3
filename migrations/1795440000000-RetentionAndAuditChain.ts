import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention with proof and a tamper-evident audit trail (issue 15 items 4 and 5).
 *
 * - audit_events gets its place in a hash chain (chain_seq, chain_hash), filled in by the sealer after
 *   commit (see persistence/repositories/audit-chain.repository.ts for why a sealer and not a lock at insert).
 *   A partial index finds the rows not sealed yet without scanning the trail.
 * - A trigger makes audit_events append-only: an UPDATE may only seal a row (set its chain columns once,
 *   nothing else changed); a DELETE only runs inside leerpoort_audit_purge(), which removes a sealed prefix
 *   of the chain behind a signed checkpoint. The same holds for the checkpoints themselves.
 * - audit_chain_head: the last sealed link, signed by the hub key (a deleted tail shows against it).
 * - destruction_certificates: the signed certificates of destroyed schools (the proof stays with the hub).
 * - job_runs: one row per scheduled job, claimed with a lease so one hub process runs it at a time.
 *
 * One statement per query: PGlite's extended protocol runs one statement at a time.
 */
export class RetentionAndAuditChain1795440000000 implements MigrationInterface {
  name = 'RetentionAndAuditChain1795440000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_events ADD COLUMN chain_seq bigint');
    await q.query('ALTER TABLE audit_events ADD COLUMN chain_hash text');
    await q.query('CREATE UNIQUE INDEX audit_events_chain_seq ON audit_events (chain_seq) WHERE chain_seq IS NOT NULL');
    await q.query('CREATE INDEX audit_events_unsealed ON audit_events (occurred_at, id) WHERE chain_seq IS NULL');
    await q.query('CREATE INDEX audit_events_occurred_at ON audit_events (occurred_at)');
    await q.query(`CREATE TABLE audit_chain_head (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      seq bigint NOT NULL,
      hash text NOT NULL,
      signature text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE audit_checkpoints (
      id bigserial PRIMARY KEY,
      upto_seq bigint NOT NULL UNIQUE,
      upto_hash text NOT NULL,
      purged_entries integer NOT NULL,
      purged_before timestamptz NOT NULL,
      signature text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE FUNCTION leerpoort_audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Nested IFs: plpgsql does not promise to short-circuit AND, and checkpoints have no chain_seq.
        IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'audit_events' THEN
          IF OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL AND NEW.chain_hash IS NOT NULL
             AND (to_jsonb(NEW) - 'chain_seq' - 'chain_hash') = (to_jsonb(OLD) - 'chain_seq' - 'chain_hash') THEN
            RETURN NEW;
          END IF;
        END IF;
        IF TG_OP = 'DELETE' AND current_setting('leerpoort.audit_purge', true) = 'on' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'leerpoort: % is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(
      'CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION leerpoort_audit_guard()',
    );
    await q.query(
      'CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION leerpoort_audit_guard()',
    );
    // The only way to delete audit entries: a sealed prefix of the chain, up to a checkpoint recorded
    // before (in the same transaction). SECURITY DEFINER: it runs as the table owner, so the application
    // role needs no DELETE privilege on audit_events at all (docs/operations.md). A fixed search_path, as
    // every SECURITY DEFINER function needs: no caller-made object can stand in for the tables.
    await q.query(`CREATE FUNCTION leerpoort_audit_purge(upto bigint) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE n integer;
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM audit_checkpoints WHERE upto_seq = upto) THEN
          RAISE EXCEPTION 'leerpoort: no checkpoint at chain position %', upto USING ERRCODE = 'insufficient_privilege';
        END IF;
        PERFORM set_config('leerpoort.audit_purge', 'on', true);
        DELETE FROM audit_events WHERE chain_seq IS NOT NULL AND chain_seq <= upto;
        GET DIAGNOSTICS n = ROW_COUNT;
        PERFORM set_config('leerpoort.audit_purge', 'off', true);
        RETURN n;
      END $$`);
    await q.query(`CREATE TABLE destruction_certificates (
      id uuid PRIMARY KEY,
      school_id uuid NOT NULL,
      brin text NOT NULL,
      destroyed_at timestamptz NOT NULL,
      document text NOT NULL
    )`);
    await q.query(`CREATE TABLE job_runs (
      name text PRIMARY KEY,
      locked_until timestamptz,
      locked_by text,
      last_started_at timestamptz,
      last_finished_at timestamptz,
      last_outcome text
    )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE job_runs');
    await q.query('DROP TABLE destruction_certificates');
    await q.query('DROP FUNCTION leerpoort_audit_purge(bigint)');
    await q.query('DROP TRIGGER audit_checkpoints_append_only ON audit_checkpoints');
    await q.query('DROP TRIGGER audit_events_append_only ON audit_events');
    await q.query('DROP FUNCTION leerpoort_audit_guard()');
    await q.query('DROP TABLE audit_checkpoints');
    await q.query('DROP TABLE audit_chain_head');
    await q.query('DROP INDEX audit_events_occurred_at');
    await q.query('DROP INDEX audit_events_unsealed');
    await q.query('DROP INDEX audit_events_chain_seq');
    await q.query('ALTER TABLE audit_events DROP COLUMN chain_hash');
    await q.query('ALTER TABLE audit_events DROP COLUMN chain_seq');
  }
}

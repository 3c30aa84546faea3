import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { FieldCipher, parseKeyring } from '../../src/crypto/field-cipher';
import { type Database, openDatabase } from '../../src/persistence/data-source';
import { openPGlite, PGLITE_FOLDER } from '../../src/persistence/embedded-folder';
import { TEST_KEYRING_TEXT, testEnv } from './env';

export const skippedSuites = new Set<string>();
export const testCipher = () => new FieldCipher(parseKeyring(TEST_KEYRING_TEXT));

/** The URL of a database next to TEST_DATABASE_URL's, e.g. leerpoort_test_cli. */
export function siblingDatabaseUrl(suffix: string): string {
  const url = new URL(testEnv.databaseUrl);
  url.pathname = `${url.pathname.replace(/\/$/, '')}${suffix}`;
  return url.toString();
}

let reachable: Promise<string | null> | null = null;

/** null when PostgreSQL answers, else the reason. */
export function postgresProblem(): Promise<string | null> {
  reachable ??= (async () => {
    const admin = new URL(testEnv.databaseUrl);
    admin.pathname = '/postgres';
    const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      return null;
    } catch (e) {
      return `PostgreSQL not reachable at ${admin.host}: ${(e as Error).message}`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/** Creates the database when missing and empties its public schema, so each suite starts from nothing. */
export async function resetPostgresDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const adminClient = new Client({ connectionString: admin.toString() });
  await adminClient.connect();
  try {
    const exists = await adminClient.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await adminClient.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await adminClient.end();
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE');
    await client.query('CREATE SCHEMA public');
  } finally {
    await client.end();
  }
}

let pgliteTemplate: Promise<{ folder: string; dump: Blob }> | null = null;

/**
 * A PGlite database migrated once per process: its folder (to copy into a hub's DATA_DIR) and PGlite's
 * dump of it (to load into an in-memory database). Each saves an initdb and every migration.
 */
function migratedPGlite(): Promise<{ folder: string; dump: Blob }> {
  pgliteTemplate ??= (async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-pglite-template-'));
    process.once('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));
    const db = await openDatabase({ kind: 'pglite', dataDir }, testCipher());
    try {
      await db.migrate();
    } finally {
      await db.close();
    }
    const pglite = await openPGlite(dataDir);
    try {
      return { folder: path.join(dataDir, PGLITE_FOLDER), dump: await pglite.dumpDataDir('none') };
    } finally {
      await pglite.close();
    }
  })();
  return pgliteTemplate;
}

/** A new DATA_DIR holding a migrated embedded database (for a hub on PGlite). */
export async function migratedPGliteDataDir(): Promise<string> {
  const { folder } = await migratedPGlite();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-hub-data-'));
  fs.cpSync(folder, path.join(dataDir, PGLITE_FOLDER), { recursive: true });
  return dataDir;
}

export type Backend = 'pglite' | 'postgres';
/** Both database backends, for suites that run on each. */
export const BACKENDS: readonly Backend[] = ['pglite', 'postgres'];

/**
 * Runs a suite against both backends: embedded PGlite (in memory) and real PostgreSQL. Without
 * PostgreSQL the postgres half is skipped with a reason, unless CI=true, where it fails.
 */
export function describeEachBackend(
  title: string,
  body: (ctx: { db: () => Database; backend: Backend }) => void,
  opts: { migrate?: boolean } = {},
): void {
  for (const backend of ['pglite', 'postgres'] as const) {
    describe(`${title} [${backend}]`, function () {
      const migrated = opts.migrate !== false;
      let db: Database | null = null;
      before(async function () {
        if (backend === 'postgres') {
          const problem = await postgresProblem();
          if (problem) {
            if (testEnv.isCI) throw new Error(`CI=true requires PostgreSQL: ${problem}`);
            skippedSuites.add(`${title} [postgres]: ${problem}`);
            this.skip();
          }
          const url = siblingDatabaseUrl('');
          await resetPostgresDatabase(url);
          db = await openDatabase({ kind: 'postgres', url }, testCipher());
        } else {
          const loadDataDir = migrated ? (await migratedPGlite()).dump : undefined;
          db = await openDatabase({ kind: 'pglite', dataDir: null, loadDataDir }, testCipher());
        }
        // On PGlite a migrated copy, where this applies nothing (as on a hub that restarts).
        if (migrated) await db.migrate();
      });
      after(async () => {
        await db?.close();
      });
      body({
        db: () => {
          if (!db) throw new Error('database not open');
          return db;
        },
        backend,
      });
    });
  }
}

/**
 * Empties every table but the migrations bookkeeping and restarts their sequences (between tests of one
 * suite) — what `TRUNCATE … RESTART IDENTITY CASCADE` of them all did, at a fraction of its cost (a
 * truncate makes new files for every table and index: about a second per call on PostgreSQL). Triggers
 * are off for the deletes (`session_replication_role`, superuser): the foreign keys need no order when
 * every row goes, and the audit log's append-only trigger would refuse.
 */
export async function truncateAll(db: Database): Promise<void> {
  await db.dataSource.query(`DO $$
    DECLARE t record;
    BEGIN
      SET LOCAL session_replication_role = replica;
      FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' LOOP
        EXECUTE format('DELETE FROM public.%I', t.tablename);
      END LOOP;
      PERFORM setval(format('public.%I', q.sequencename)::regclass, q.start_value, false)
        FROM pg_sequences q
        JOIN pg_class s ON s.relname = q.sequencename AND s.relnamespace = 'public'::regnamespace
        JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.deptype IN ('a', 'i')
        JOIN pg_class owner ON owner.oid = d.refobjid
        WHERE q.schemaname = 'public' AND owner.relname <> 'migrations';
    END $$`);
}

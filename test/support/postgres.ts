import { Client } from 'pg';
import { FieldCipher, parseKeyring } from '../../src/crypto/field-cipher';
import { type Database, openDatabase } from '../../src/persistence/data-source';
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
          db = await openDatabase({ kind: 'pglite', dataDir: null }, testCipher());
        }
        if (opts.migrate !== false) await db.migrate();
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

/** Empties every table but the migrations bookkeeping (between tests of one suite). */
export async function truncateAll(db: Database): Promise<void> {
  const rows: Array<{ tablename: string }> = await db.dataSource.query(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'",
  );
  if (rows.length) await db.dataSource.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
}

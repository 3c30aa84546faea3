import { Client } from 'pg';

/**
 * A scratch database for a benchmark: created when missing, its public schema emptied. Returns the URL,
 * or undefined when PostgreSQL is not reachable (the caller then falls back to PGlite or gives up).
 */
export async function freshBenchDatabase(url: string): Promise<string | undefined> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    const name = new URL(url).pathname.slice(1);
    if ((await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 0) await c.query(`CREATE DATABASE "${name}"`);
  } catch {
    return undefined;
  } finally {
    await c.end().catch(() => undefined);
  }
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('DROP SCHEMA IF EXISTS public CASCADE');
    await db.query('CREATE SCHEMA public');
  } finally {
    await db.end();
  }
  return url;
}

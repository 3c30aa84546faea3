import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { openHub, serve } from '../../src/main';

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

/** A migrated hub listening on a random port: on PostgreSQL when `databaseUrl` is given, else PGlite. */
export async function startBenchHub(databaseUrl: string | undefined) {
  const port = 30000 + Math.floor(Math.random() * 20000);
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    BASE_URL: `http://127.0.0.1:${port}`,
    CERTS_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'lp-bench-')),
    LOG_LEVEL: 'silent',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'lp-bench-data-')) }),
  });
  const hub = await openHub(config, createLogger(config, 2), { serving: true });
  await hub.db.migrate();
  const server = await serve(hub);
  return { config, hub, server };
}

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { ConflictError, NotFoundError, UnavailableError, ValidationError } from '../domain/errors';
import type { DatabaseTarget } from './data-source';
import { openPGlite, PGLITE_FOLDER, prepareDataDir } from './embedded-folder';
import { acquireEmbeddedLock } from './embedded-lock';

/**
 * The database side of backups (annex B.1.d): a dump as a byte stream and a restore from one.
 * PostgreSQL: `pg_dump --format=custom` / `pg_restore --single-transaction` (postgresql-client). Embedded:
 * PGlite's own dump of its data folder (`dumpDataDir`, a tar.gz) and `loadDataDir`, taken while holding
 * the folder's lock — so never while the hub runs on it. Encryption is not done here (crypto/backup-cipher).
 */

/** `environment`: what pg_dump / pg_restore inherit (PATH, PG* settings), handed in by the composition root. */
export type BackupTarget =
  | { kind: 'postgres'; url: string; environment: Readonly<Record<string, string | undefined>> }
  | { kind: 'pglite'; dataDir: string };

export function backupTarget(target: DatabaseTarget, environment: Readonly<Record<string, string | undefined>>): BackupTarget {
  if (target.kind === 'pglite') {
    if (target.dataDir === null) throw new ValidationError('an in-memory database has nothing to back up');
    return { kind: 'pglite', dataDir: target.dataDir };
  }
  return { kind: 'postgres', url: target.url, environment };
}

/** The password travels in the environment, never on a command line other users can read (ps). */
function pgConnection(target: { url: string; environment: Readonly<Record<string, string | undefined>> }): {
  dbname: string;
  env: Record<string, string | undefined>;
} {
  const u = new URL(target.url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...target.environment, ...(password ? { PGPASSWORD: password } : {}) } };
}

const redact = (text: string) => text.replace(/\/\/[^@/\s]*@/g, '//***@').trim();

function missingTool(tool: string, e: NodeJS.ErrnoException): Error {
  return e.code === 'ENOENT'
    ? new UnavailableError(`${tool} is not installed (install the PostgreSQL client tools, e.g. apt-get install postgresql-client)`)
    : e;
}

/** The dump, streamed. */
export async function* dumpDatabase(target: BackupTarget): AsyncGenerator<Buffer> {
  if (target.kind === 'postgres') {
    const { dbname, env } = pgConnection(target);
    const child = spawn('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${dbname}`], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exit = new Promise<number | null>((resolve, reject) => {
      child.on('error', (e) => reject(missingTool('pg_dump', e)));
      child.on('close', (code) => resolve(code));
    });
    let readToTheEnd = false;
    try {
      for await (const chunk of child.stdout) yield chunk as Buffer;
      readToTheEnd = true;
    } finally {
      // Stopped only when the reader gave up early. After its last byte pg_dump is still closing; a SIGTERM
      // then makes it fail ("terminated by user"), which failed backups now and then.
      if (!readToTheEnd && child.exitCode === null) child.kill('SIGTERM');
    }
    const code = await exit;
    if (code !== 0) throw new UnavailableError(`pg_dump failed (exit ${code}): ${redact(stderr).split('\n')[0]}`);
    return;
  }
  // Opening a folder without a database would make an empty one: a backup of nothing is a mistake to say.
  if (!fs.existsSync(path.join(target.dataDir, PGLITE_FOLDER)))
    throw new NotFoundError(`DATA_DIR ${target.dataDir} holds no embedded database to back up (or set DATABASE_URL)`);
  const data = await withEmbedded(target.dataDir, async (db) => Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer()));
  for (let i = 0; i < data.length; i += 1 << 20) yield data.subarray(i, i + (1 << 20));
}

/** Opens the embedded data folder under its lock (refused while the hub or another command has it). */
async function withEmbedded<T>(dataDir: string, work: (db: PGlite) => Promise<T>): Promise<T> {
  prepareDataDir(dataDir);
  const lock = acquireEmbeddedLock(dataDir);
  try {
    return await openedEmbedded(dataDir, work);
  } finally {
    lock.release();
  }
}

/** The caller holds the folder's lock. */
async function openedEmbedded<T>(dataDir: string, work: (db: PGlite) => Promise<T>): Promise<T> {
  const db = await openPGlite(dataDir);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

async function embeddedObjects(db: PGlite): Promise<number> {
  return Number((await db.query<{ n: string }>(USER_OBJECTS)).rows[0]!.n);
}

const USER_OBJECTS = `SELECT
   (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
       AND c.relkind IN ('r', 'p', 'S', 'v', 'm', 'f'))
 + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')) AS n`;

const notEmpty = (where: string) =>
  new ConflictError(
    `${where} is niet leeg; een back-up wordt alleen in een lege database teruggezet / ${where} is not empty; ` +
      'a backup is restored into an empty database only (create a new database, or a new DATA_DIR, and restore there)',
  );

/** Refuses a target that holds anything: a restore never mixes with or overwrites data. */
export async function assertEmptyTarget(target: BackupTarget): Promise<void> {
  if (target.kind === 'postgres') {
    const client = new Client({ connectionString: target.url });
    try {
      await client.connect();
    } catch (e) {
      throw new UnavailableError(`cannot connect to ${redact(target.url)}: ${(e as Error).message}`);
    }
    try {
      const { rows } = await client.query(USER_OBJECTS);
      if (Number(rows[0].n) > 0) throw notEmpty(`database ${new URL(target.url).pathname.slice(1)}`);
    } finally {
      await client.end();
    }
    return;
  }
  if (!fs.existsSync(path.join(target.dataDir, PGLITE_FOLDER))) return;
  if ((await withEmbedded(target.dataDir, embeddedObjects)) > 0) throw notEmpty(`DATA_DIR ${target.dataDir}`);
}

/** Restores a dump (already verified end to end by the caller) into an empty target. */
export async function restoreDatabase(target: BackupTarget, dump: AsyncIterable<Buffer>): Promise<void> {
  if (target.kind === 'postgres') {
    await assertEmptyTarget(target);
    const { dbname, env } = pgConnection(target);
    // One transaction: a restore that fails halfway leaves the database as empty as it was.
    const child = spawn('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`], {
      env,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exit = new Promise<number | null>((resolve, reject) => {
      child.on('error', (e) => reject(missingTool('pg_restore', e)));
      child.on('close', (code) => resolve(code));
    });
    child.stdin.on('error', () => undefined); // a pg_restore that stopped early reports through its exit code
    try {
      for await (const chunk of dump) {
        if (!child.stdin.write(chunk)) await new Promise<void>((r) => child.stdin.once('drain', () => r()));
      }
      child.stdin.end();
    } catch (e) {
      child.kill('SIGTERM');
      await exit.catch(() => undefined);
      throw e;
    }
    const code = await exit;
    if (code !== 0) throw new UnavailableError(`pg_restore failed (exit ${code}): ${redact(stderr).split('\n')[0]}`);
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of dump) chunks.push(chunk);
  prepareDataDir(target.dataDir);
  const lock = acquireEmbeddedLock(target.dataDir);
  const pgDir = path.join(target.dataDir, PGLITE_FOLDER);
  const staging = path.join(target.dataDir, 'pglite.restore');
  try {
    // Checked under the same lock that the restore holds: nothing can write the folder in between.
    if (fs.existsSync(pgDir) && (await openedEmbedded(target.dataDir, embeddedObjects)) > 0) throw notEmpty(`DATA_DIR ${target.dataDir}`);
    // Built beside the data folder and moved into place only when whole, like a first start.
    fs.rmSync(staging, { recursive: true, force: true });
    const db = await PGlite.create(staging, { loadDataDir: new Blob([Buffer.concat(chunks)]) });
    await db.query('SELECT 1');
    await db.close();
    fs.rmSync(pgDir, { recursive: true, force: true });
    fs.renameSync(staging, pgDir);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e instanceof ConflictError ? e : new UnavailableError(`the embedded database could not be restored: ${(e as Error).message}`);
  } finally {
    lock.release();
  }
}

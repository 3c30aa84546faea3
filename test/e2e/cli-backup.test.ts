import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect } from 'chai';
import { Client } from 'pg';
import { encryptBackup } from '../../src/crypto/backup-cipher';
import { parseKeyring } from '../../src/crypto/field-cipher';
import { acquireEmbeddedLock } from '../../src/persistence/embedded-lock';
import { listBackups, pruneBackups } from '../../src/persistence/backup-store';
import { cliDatabase, runCli } from '../support/cli';
import { TEST_KEYRING_TEXT } from '../support/env';
import { resetPostgresDatabase, siblingDatabaseUrl } from '../support/postgres';

/**
 * Annex B.1.d: `leerpoort backup create|restore|verify|list|prune` through the built bin — a round trip on
 * PostgreSQL and on the embedded database, compared table by table; a changed, truncated or foreign-key
 * backup refused before anything is written; a non-empty target refused.
 */

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
const OTHER_KEYRING = `t1:${Buffer.alloc(32, 9).toString('base64')}`;

type Query = (q: string) => Promise<Array<Record<string, unknown>>>;

/** Every table of the public schema with all its rows, each row as JSON text, sorted: equal dumps, equal maps. */
async function snapshot(query: Query): Promise<Map<string, string[]>> {
  const tables = (await query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).map(
    (r) => r.tablename as string,
  );
  const out = new Map<string, string[]>();
  for (const t of tables) out.set(t, (await query(`SELECT to_jsonb(x)::text AS r FROM "${t}" x`)).map((r) => r.r as string).sort());
  return out;
}

const pgQuery =
  (url: string): Query =>
  async (q) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(q)).rows;
    } finally {
      await c.end();
    }
  };

async function withPGlite<T>(dataDir: string, work: (q: Query) => Promise<T>): Promise<T> {
  const db = await PGlite.create(path.join(dataDir, 'pglite'));
  try {
    return await work(async (q) => (await db.query<Record<string, unknown>>(q)).rows);
  } finally {
    await db.close();
  }
}

function flipByte(file: string, at: number): void {
  const buf = fs.readFileSync(file);
  buf[at] = buf[at]! ^ 0x01;
  fs.writeFileSync(file, buf);
}

const rewriteChecksum = async (file: string) => {
  const { createHash } = await import('node:crypto');
  fs.writeFileSync(`${file}.sha256`, `${createHash('sha256').update(fs.readFileSync(file)).digest('hex')}  ${path.basename(file)}\n`);
};

describe('CLI backups on PostgreSQL (annex B.1.d)', function () {
  let env: Record<string, string>;
  let sourceUrl: string;
  let backupDir: string;
  let made: { file: string; sha256: string; bytes: number; kind: string };
  const restoredUrl = siblingDatabaseUrl('_backup_restored');

  before(async function () {
    // migrate + demo (+ a dump) through the bin: minutes on a busy machine.
    this.timeout(300_000);
    ({ env } = await cliDatabase(this, '_backup', 'CLI backup'));
    sourceUrl = env.DATABASE_URL!;
    backupDir = tmp('lp-backups-');
    env.BACKUP_DIR = backupDir;
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    expect((await runCli(['demo'], env)).code).to.equal(0);
    const r = await runCli(['backup', 'create', '--json'], env);
    expect(r.code, r.stderr).to.equal(0);
    made = JSON.parse(r.stdout);
    expect(r.stderr, 'progress on stderr').to.match(/backup: done, [\d.]+ MiB processed/);
  });

  beforeEach(async () => resetPostgresDatabase(restoredUrl));

  it('writes an encrypted file with a sha256sum line beside it, into BACKUP_DIR, readable by nobody else', async () => {
    expect(path.dirname(made.file)).to.equal(backupDir);
    expect(made.kind).to.equal('postgres');
    const raw = fs.readFileSync(made.file);
    expect(raw.length).to.equal(made.bytes);
    expect(raw.subarray(0, 10).toString()).to.equal('LPBACKUP1\n');
    // pg_dump's custom format starts with PGDMP; encrypted, neither it nor any table name is visible.
    expect(raw.includes(Buffer.from('PGDMP'))).to.equal(false);
    expect(raw.includes(Buffer.from('audit_events'))).to.equal(false);
    expect(fs.readFileSync(`${made.file}.sha256`, 'utf8')).to.equal(`${made.sha256}  ${path.basename(made.file)}\n`);
    expect(fs.statSync(made.file).mode & 0o077).to.equal(0);
  });

  it('round trip: restored into a fresh database, every table holds exactly the same rows; audited in both', async () => {
    const r = await runCli(['backup', 'restore', made.file, '--json'], { ...env, DATABASE_URL: restoredUrl });
    expect(r.code, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout)).to.include({ restored: true, kind: 'postgres' });
    const source = await snapshot(pgQuery(sourceUrl));
    const restored = await snapshot(pgQuery(restoredUrl));
    expect([...restored.keys()]).to.deep.equal([...source.keys()]);
    expect(source.get('people')!.length, 'the demo has people').to.be.greaterThan(0);
    for (const [table, rows] of source) {
      // The audit trail differs by exactly the events about the backup itself (create, then restore).
      if (table === 'audit_events') continue;
      expect(restored.get(table), table).to.deep.equal(rows);
    }
    const backupEvents = (rows: string[]) => rows.filter((r) => JSON.parse(r).action.startsWith('backup.')).length;
    const srcAudit = source.get('audit_events')!;
    const dstAudit = restored.get('audit_events')!;
    expect(dstAudit.filter((r) => !JSON.parse(r).action.startsWith('backup.'))).to.deep.equal(
      srcAudit.filter((r) => !JSON.parse(r).action.startsWith('backup.')),
    );
    expect(backupEvents(srcAudit)).to.equal(1); // backup.create, after the dump
    expect(backupEvents(dstAudit)).to.equal(1); // backup.restore
    // The restored database is the hub's schema, complete: nothing left to migrate.
    const check = await runCli(['migrate', '--json'], { ...env, DATABASE_URL: restoredUrl });
    expect(check.code, check.stderr).to.equal(0);
    expect(JSON.parse(check.stdout)).to.deep.equal({ applied: [] });
  });

  it('refuses a target that is not empty (exit 4), and leaves it as it was', async () => {
    const r = await runCli(['backup', 'restore', made.file, '--json'], env);
    expect(r.code).to.equal(4);
    expect(JSON.parse(r.stdout)).to.deep.include({ error: 'conflict' });
    expect(r.stderr).to.contain('not empty').and.contain('empty database only');
  });

  it('refuses a changed backup by its checksum (exit 2); with the checksum rewritten, by the encryption; nothing restored', async () => {
    const copy = path.join(tmp('lp-tamper-'), 'copy.lpbak');
    fs.copyFileSync(made.file, copy);
    fs.copyFileSync(`${made.file}.sha256`, `${copy}.sha256`);
    flipByte(copy, Math.floor(fs.statSync(copy).size / 2));
    let r = await runCli(['backup', 'restore', copy, '--json'], { ...env, DATABASE_URL: restoredUrl });
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('does not match its checksum');
    await rewriteChecksum(copy);
    r = await runCli(['backup', 'restore', copy], { ...env, DATABASE_URL: restoredUrl });
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('damaged or was changed').and.contain('does not authenticate');
    expect(await pgQuery(restoredUrl)(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).to.deep.equal([]);

    // Cut short (the last part missing) and the header edited: refused as well.
    fs.writeFileSync(copy, fs.readFileSync(made.file).subarray(0, fs.statSync(made.file).size - 100));
    await rewriteChecksum(copy);
    r = await runCli(['backup', 'verify', copy], env);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('truncated');
    const header = fs.readFileSync(made.file);
    fs.writeFileSync(copy, Buffer.from(header.toString('latin1').replace('"kind":"postgres"', '"kind":"postgres" '), 'latin1'));
    await rewriteChecksum(copy);
    r = await runCli(['backup', 'verify', copy], env);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('does not authenticate');
  });

  it('refuses another key (exit 5): the message names the key id, nothing restored', async () => {
    const r = await runCli(['backup', 'restore', made.file, '--json'], {
      ...env,
      DATABASE_URL: restoredUrl,
      DATA_ENCRYPTION_KEY: OTHER_KEYRING,
    });
    expect(r.code).to.equal(5);
    expect(JSON.parse(r.stdout).error).to.equal('forbidden');
    expect(r.stderr).to.contain("key id 't1'").and.contain('DATA_ENCRYPTION_KEY');
    expect(await pgQuery(restoredUrl)(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).to.deep.equal([]);
    // A rotated ring (a new key first, the old one kept) still opens it.
    const rotated = await runCli(['backup', 'verify', made.file, '--json'], {
      ...env,
      DATA_ENCRYPTION_KEY: `t2:${Buffer.alloc(32, 3).toString('base64')},${TEST_KEYRING_TEXT}`,
    });
    expect(rotated.code, rotated.stderr).to.equal(0);
    expect(JSON.parse(rotated.stdout)).to.include({ ok: true, kind: 'postgres' });
  });

  it('list shows each backup with its checksum state and expiry; prune deletes what the retention clock passed', async () => {
    const r = await runCli(['backup', 'list', '--json'], env);
    expect(r.code, r.stderr).to.equal(0);
    const list = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    const mine = list.find((b) => b.file === made.file)!;
    expect(mine).to.include({ kind: 'postgres', checksumOk: true });
    // LEAVER_GRACE_DAYS (90 by default) is the clock.
    expect(new Date(mine.expiresAt as string).getTime() - new Date(mine.createdAt as string).getTime()).to.equal(90 * 86_400_000);

    const keep = await runCli(['backup', 'prune', '--json'], env);
    expect(JSON.parse(keep.stdout)).to.deep.include({ deleted: [], retentionDays: 90 });
    expect(fs.existsSync(made.file)).to.equal(true);

    // The function the retention run calls, with the clock moved past the period.
    const later = new Date(Date.now() + 91 * 86_400_000);
    expect((await pruneBackups(backupDir, 90, { now: later, dryRun: true })).deleted).to.deep.equal([made.file]);
    expect(fs.existsSync(made.file)).to.equal(true);
    const copyDir = tmp('lp-prune-');
    fs.copyFileSync(made.file, path.join(copyDir, path.basename(made.file)));
    fs.writeFileSync(path.join(copyDir, 'not-a-backup.lpbak'), 'hello');
    const pruned = await pruneBackups(copyDir, 90, { now: later });
    expect(pruned.deleted.map((f) => path.basename(f))).to.deep.equal([path.basename(made.file)]);
    expect(fs.readdirSync(copyDir)).to.deep.equal(['not-a-backup.lpbak']);
    expect((await listBackups(copyDir, 90))[0]!.problem).to.contain('not a Leerpoort backup');

    // `retention run` runs the same step.
    const run = await runCli(['retention', 'run', '--dry-run', '--json'], env);
    expect(run.code, run.stderr).to.equal(0);
    const step = JSON.parse(run.stdout).steps.find((st: { name: string }) => st.name === 'backup-pruning');
    expect(step).to.deep.include({ ok: true, counts: { backups: 0 } });
    expect(step.details.deleted).to.deep.equal([]);
  });

  it('a backup from the other kind of database is refused with the reason', async () => {
    const file = path.join(tmp('lp-kind-'), 'embedded.lpbak');
    const chunks: Buffer[] = [];
    for await (const c of encryptBackup(
      parseKeyring(TEST_KEYRING_TEXT),
      'pglite',
      (async function* () {
        yield Buffer.from('x');
      })(),
    ))
      chunks.push(c);
    fs.writeFileSync(file, Buffer.concat(chunks));
    const r = await runCli(['backup', 'restore', file], { ...env, DATABASE_URL: restoredUrl });
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('backup of the embedded database');
  });
});

describe('CLI backups of the embedded database (annex B.1.d)', function () {
  let env: Record<string, string>;
  let made: { file: string };

  before(async function () {
    // migrate + demo (+ a dump) through the bin: minutes on a busy machine.
    this.timeout(300_000);
    env = { DATA_DIR: tmp('lp-data-'), CERTS_DIR: tmp('lp-certs-'), BACKUP_DIR: tmp('lp-backups-'), LOG_LEVEL: 'warn' };
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    expect((await runCli(['demo'], env)).code).to.equal(0);
    const r = await runCli(['backup', 'create', '--json'], env);
    expect(r.code, r.stderr).to.equal(0);
    made = JSON.parse(r.stdout);
  });

  it('round trip into a new DATA_DIR: every table holds the same rows', async () => {
    const target = tmp('lp-data-restored-');
    const r = await runCli(['backup', 'restore', made.file, '--json'], { ...env, DATA_DIR: target });
    expect(r.code, r.stderr).to.equal(0);
    const source = await withPGlite(env.DATA_DIR!, snapshot);
    const restored = await withPGlite(target, snapshot);
    expect([...restored.keys()]).to.deep.equal([...source.keys()]);
    expect(source.get('people')!.length).to.be.greaterThan(0);
    const withoutBackupEvents = (rows: string[]) => rows.filter((x) => !JSON.parse(x).action?.startsWith('backup.'));
    for (const [table, rows] of source) expect(withoutBackupEvents(restored.get(table)!), table).to.deep.equal(withoutBackupEvents(rows));
    // And the non-empty folder now refuses a second restore.
    const again = await runCli(['backup', 'restore', made.file], { ...env, DATA_DIR: target });
    expect(again.code).to.equal(4);
    expect(again.stderr).to.contain('not empty');
  });

  it('is refused while another process (the hub) holds the data folder', async () => {
    const lock = acquireEmbeddedLock(env.DATA_DIR!);
    try {
      const r = await runCli(['backup', 'create'], env);
      expect(r.code).to.equal(6);
      expect(r.stderr).to.contain('in use by another Leerpoort process');
    } finally {
      lock.release();
    }
  });

  it('refuses to back up a DATA_DIR without a database (exit 3), and makes none there', async () => {
    const empty = tmp('lp-data-empty-');
    const r = await runCli(['backup', 'create'], { ...env, DATA_DIR: empty });
    expect(r.code).to.equal(3);
    expect(r.stderr).to.contain('holds no embedded database');
    expect(fs.readdirSync(empty)).to.deep.equal([]);
  });

  it('refuses another key on the embedded backup too', async () => {
    const r = await runCli(['backup', 'restore', made.file], { ...env, DATA_DIR: tmp('lp-data-x-'), DATA_ENCRYPTION_KEY: OTHER_KEYRING });
    expect(r.code).to.equal(5);
  });
});

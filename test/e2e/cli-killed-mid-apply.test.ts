import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Client } from 'pg';
import { cliDatabase, runCli, spawnCli } from '../support/cli';

/**
 * Issue 14, "an import or a school deletion killed mid-apply": the built bin is SIGKILLed while its
 * transaction has written part of the change, and the database must hold exactly what it held before.
 *
 * The moment is made deterministic without any hook in the product: the test holds a lock that the
 * command's transaction needs for a later write (the audit table, written last; or a unique key of the
 * school being imported), waits until PostgreSQL shows the command's backend blocked on it with a
 * transaction id (so it has written already), and kills the process then. Releasing the lock afterwards
 * lets the orphaned statement finish; only the missing COMMIT keeps its writes out.
 */

type Sql = (query: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** Every row of every table, as text, sorted: two equal snapshots mean nothing at all changed. */
async function snapshot(sql: Sql): Promise<Record<string, string[]>> {
  const tables = await sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const out: Record<string, string[]> = {};
  for (const { tablename } of tables) {
    out[tablename as string] = (await sql(`SELECT t::text AS r FROM "${tablename}" t ORDER BY 1`)).map((r) => r.r as string);
  }
  return out;
}

/** The rows that belong to one school: its own row, rows with its school_id, rows of its people and licences. */
async function schoolSnapshot(sql: Sql, brin: string): Promise<Record<string, string[]>> {
  const [school] = await sql('SELECT id FROM schools WHERE brin = $1', [brin]);
  const id = school!.id as string;
  const cols = await sql("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'");
  const has = (t: string, c: string) => cols.some((r) => r.table_name === t && r.column_name === c);
  const out: Record<string, string[]> = {};
  for (const t of [...new Set(cols.map((r) => r.table_name as string))].sort()) {
    const where =
      t === 'schools'
        ? 'id = $1'
        : has(t, 'school_id')
          ? 'school_id = $1'
          : has(t, 'person_id')
            ? 'person_id IN (SELECT id FROM people WHERE school_id = $1)'
            : has(t, 'licence_id')
              ? 'licence_id IN (SELECT id FROM licences WHERE school_id = $1)'
              : null;
    if (where) out[t] = (await sql(`SELECT t::text AS r FROM "${t}" t WHERE ${where} ORDER BY 1`, [id])).map((r) => r.r as string);
  }
  return out;
}

/** A transaction of the test's own that holds a lock (or an uncommitted row) until released. */
async function holdLock(url: string, statements: string[]): Promise<{ release(): Promise<void> }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query('BEGIN');
  for (const s of statements) await c.query(s);
  return {
    release: async () => {
      await c.query('ROLLBACK');
      await c.end();
    },
  };
}

/** Waits until a backend of this database is blocked on a lock; returns it (pid, whether it has written, its statement). */
async function blockedBackend(sql: Sql, timeoutMs = 60_000): Promise<{ pid: number; xid: string | null; query: string }> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const [row] = await sql(
      "SELECT pid, backend_xid::text AS xid, query FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
    );
    if (row) return { pid: row.pid as number, xid: row.xid as string | null, query: row.query as string };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the command never reached the held lock');
}

async function backendGone(sql: Sql, pid: number): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if ((await sql('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).length === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`backend ${pid} of the killed command is still there`);
}

/**
 * Runs `args`, waits until its transaction is blocked on the held lock after writing, SIGKILLs it,
 * then releases the lock and waits until PostgreSQL has ended the orphaned backend.
 */
async function killMidApply(
  sql: Sql,
  env: Record<string, string>,
  args: string[],
  lock: { release(): Promise<void> },
  expectQuery: RegExp,
) {
  const { child, done } = spawnCli(args, env);
  let blocked: Awaited<ReturnType<typeof blockedBackend>>;
  try {
    blocked = await blockedBackend(sql);
  } catch (e) {
    child.kill('SIGKILL');
    await lock.release();
    throw new Error(`${(e as Error).message}; command output: ${JSON.stringify(await done)}`);
  }
  child.kill('SIGKILL');
  const result = await done;
  await lock.release();
  await backendGone(sql, blocked.pid);
  expect(result.signal, 'killed, not finished').to.equal('SIGKILL');
  expect(blocked.query).to.match(expectQuery);
  // Checked by the caller after the snapshot: had the command no transaction, its writes would show there first.
  const hadWritten = () => expect(blocked.xid, 'the transaction had written before it was killed').to.be.a('string');
  return { result, hadWritten };
}

/** The per-file result lines of a bulk import with --json. */
const jsonLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{"file"'))
    .map((l) => JSON.parse(l));

const csv = (rows: string[][]) =>
  `${['soort', 'key', 'achternaam', 'roepnaam', 'groep_key', 'groep_naam', 'jaargroep'].join(';')}\n${rows.map((r) => r.join(';')).join('\n')}\n`;
const GROUPS = [
  ['G5A', 'Groep 5a', '5'],
  ['G5B', 'Groep 5b', '5'],
  ['G6A', 'Groep 6a', '6'],
  ['G6B', 'Groep 6b', '6'],
];
const pupil = (n: number, lastName = `Achternaam${n}`, group = GROUPS[n % 4]!) => [
  'leerling',
  `P${String(n).padStart(3, '0')}`,
  lastName,
  `Voornaam${n}`,
  ...group,
];
const teachers = GROUPS.map((g, i) => ['leerkracht', `T${i + 1}`, `Meester${i + 1}`, `Juf${i + 1}`, ...g]);

describe('CLI: import and school deletion killed mid-apply leave the previous state (built bin, PostgreSQL)', function () {
  this.timeout(180_000);
  let env: Record<string, string>;
  let sql: Sql;
  let url: string;
  let dir: string;

  before(async function () {
    ({ env, sql } = await cliDatabase(this, '_cli_killed', 'CLI killed mid-apply'));
    url = env.DATABASE_URL!;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-killed-'));
    for (const args of [
      ['migrate'],
      ['demo'],
      ['school', 'add', '--brin', '31AA', '--name', 'Kilschool'],
      ['participant', 'add', '--name', 'Uitgeverij Kil'],
      ['product', 'add', '--participant', 'Uitgeverij Kil', '--name', 'Rekenen Kil'],
      ['activation', 'set', '--school', '31AA', '--participant', 'Uitgeverij Kil', '--on'],
    ]) {
      const r = await runCli(args, env);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).to.equal(0);
    }
  });

  it('import csv killed while applying: roster, accounts, licences and audit exactly as before; the rerun applies it', async () => {
    const v1 = path.join(dir, 'v1.csv');
    fs.writeFileSync(v1, csv([...Array.from({ length: 40 }, (_, i) => pupil(i + 1)), ...teachers]));
    const first = await runCli(['import', 'csv', v1, '--school', '31AA'], env);
    expect(first.code, first.stderr).to.equal(0);
    for (const args of [
      ['licence', 'grant', '--school', '31AA', '--product', 'Rekenen Kil', '--group', 'G5A'],
      ['licence', 'assign', '--school', '31AA', '--product', 'Rekenen Kil', '--group', 'G6B'],
    ]) {
      const r = await runCli(args, env);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).to.equal(0);
    }

    // The next export: 5 leavers, 3 renamed, 2 moved, 20 new (accounts with hashed passwords).
    const v2 = path.join(dir, 'v2.csv');
    fs.writeFileSync(
      v2,
      csv([
        ...Array.from({ length: 35 }, (_, i) => {
          const n = i + 1;
          if (n <= 3) return pupil(n, `Nieuwenaam${n}`);
          if (n === 10 || n === 11) return pupil(n, undefined, GROUPS[(n + 1) % 4]);
          return pupil(n);
        }),
        ...Array.from({ length: 20 }, (_, i) => pupil(41 + i)),
        ...teachers,
      ]),
    );
    const before = await snapshot(sql);
    expect(before.people!.length).to.be.greaterThan(40);

    const lock = await holdLock(url, ['LOCK TABLE audit_events IN SHARE MODE']);
    const { hadWritten } = await killMidApply(sql, env, ['import', 'csv', v2, '--school', '31AA'], lock, /audit_events/);
    expect(await snapshot(sql), 'every table exactly as before the killed import').to.deep.equal(before);
    hadWritten();

    const rerun = await runCli(['import', 'csv', v2, '--school', '31AA', '--json'], env);
    expect(rerun.code, rerun.stderr).to.equal(0);
    expect(JSON.parse(rerun.stdout).people).to.deep.include({ added: 20, changed: 3, moved: 2, deactivated: 5 });
    const [{ n }] = (await sql(
      "SELECT count(*)::int AS n FROM people p JOIN credentials c ON c.person_id = p.id JOIN schools s ON s.id = p.school_id WHERE s.brin = '31AA'",
    )) as Array<{ n: number }>;
    expect(n, 'accounts of the first import and of the rerun').to.equal(64);
  });

  it('bulk import edexml killed in the third school: the two before it complete, the third untouched; the rerun finishes', async () => {
    const example = fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/edexml/EDEXML.Voorbeeld.2.1.xml'), 'utf8');
    const files = ['32AA', '32AB', '32AC'].map((brin) => {
      const f = path.join(dir, `bulk-${brin}.xml`);
      fs.writeFileSync(
        f,
        example
          .replace('<brincode>99ZZ</brincode>', `<brincode>${brin}</brincode>`)
          .replace(/eckid="https:\/\/id\.school\//g, `eckid="https://id.school/${brin}-`),
      );
      return f;
    });
    for (const brin of ['32AA', '32AB', '32AC'])
      expect((await runCli(['school', 'add', '--brin', brin, '--name', `Bulk ${brin}`], env)).code).to.equal(0);
    const third = await schoolSnapshot(sql, '32AC');

    // An uncommitted pupil with the key of the third file's first pupil: that school's insert of its people waits for it.
    const lock = await holdLock(url, [
      "INSERT INTO people (school_id, role, las_key, first_name_enc, last_name_enc) SELECT id, 'pupil', '00001', 'x', 'x' FROM schools WHERE brin = '32AC'",
    ]);
    const args = ['import', 'edexml', ...files, '--no-accounts', '--json'];
    const { result: killed, hadWritten } = await killMidApply(sql, env, args, lock, /INSERT INTO "?people"?/i);
    expect(
      jsonLines(killed.stdout).map((l) => l.school),
      'finished before the kill',
    ).to.deep.equal(['32AA', '32AB']);

    expect(await schoolSnapshot(sql, '32AC'), 'the school being applied is untouched').to.deep.equal(third);
    hadWritten();
    const counts = await sql(
      "SELECT s.brin, count(p.id)::int AS people, (SELECT count(*)::int FROM audit_events a WHERE a.school_id = s.id AND a.action = 'roster.import') AS imports FROM schools s LEFT JOIN people p ON p.school_id = s.id WHERE s.brin LIKE '32A%' GROUP BY s.id, s.brin ORDER BY s.brin",
    );
    expect(counts, 'the finished schools are complete').to.deep.equal([
      { brin: '32AA', people: 6, imports: 1 },
      { brin: '32AB', people: 6, imports: 1 },
      { brin: '32AC', people: 0, imports: 0 },
    ]);

    const rerun = await runCli(args, env);
    expect(rerun.code, rerun.stderr).to.equal(0);
    expect(
      jsonLines(rerun.stdout).map((l) => [l.school, l.people.added, l.people.unchanged]),
      'the rerun says the first two were already there',
    ).to.deep.equal([
      ['32AA', 0, 6],
      ['32AB', 0, 6],
      ['32AC', 6, 0],
    ]);
  });

  it('retention run killed while destroying a school: nothing half-deleted; the rerun destroys it completely', async () => {
    // The demo school, with pupils, a parent account, home-access addresses, a licence and an activation, has reached its destruction date.
    await sql(
      "UPDATE schools SET status = 'terminating', termination_requested_at = now() - interval '40 days', destruction_due_at = now() - interval '1 day' WHERE brin = '99ZZ'",
    );
    const before = await snapshot(sql);
    expect(before.guardian_accounts!.length).to.be.greaterThan(0);
    expect(before.pupil_home_emails!.length).to.be.greaterThan(0);

    const lock = await holdLock(url, ['LOCK TABLE audit_events IN SHARE MODE']);
    const { hadWritten } = await killMidApply(sql, env, ['retention', 'run'], lock, /audit_events/);
    expect(await snapshot(sql), 'every table exactly as before the killed deletion').to.deep.equal(before);
    hadWritten();

    const rerun = await runCli(['retention', 'run', '--json'], env);
    expect(rerun.code, rerun.stderr).to.equal(0);
    const destruction = (JSON.parse(rerun.stdout) as { steps: Array<{ name: string; details?: Array<{ brin: string }> }> }).steps.find(
      (s) => s.name === 'school-destruction',
    );
    expect(destruction?.details?.map((s) => s.brin)).to.deep.equal(['99ZZ']);
    expect(await sql("SELECT id FROM schools WHERE brin = '99ZZ'")).to.deep.equal([]);
    expect(await sql('SELECT id FROM guardian_accounts')).to.deep.equal([]);
    expect(await sql("SELECT count(*)::int AS n FROM audit_events WHERE action = 'school.destroy'")).to.deep.equal([{ n: 1 }]);
  });
});

/**
 * Measurement (not a test) for the capacity model: database statements, transactions and rows written
 * per login (each method), per portal view and per SSO. The hub runs in this process (one worker), so
 * every statement its pool and change feed send is counted at the node-postgres client; transactions
 * and rows written come from PostgreSQL's statistics (db-activity.ts). Operations run one after another
 * (no group commit across concurrent SSO responses: an upper bound for the SSO's writes).
 *
 *   npm run load:statements                 (K = 40 per operation; LOAD_STATEMENTS_K)
 */
import 'reflect-metadata';
import crypto from 'node:crypto';
import { Client } from 'pg';
import { postgresCpuSeconds } from '../bench/cpu';
import { startBenchHub, freshBenchDatabase } from '../bench/support';
import { activityDelta, dbActivity, describePer } from './db-activity';
import { Browser, type JourneyContext, login, openPublisher, viewPortal } from './journey';
import { schoolAddress } from './http-client';
import { planSchool, prng } from './population';
import { seedPublishers, seedSchools } from './seed';
import { Recorder } from './stats';

const K = Number(process.env.LOAD_STATEMENTS_K ?? 40);

/**
 * PostgreSQL 15 backends flush their statistics at most once a second, and one that flushed less than a
 * second ago waits until it has been idle for 10 s: only after that are a phase's counts complete.
 */
const settle = () => new Promise((r) => setTimeout(r, 11_000));

/** Counts every statement node-postgres sends, by its first word. Installed before the hub connects. */
async function countStatements(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const pg = await import('pg');
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '');
    const word = /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'OTHER';
    counts.set(word, (counts.get(word) ?? 0) + 1);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  return counts;
}

async function main() {
  const counts = await countStatements();
  const url = await freshBenchDatabase(process.env.LOAD_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leerpoort_load_statements');
  if (!url) throw new Error('needs PostgreSQL (LOAD_DATABASE_URL)');
  const { hub, server } = await startBenchHub(url);
  const database = new URL(url).pathname.slice(1);
  const random = prng(7);
  const publishers = await seedPublishers(hub);
  // Enough schools for K TOTP staff (30 % of 10 % of each school's 200 users).
  const plans = Array.from({ length: Math.ceil(K / 5) + 1 }, (_, i) => planSchool(i, 200, random));
  const users = await seedSchools(hub, plans, () => undefined);
  const stats = new Client({ connectionString: url });
  await stats.connect();
  const ctx: JourneyContext = {
    base: new URL(server.url),
    sps: publishers.map((p) => ({ sp: p.sp, key: crypto.createPrivateKey(p.privateKeyPem) })),
    recorder: new Recorder(),
    deadline: Number.POSITIVE_INFINITY,
  };

  const measure = async (label: string, n: number, one: (i: number) => Promise<void>) => {
    await one(n); // warm: caches and JIT, not counted
    await settle();
    const before = await dbActivity(stats);
    counts.clear();
    const [cpu0, pg0, t0] = [process.cpuUsage(), postgresCpuSeconds(database), performance.now()];
    for (let i = 0; i < n; i++) await one(i);
    const statements = new Map(counts);
    const cpu = process.cpuUsage(cpu0);
    const [cpuMs, pgMs, wallMs] = [
      (cpu.user + cpu.system) / 1000 / n,
      ((postgresCpuSeconds(database) - pg0) * 1000) / n,
      (performance.now() - t0) / n,
    ];
    await settle();
    const delta = activityDelta(before, await dbActivity(stats));
    const total = [...statements.values()].reduce((a, b) => a + b, 0);
    const words = [...statements]
      .sort((a, b) => b[1] - a[1])
      .map(([w, c]) => `${w} ${(c / n).toFixed(1)}`)
      .join(', ');
    console.log(`${label.padEnd(34)} ${(total / n).toFixed(1).padStart(5)} statements (${words})`);
    console.log(`${''.padEnd(34)} ${describePer(delta, n)}`);
    console.log(
      `${''.padEnd(34)} ${wallMs.toFixed(1)} ms each; CPU ms each: this process (hub + client) ${cpuMs.toFixed(1)}, PostgreSQL (its backends + background) ${pgMs.toFixed(1)}`,
    );
  };

  const byMethod = (m: string) => users.filter((u) => u.method === m);
  const browserFor = (i: number) => new Browser(ctx, schoolAddress(users[i % users.length]!.school));
  console.log(`Statements per operation — hub in one process on PostgreSQL, ${K} of each, one after another`);
  for (const method of ['password', 'picture', 'card', 'totp']) {
    const pool = byMethod(method);
    await measure(`fresh ${method} login (all its requests)`, Math.min(K, pool.length - 1), (i) =>
      login(new Browser(ctx, schoolAddress(pool[i]!.school)), pool[i]!),
    );
  }
  const b = browserFor(0);
  await login(b, byMethod('password')[K + 1]!);
  await measure('portal view', K, () => viewPortal(b));
  await measure('SSO (SP-initiated, signed request)', K, (i) => openPublisher(b, ctx, i % 3));

  await stats.end();
  await server.stop();
  await hub.close();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);

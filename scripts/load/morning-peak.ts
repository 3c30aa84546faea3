/**
 * Load scenario (not a test): the school morning. N schools × M users are written into a fresh
 * PostgreSQL database, `serve` starts on every core, and the share that logs in arrives along the
 * morning curve (curve.ts) — each logs in by their method, opens the portal and 1–3 publishers by SSO.
 * Traffic goes only to the hub on this machine (loopback); the run is bounded by the schedule's count
 * and by its time (window ÷ time factor + a grace period), then stops by itself. Exit code 1 when any
 * error happened or any step's p99 is over the limit.
 *
 *   npm run load:morning-peak                                     (500 × 200, 30 minutes)
 *   npm run load:morning-peak -- --schools 20 --users 50 --time-factor 30
 */
import 'reflect-metadata';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { openHub } from '../../src/main';
import { serveEnv, startServeProcess, stopServeProcess } from '../bench/serve-process';
import { summariseProfile } from '../bench/profile';
import { freshBenchDatabase } from '../bench/support';
import { type Curve, peakFactor, peakRate } from './curve';
import { type JourneyContext, runJourney } from './journey';
import { Monitor } from './monitor';
import { type LoadOptions, parseOptions, USAGE } from './options';
import { schedule } from './schedule';
import { planSchool, prng } from './population';
import { finalReport, Progress } from './report';
import { type LoadPublisher, seedPublishers, seedSchools } from './seed';
import { bucketed, Recorder } from './stats';

/** The summary of the largest profile written (a worker's; the primary's is nearly empty). */
function busiestProfile(dir: string): string {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const largest = files.sort((a, b) => fs.statSync(path.join(dir, b)).size - fs.statSync(path.join(dir, a)).size)[0];
  if (!largest) return 'no CPU profile was written';
  return `${summariseProfile(JSON.parse(fs.readFileSync(path.join(dir, largest), 'utf8')))}\n(main thread only: argon2id runs on its own threads)`;
}

async function seed(opts: LoadOptions, env: Record<string, string>) {
  const config = loadConfig(env);
  const hub = await openHub(config, createLogger(config, 2));
  try {
    await hub.db.migrate();
    const publishers = await seedPublishers(hub);
    const random = prng(opts.seed);
    const plans = Array.from({ length: opts.schools }, (_, i) => planSchool(i, opts.usersPerSchool, random));
    const step = Math.max(1, Math.round(opts.schools / 10));
    const users = await seedSchools(hub, plans, (done) => {
      if (done % step === 0 || done === opts.schools) process.stderr.write(`  seeded ${done}/${opts.schools} schools\n`);
    });
    return { publishers, users };
  } finally {
    await hub.close();
  }
}

async function main() {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const opts = parseOptions(process.argv.slice(2), process.env);
  const databaseUrl = await freshBenchDatabase(opts.databaseUrl);
  if (!databaseUrl) throw new Error(`the morning-peak scenario needs PostgreSQL at ${opts.databaseUrl} (--database)`);
  const env = serveEnv(databaseUrl);
  const curve: Curve = { windowSeconds: opts.windowMinutes * 60, sigmaSeconds: opts.sigmaMinutes * 60 };
  const totalUsers = opts.schools * opts.usersPerSchool;

  const t0 = performance.now();
  process.stderr.write(`seeding ${opts.schools} schools × ${opts.usersPerSchool} users into ${new URL(databaseUrl).pathname.slice(1)}…\n`);
  const { publishers, users } = await seed(opts, env);
  const seedSeconds = (performance.now() - t0) / 1000;
  const { plans, drawn } = schedule(opts, users, curve);
  const part = opts.fromMinute > 0 || opts.untilMinute < opts.windowMinutes;
  const played = ((opts.untilMinute - opts.fromMinute) * 60) / opts.timeFactor;
  const arrivals = plans.length;
  const methods = new Map<string, number>();
  for (const p of plans) methods.set(p.user.method, (methods.get(p.user.method) ?? 0) + 1);
  console.log(
    `Morning peak — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.availableParallelism()}, node ${process.version}, PostgreSQL, serve with ${opts.workers} workers\n` +
      `${opts.schools} schools × ${opts.usersPerSchool} users = ${totalUsers} (seeded in ${seedSeconds.toFixed(0)} s); ${(opts.share * 100).toFixed(0)} % log in: ${drawn} ` +
      `over ${opts.windowMinutes} min, bell σ ${opts.sigmaMinutes} min` +
      (part ? `; played: minutes ${opts.fromMinute}–${opts.untilMinute} of the window, ${arrivals} arrivals` : '') +
      ` (${[...methods].map(([m, n]) => `${m} ${n}`).join(', ')}), time factor ${opts.timeFactor} → ${(played / 60).toFixed(1)} min of real time\n` +
      `offered logins/s: mean over the window ${((drawn / curve.windowSeconds) * opts.timeFactor).toFixed(1)}, curve peak ${(peakRate(curve, drawn) * opts.timeFactor).toFixed(1)} ` +
      `(peak ÷ mean ${peakFactor(curve).toFixed(2)}); SSO 1–3 per login (mean ${(plans.reduce((a, p) => a + p.publishers.length, 0) / Math.max(1, arrivals)).toFixed(2)})`,
  );

  const profileDir = opts.profile ? fs.mkdtempSync(path.join(os.tmpdir(), 'lp-load-prof-')) : undefined;
  const child = await startServeProcess(env, opts.workers, profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  const monitor = new Monitor(child.pid!, databaseUrl);
  const recorder = new Recorder();
  let exitCode = 1;
  try {
    await monitor.begin();
    const start = performance.now();
    const ctx: JourneyContext = {
      base: new URL(env.BASE_URL!),
      sps: publishers.map((p: LoadPublisher) => ({ sp: p.sp, key: crypto.createPrivateKey(p.privateKeyPem) })),
      recorder,
      deadline: start + (played + opts.graceSeconds) * 1000,
    };
    const offeredLogins = plans.map((p) => p.at);
    const offeredSsos = plans.flatMap((p) => p.ssoAt).sort((a, b) => a - b);
    const progress = new Progress(arrivals, offeredLogins, offeredSsos, recorder, monitor);
    const inFlight: Array<Promise<void>> = [];
    for (const plan of plans) {
      const wait = start + plan.at * 1000 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (performance.now() > ctx.deadline) break;
      inFlight.push(runJourney(plan, ctx).then(() => progress.journeyDone()));
    }
    await Promise.all(inFlight);
    const skipped = arrivals - inFlight.length;
    if (skipped > 0) for (let i = 0; i < skipped; i++) recorder.error('not started: run past its time limit');
    await monitor.end();

    const { text, passed } = finalReport({
      title: `Result (${((performance.now() - start) / 1000).toFixed(0)} s of real time):`,
      playedSeconds: played,
      offered: { login: bucketed(offeredLogins), sso: bucketed(offeredSsos) },
      recorder,
      monitor,
      p99Ms: opts.p99Ms,
    });
    console.log(text);
    exitCode = passed ? 0 : 1;
  } finally {
    await monitor.end().catch(() => undefined);
    await stopServeProcess(child);
  }
  if (profileDir) console.log(busiestProfile(profileDir));
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);

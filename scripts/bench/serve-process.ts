/** Starting and stopping the README's `serve` as a separate process for the benchmarks. */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generateKeyringText } from '../../src/crypto/field-cipher';
import { cookieOf, csrfOf } from './browser';
import { summariseProfile } from './profile';

const run = promisify(execFile);

const ROOT = path.resolve(__dirname, '../../..');

/** `serve --workers N` with the given environment; resolves once /healthz answers. */
export async function startServeProcess(env: Record<string, string>, workers: number, extraNodeArgs: string[] = []): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [...extraNodeArgs, path.join(ROOT, 'dist/src/cli/main.js'), 'serve', '--workers', String(workers)],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  // Up to 60 s: on a machine busy with other work the workers take well over the 20 s of a quiet one.
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const ok = await fetch(`${env.BASE_URL}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    if (child.exitCode !== null) throw new Error(`serve exited: ${stderr}`);
  }
  child.kill('SIGKILL');
  throw new Error(`serve did not start: ${stderr}`);
}

/** SIGTERM and wait for the exit (the graceful stop finishes the requests in flight). */
export async function stopServeProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** The environment of a `serve` for a benchmark: a random port, fresh keys, the given PostgreSQL. */
export function serveEnv(databaseUrl: string): Record<string, string> {
  const port = 30000 + Math.floor(Math.random() * 20000);
  return {
    NODE_ENV: 'test',
    PORT: String(port),
    BASE_URL: `http://127.0.0.1:${port}`,
    DATABASE_URL: databaseUrl,
    CERTS_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'lp-bench-')),
    DATA_ENCRYPTION_KEY: generateKeyringText(),
    SESSION_SECRET: crypto.randomBytes(48).toString('base64url'),
    LOG_LEVEL: 'warn',
  };
}

/** Logs in with the password form like a browser (form, CSRF token, post); the session cookie. */
export async function loginCookie(base: string, username: string, password: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const first = cookieOf(page, '');
  const csrf = csrfOf(await page.text())!;
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: first, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, username, password, return: '/portal' }).toString(),
  });
  await res.arrayBuffer();
  if (res.status !== 303 || res.headers.get('location') !== '/portal')
    throw new Error(`bench login of ${username} failed: HTTP ${res.status}`);
  return cookieOf(res, '')
    .split('; ')
    .find((c) => c.startsWith('leerpoort.sid='))!;
}

/** Resident memory of the serve primary's workers (MiB each), from the process table. */
export async function workerRssMiB(primaryPid: number): Promise<number[]> {
  const { stdout } = await run('ps', ['-o', 'pid=,ppid=,rss=', '-e']);
  return stdout
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number, number])
    .filter(([, ppid]) => ppid === primaryPid)
    .map(([, , rssKiB]) => rssKiB / 1024);
}

/**
 * BENCH_PROFILE: one worker of `serve` under `load`, with V8's CPU profiler on; prints the profile by
 * area and top functions once the worker has stopped (the profile is written at exit).
 */
export async function printProfileUnderLoad(env: Record<string, string>, load: () => Promise<unknown>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-prof-'));
  const child = await startServeProcess(env, 1, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  try {
    await load();
  } finally {
    await stopServeProcess(child);
  }
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file) console.log(summariseProfile(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'))));
}

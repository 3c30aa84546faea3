import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { childProcessDefaults, TEST_KEYRING_TEXT, testEnv } from './env';
import { postgresProblem, resetPostgresDatabase, siblingDatabaseUrl, skippedSuites } from './postgres';

export const CLI = path.resolve(__dirname, '../../src/cli/main.js');

/** A child's whole environment: nothing inherited but PATH, the test defaults, then the test's own settings. */
export function childEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: process.env.PATH ?? '', ...childProcessDefaults(), ...env };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `leerpoort` bin as a user would; the environment is given whole (nothing inherited but PATH). */
export function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: childEnv(env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** Starts the built bin without waiting for it: for tests that interrupt a command (e.g. SIGKILL mid-apply). */
export function spawnCli(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<CliResult & { signal: NodeJS.Signals | null }> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Starts `leerpoort serve …` and resolves once it says it is listening. */
export function startServe(
  args: string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ child: ChildProcess; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', ...args], {
      env: childEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes('is running at')) {
        clearTimeout(timer);
        resolve({ child, output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening:\n${out}`));
    });
  });
}

export function stopChild(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.removeAllListeners('exit');
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

/**
 * A fresh PostgreSQL database for a CLI suite and the environment to run the bin against it; the suite is
 * skipped (and listed) without PostgreSQL unless CI=true. `sql` runs one query on that database.
 */
export async function cliDatabase(
  ctx: Mocha.Context,
  suffix: string,
  label: string,
): Promise<{ env: Record<string, string>; sql: (query: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>> }> {
  const url = siblingDatabaseUrl(suffix);
  const problem = await postgresProblem();
  if (problem) {
    if (testEnv.isCI) throw new Error(`CI=true requires PostgreSQL: ${problem}`);
    skippedSuites.add(`${label}: ${problem}`);
    ctx.skip();
  }
  await resetPostgresDatabase(url);
  const env = {
    DATABASE_URL: url,
    CERTS_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'lp-certs-')),
    DATA_ENCRYPTION_KEY: TEST_KEYRING_TEXT,
    LOG_LEVEL: 'warn',
  };
  const sql = async (query: string, params: unknown[] = []) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query(query, params)).rows;
    } finally {
      await c.end();
    }
  };
  return { env, sql };
}

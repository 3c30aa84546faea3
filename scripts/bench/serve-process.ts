/** Starting and stopping the README's `serve` as a separate process for the benchmarks. */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** `serve --workers N` with the given environment; resolves once /healthz answers. */
export async function startServeProcess(env: Record<string, string>, workers: number, extraNodeArgs: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...extraNodeArgs, path.join(ROOT, 'dist/src/cli/main.js'), 'serve', '--workers', String(workers)], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const ok = await fetch(`${env.BASE_URL}/healthz`).then((r) => r.ok, () => false);
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

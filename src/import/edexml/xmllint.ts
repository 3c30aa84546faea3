import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { XmllintJob, XmllintResult } from './xmllint-worker';

/**
 * xmllint in one long-lived worker thread per process (see xmllint-worker.ts): the schema check of an
 * import runs beside the main thread — which maps and diffs the same file meanwhile — instead of on it.
 * The thread is started on first use, keeps the process alive only while a check is pending, and is
 * started again if it ever dies (its pending checks fail with the reason).
 */
let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (r: XmllintResult) => void; reject: (e: Error) => void }>();

function thread(): Worker {
  if (worker) return worker;
  const w = new Worker(path.join(__dirname, 'xmllint-worker.js'));
  w.on('message', (result: XmllintResult) => {
    const job = pending.get(result.id);
    if (!job) return;
    pending.delete(result.id);
    if (pending.size === 0) w.unref();
    job.resolve(result);
  });
  const fail = (e: Error) => {
    if (worker === w) worker = null;
    for (const job of pending.values()) job.reject(e);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`the xmllint worker thread stopped (exit code ${code})`)));
  w.unref();
  worker = w;
  return w;
}

/** Runs xmllint with these arguments over these in-memory files; resolves with its exit code and error output. */
export function runXmllint(inputFiles: XmllintJob['inputFiles'], args: readonly string[], maxMemoryPages: number): Promise<XmllintResult> {
  const w = thread();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ leerpoort: true, id, inputFiles, args, maxMemoryPages } satisfies XmllintJob & { leerpoort: true });
  });
}

/** xmllint's error output as line-numbered messages ("file:line: message"); the trailing summary is dropped. */
export function xmllintErrors(stderr: string): Array<{ line: number | null; message: string }> {
  return stderr
    .split('\n')
    .filter((l) => l.trim() && !/ validates$| fails to validate$/.test(l.trim()))
    .map((l) => {
      const m = /^[^:]*:(\d+): (.*)$/.exec(l);
      return m ? { line: Number(m[1]), message: m[2]! } : { line: null, message: l };
    });
}

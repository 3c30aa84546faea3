/**
 * Worker thread for schema validation: xmllint (libxml2 compiled to WebAssembly, from xmllint-wasm)
 * with its module compiled once per worker. xmllint-wasm's own validateXML starts a new thread and
 * compiles the 0.8 MB module for every file — about 120 ms before the first byte is checked, more
 * than the check of a 1,000-pupil school takes. Each job still gets a fresh xmllint instance (own
 * memory, own file system): nothing of one file is visible to the next.
 */
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';

export interface XmllintJob {
  readonly id: number;
  readonly inputFiles: ReadonlyArray<{ fileName: string; contents: string | Uint8Array }>;
  readonly args: readonly string[];
  /** WebAssembly memory of this run, in 64 KiB pages. */
  readonly maxMemoryPages: number;
}

export interface XmllintResult {
  readonly id: number;
  /** xmllint's exit code: 0 valid, 3 or 4 invalid, anything else no verdict (-1: aborted). */
  readonly exitCode: number;
  readonly stderr: string;
}

type XmllintModule = (options: Record<string, unknown>) => unknown;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the Emscripten factory is CommonJS without types
const xmllint = require('xmllint-wasm/xmllint-node.js') as XmllintModule;
const compiled = new WebAssembly.Module(fs.readFileSync(require.resolve('xmllint-wasm/xmllint.wasm')));
const INITIAL_PAGES = 256;

function run(job: XmllintJob): void {
  let stderr = '';
  let answered = false;
  const answer = (exitCode: number) => {
    if (answered) return;
    answered = true;
    parentPort!.postMessage({ id: job.id, exitCode, stderr } satisfies XmllintResult);
  };
  try {
    xmllint({
      inputFiles: job.inputFiles,
      arguments: job.args,
      print: () => undefined,
      printErr: (text: string) => {
        stderr += `${text}\n`;
      },
      onExit: answer,
      onAbort: (reason: unknown) => {
        stderr += `WASM Abort: ${String(reason)}\n`;
        answer(-1);
      },
      wasmMemory: new WebAssembly.Memory({ initial: Math.min(INITIAL_PAGES, job.maxMemoryPages), maximum: job.maxMemoryPages }),
      instantiateWasm: (imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void) => {
        WebAssembly.instantiate(compiled, imports).then(
          (instance) => done(instance, compiled),
          (e: unknown) => {
            stderr += `${String(e)}\n`;
            answer(-1);
          },
        );
        return {};
      },
    });
  } catch (e) {
    stderr += `${String(e)}\n`;
    answer(-1);
  }
}

parentPort?.on('message', (job: XmllintJob & { leerpoort?: true }) => {
  // xmllint-wasm's module registers a listener of its own on this port; it ignores our messages and we its.
  if (job && job.leerpoort === true) run(job);
});

"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Worker thread for schema validation: xmllint (libxml2 compiled to WebAssembly, from xmllint-wasm)
 * with its module compiled once per worker. xmllint-wasm's own validateXML starts a new thread and
 * compiles the 0.8 MB module for every file — about 120 ms before the first byte is checked, more
 * than the check of a 1,000-pupil school takes. Each job still gets a fresh xmllint instance (own
 * memory, own file system): nothing of one file is visible to the next.
 */
const node_fs_1 = __importDefault(require("node:fs"));
const node_worker_threads_1 = require("node:worker_threads");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the Emscripten factory is CommonJS without types
const xmllint = require('xmllint-wasm/xmllint-node.js');
const compiled = new WebAssembly.Module(node_fs_1.default.readFileSync(require.resolve('xmllint-wasm/xmllint.wasm')));
const INITIAL_PAGES = 256;
function run(job) {
    let stderr = '';
    let answered = false;
    const answer = (exitCode) => {
        if (answered)
            return;
        answered = true;
        node_worker_threads_1.parentPort.postMessage({ id: job.id, exitCode, stderr });
    };
    try {
        xmllint({
            inputFiles: job.inputFiles,
            arguments: job.args,
            print: () => undefined,
            printErr: (text) => {
                stderr += `${text}\n`;
            },
            onExit: answer,
            onAbort: (reason) => {
                stderr += `WASM Abort: ${String(reason)}\n`;
                answer(-1);
            },
            wasmMemory: new WebAssembly.Memory({ initial: Math.min(INITIAL_PAGES, job.maxMemoryPages), maximum: job.maxMemoryPages }),
            instantiateWasm: (imports, done) => {
                WebAssembly.instantiate(compiled, imports).then((instance) => done(instance, compiled), (e) => {
                    stderr += `${String(e)}\n`;
                    answer(-1);
                });
                return {};
            },
        });
    }
    catch (e) {
        stderr += `${String(e)}\n`;
        answer(-1);
    }
}
node_worker_threads_1.parentPort?.on('message', (job) => {
    // xmllint-wasm's module registers a listener of its own on this port; it ignores our messages and we its.
    if (job && job.leerpoort === true)
        run(job);
});
//# sourceMappingURL=xmllint-worker.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.runXmllint = runXmllint;
exports.xmllintErrors = xmllintErrors;
const node_path_1 = __importDefault(require("node:path"));
const node_worker_threads_1 = require("node:worker_threads");
/**
 * xmllint in one long-lived worker thread per process (see xmllint-worker.ts): the schema check of an
 * import runs beside the main thread — which maps and diffs the same file meanwhile — instead of on it.
 * The thread is started on first use, keeps the process alive only while a check is pending, and is
 * started again if it ever dies (its pending checks fail with the reason).
 */
let worker = null;
let nextId = 1;
const pending = new Map();
function thread() {
    if (worker)
        return worker;
    const w = new node_worker_threads_1.Worker(node_path_1.default.join(__dirname, 'xmllint-worker.js'));
    w.on('message', (result) => {
        const job = pending.get(result.id);
        if (!job)
            return;
        pending.delete(result.id);
        if (pending.size === 0)
            w.unref();
        job.resolve(result);
    });
    const fail = (e) => {
        if (worker === w)
            worker = null;
        for (const job of pending.values())
            job.reject(e);
        pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the xmllint worker thread stopped (exit code ${code})`)));
    w.unref();
    worker = w;
    return w;
}
/** Runs xmllint with these arguments over these in-memory files; resolves with its exit code and error output. */
function runXmllint(inputFiles, args, maxMemoryPages) {
    const w = thread();
    const id = nextId++;
    return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ leerpoort: true, id, inputFiles, args, maxMemoryPages });
    });
}
/** xmllint's error output as line-numbered messages ("file:line: message"); the trailing summary is dropped. */
function xmllintErrors(stderr) {
    return stderr
        .split('\n')
        .filter((l) => l.trim() && !/ validates$| fails to validate$/.test(l.trim()))
        .map((l) => {
        const m = /^[^:]*:(\d+): (.*)$/.exec(l);
        return m ? { line: Number(m[1]), message: m[2] } : { line: null, message: l };
    });
}
//# sourceMappingURL=xmllint.js.map
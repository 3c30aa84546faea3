"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.isWorker = void 0;
exports.superviseWorkers = superviseWorkers;
exports.leaveCluster = leaveCluster;
const node_cluster_1 = __importDefault(require("node:cluster"));
/** A worker that dies sooner than this after starting counts as a crash loop: replacements slow down. */
const QUICK_DEATH_MS = 5_000;
const MAX_RESPAWN_DELAY_MS = 30_000;
/** In the primary: forks and supervises the workers; resolves when all have stopped after a stop signal. */
function superviseWorkers(opts) {
    const { logger } = opts;
    let stopping = false;
    let quickDeaths = 0;
    const started = new Map();
    const fork = () => {
        const worker = node_cluster_1.default.fork();
        started.set(worker, Date.now());
        return worker;
    };
    return new Promise((resolve) => {
        node_cluster_1.default.on('exit', (worker, code, signal) => {
            const lived = Date.now() - (started.get(worker) ?? 0);
            started.delete(worker);
            if (stopping) {
                if (started.size === 0)
                    resolve();
                return;
            }
            quickDeaths = lived < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
            const delay = Math.min(quickDeaths === 0 ? 0 : 500 * 2 ** (quickDeaths - 1), MAX_RESPAWN_DELAY_MS);
            logger.error({ pid: worker.process.pid, code, signal, restartInMs: delay }, 'worker died; starting a replacement');
            setTimeout(() => {
                if (!stopping)
                    fork();
            }, delay);
        });
        const stop = (signal) => {
            if (stopping)
                return;
            stopping = true;
            logger.info({ signal, workers: started.size, graceMs: opts.graceMs }, 'stopping: workers finish what is in flight');
            for (const worker of started.keys())
                worker.process.kill('SIGTERM');
            setTimeout(() => {
                for (const worker of started.keys()) {
                    logger.warn({ pid: worker.process.pid }, 'worker did not stop within the grace time; killed');
                    worker.process.kill('SIGKILL');
                }
            }, opts.graceMs).unref();
            if (started.size === 0)
                resolve();
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
        for (let i = 0; i < opts.workers; i++)
            fork();
        logger.info({ workers: opts.workers }, 'workers started');
    });
}
const isWorker = () => node_cluster_1.default.isWorker;
exports.isWorker = isWorker;
/** A worker that has stopped serving leaves the cluster (the IPC channel would keep it alive). */
function leaveCluster() {
    node_cluster_1.default.worker?.disconnect();
}
//# sourceMappingURL=cluster.js.map
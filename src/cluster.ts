import cluster, { type Worker } from 'node:cluster';
import type * as PromClient from 'prom-client';
import type { Registry } from 'prom-client';

/** prom-client, loaded on first use: every CLI command loads this module, few of them serve. */
const promClient = () => require('prom-client') as typeof PromClient;
import type { Logger } from './logger';

/**
 * `serve` on every core: the primary process forks one worker per core (they share the listening
 * socket), replaces a worker that dies, and on SIGTERM/SIGINT asks every worker to stop accepting,
 * finish what is in flight and exit — killing what is left after the grace time. Workers hold no state
 * between requests (everything is in PostgreSQL), so any worker can answer any request.
 */

export interface ClusterOptions {
  readonly workers: number;
  /** How long in-flight requests may take after a stop signal, before workers are killed. */
  readonly graceMs: number;
  readonly logger: Logger;
}

/** A worker that dies sooner than this after starting counts as a crash loop: replacements slow down. */
const QUICK_DEATH_MS = 5_000;
const MAX_RESPAWN_DELAY_MS = 30_000;

/** In the primary: forks and supervises the workers; resolves when all have stopped after a stop signal. */
export function superviseWorkers(opts: ClusterOptions): Promise<void> {
  const { logger } = opts;
  let stopping = false;
  let quickDeaths = 0;
  const started = new Map<Worker, number>();

  const fork = () => {
    const worker = cluster.fork();
    started.set(worker, Date.now());
    return worker;
  };

  // /metrics for the whole cluster: a worker asks, the primary collects every worker's registry over IPC
  // (prom-client's aggregation: counters and histograms summed, pool gauges summed, queue depth the max).
  const aggregator = new (promClient().AggregatorRegistry)();
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== METRICS_REQUEST || typeof message.id !== 'number') return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: METRICS_RESPONSE, id: message.id, text }),
      (e: Error) => worker.send({ type: METRICS_RESPONSE, id: message.id, error: e.message }),
    );
  });

  return new Promise<void>((resolve) => {
    cluster.on('exit', (worker, code, signal) => {
      const lived = Date.now() - (started.get(worker) ?? 0);
      started.delete(worker);
      if (stopping) {
        if (started.size === 0) resolve();
        return;
      }
      quickDeaths = lived < QUICK_DEATH_MS ? quickDeaths + 1 : 0;
      const delay = Math.min(quickDeaths === 0 ? 0 : 500 * 2 ** (quickDeaths - 1), MAX_RESPAWN_DELAY_MS);
      logger.error({ pid: worker.process.pid, code, signal, restartInMs: delay }, 'worker died; starting a replacement');
      setTimeout(() => {
        if (!stopping) fork();
      }, delay);
    });

    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal, workers: started.size, graceMs: opts.graceMs }, 'stopping: workers finish what is in flight');
      for (const worker of started.keys()) worker.process.kill('SIGTERM');
      setTimeout(() => {
        for (const worker of started.keys()) {
          logger.warn({ pid: worker.process.pid }, 'worker did not stop within the grace time; killed');
          worker.process.kill('SIGKILL');
        }
      }, opts.graceMs).unref();
      if (started.size === 0) resolve();
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));

    for (let i = 0; i < opts.workers; i++) fork();
    logger.info({ workers: opts.workers }, 'workers started');
  });
}

export const isWorker = () => cluster.isWorker;

/** A worker that has stopped serving leaves the cluster (the IPC channel would keep it alive). */
export function leaveCluster(): void {
  cluster.worker?.disconnect();
}

const METRICS_REQUEST = 'leerpoort:metrics-request';
const METRICS_RESPONSE = 'leerpoort:metrics-response';
const METRICS_TIMEOUT_MS = 5_000;
let metricsRequests = 0;

/** In a worker: the primary collects this registry when any worker is scraped. */
export function shareMetricsWithPrimary(registry: Registry): void {
  const { AggregatorRegistry } = promClient();
  AggregatorRegistry.setRegistries([registry]);
  // Installs prom-client's worker-side listener (it answers the primary's collection requests).
  new AggregatorRegistry();
}

/** In a worker: the whole cluster's metrics, collected by the primary. */
export function clusterMetricsText(): Promise<string> {
  const id = ++metricsRequests;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onMessage);
      reject(new Error('the primary did not answer the metrics request in time'));
    }, METRICS_TIMEOUT_MS);
    const onMessage = (message: { type?: string; id?: number; text?: string; error?: string }) => {
      if (message?.type !== METRICS_RESPONSE || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onMessage);
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.text ?? '');
    };
    process.on('message', onMessage);
    process.send?.({ type: METRICS_REQUEST, id });
  });
}

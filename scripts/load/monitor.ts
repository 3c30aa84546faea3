/**
 * Watches the machine while the scenario runs: resident memory of the hub's workers, database
 * connections of the hub's database (pg_stat_activity), and CPU seconds of the hub, PostgreSQL, this
 * generator and the whole machine (cpu.ts, from /proc) since the start.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Client } from 'pg';
import { cpuSeconds, machineBusySeconds, postgresCpuSeconds } from '../bench/cpu';
import { workerRssMiB } from '../bench/serve-process';
import { activityDelta, type DbActivity, dbActivity } from './db-activity';

export interface CpuSnapshot {
  readonly hub: number;
  readonly postgres: number;
  readonly generator: number;
  readonly machine: number;
  readonly at: number;
}

export interface Sample {
  readonly rssMiB: readonly number[];
  readonly connections: number;
  readonly activeConnections: number;
}

export class Monitor {
  private timer: NodeJS.Timeout | undefined;
  private client: Client | undefined;
  readonly peak = { rssMiB: 0, connections: 0, activeConnections: 0 };
  last: Sample = { rssMiB: [], connections: 0, activeConnections: 0 };
  private start: CpuSnapshot | undefined;
  private startActivity: DbActivity | undefined;
  /** The CPU figures when the run ended (the wait for the statistics below is not part of it). */
  private stopped: CpuSnapshot | undefined;
  /**
   * This generator's own event-loop delay: a latency it measures includes the time its callback waited
   * for the generator's thread, which grows when the machine's cores are saturated.
   */
  readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  /** The database's transactions and row writes over the run (set by end()). */
  activity: DbActivity | undefined;

  private readonly database: string;

  constructor(
    private readonly hubPid: number,
    private readonly databaseUrl: string,
  ) {
    this.database = new URL(databaseUrl).pathname.slice(1);
  }

  cpu(): CpuSnapshot {
    const own = process.cpuUsage();
    return {
      hub: cpuSeconds(this.hubPid),
      postgres: postgresCpuSeconds(this.database),
      generator: (own.user + own.system) / 1e6,
      machine: machineBusySeconds(),
      at: performance.now(),
    };
  }

  /** CPU used since the start, as a share of one core (100 % = one core busy the whole time). */
  cpuSinceStart(): Record<'hub' | 'postgres' | 'generator' | 'machine', number> & { seconds: number } {
    const now = this.stopped ?? this.cpu();
    const start = this.start!;
    const seconds = (now.at - start.at) / 1000;
    const share = (k: 'hub' | 'postgres' | 'generator' | 'machine') => ((now[k] - start[k]) / Math.max(seconds, 0.001)) * 100;
    return { seconds, hub: share('hub'), postgres: share('postgres'), generator: share('generator'), machine: share('machine') };
  }

  async begin(intervalMs = 2000): Promise<void> {
    this.client = new Client({ connectionString: this.databaseUrl });
    await this.client.connect();
    this.loopDelay.enable();
    this.start = this.cpu();
    this.startActivity = await dbActivity(this.client);
    await this.sample();
    this.timer = setInterval(() => void this.sample().catch(() => undefined), intervalMs);
  }

  private async sample(): Promise<void> {
    const rssMiB = await workerRssMiB(this.hubPid);
    if (!this.client) return;
    const { rows } = await this.client.query<{ total: string; active: string }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE state = 'active') AS active
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    this.last = { rssMiB, connections: Number(rows[0]!.total), activeConnections: Number(rows[0]!.active) };
    this.peak.rssMiB = Math.max(this.peak.rssMiB, ...rssMiB);
    this.peak.connections = Math.max(this.peak.connections, this.last.connections);
    this.peak.activeConnections = Math.max(this.peak.activeConnections, this.last.activeConnections);
  }

  /** Takes a last sample and closes the connection; a second call does nothing. */
  async end(): Promise<void> {
    if (!this.client) return;
    clearInterval(this.timer);
    this.loopDelay.disable();
    this.stopped = this.cpu();
    await this.sample().catch(() => undefined);
    // Backends report their statistics about once a second: let the last ones arrive.
    await new Promise((r) => setTimeout(r, 2000));
    this.activity = activityDelta(this.startActivity!, await dbActivity(this.client));
    const client = this.client;
    this.client = undefined;
    await client.end();
  }
}

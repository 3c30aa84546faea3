import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AuditEventInput } from '../domain/model';

/**
 * Monitoring (security annex B): what the hub counts, in Prometheus form. Counted at a few central
 * points only — every audit event (logins of every method, SSO, throttles: each already reports there),
 * every HTTP answer (latency per route group), the mail job — never in the flows themselves. Labels are
 * bounded by the code or the SP registry, never by what a client sends, and never carry personal data.
 */

const METHODS = new Set(['password', 'two_factor', 'picture', 'card', 'guardian']);
/** A reason the code gives (throttled, invalid, …); anything else (it should not happen) is "other". */
const reasonLabel = (r: unknown) => (typeof r === 'string' && /^[a-z_]{1,40}$/.test(r) ? r : 'other');

/** Route groups for the latency histogram: the first path segment, from a fixed list. */
const GROUPS: ReadonlyArray<[RegExp, string]> = [
  [/^\/saml\/sso/, 'saml_sso'],
  [/^\/saml\/slo/, 'saml_slo'],
  [/^\/saml\/metadata/, 'saml_metadata'],
  [/^\/oidc\//, 'oidc'],
  [/^\/login\/pictures/, 'login_pictures'],
  [/^\/login\/card/, 'login_card'],
  [/^\/login\/parents/, 'login_parents'],
  [/^\/login\/2fa/, 'login_2fa'],
  [/^\/(login|logout)(\/|$)/, 'login'],
  [/^\/portal(\/|$)/, 'portal'],
  [/^\/admin(\/|$)/, 'admin'],
  [/^\/ops(\/|$)/, 'ops'],
  [/^\/api\//, 'api'],
  [/^\/(status|status\.json)$/, 'status'],
  [/^\/assets\//, 'assets'],
  [/^\/(healthz|readyz|metrics)$/, 'health'],
];
export function routeGroup(path: string): string {
  for (const [pattern, group] of GROUPS) if (pattern.test(path)) return group;
  return 'other';
}

export interface MetricsSources {
  /** The database pool now (null: PGlite, no pool). */
  poolStats(): { total: number; idle: number; waiting: number } | null;
  /** Mails waiting in the outbox. */
  mailQueueDepth(): Promise<number>;
}

export class HubMetrics {
  /** Each hub its own registry (several hubs share one process in tests; the global registry would clash). */
  readonly registry = new Registry();
  private readonly logins: Counter<'method' | 'outcome' | 'reason'>;
  private readonly sso: Counter<'sp' | 'outcome' | 'reason'>;
  private readonly throttles: Counter<'action'>;
  private readonly latency: Histogram<'group' | 'method' | 'status'>;
  private readonly jobRuns: Counter<'job' | 'outcome'>;
  private sources: MetricsSources | null = null;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'leerpoort_' });
    this.logins = new Counter({
      name: 'leerpoort_logins_total',
      help: 'Login attempts by method (password, two_factor, picture, card, guardian) and outcome',
      labelNames: ['method', 'outcome', 'reason'],
      registers,
    });
    this.sso = new Counter({
      name: 'leerpoort_sso_total',
      help: 'SAML SSO answers by service provider (entity ID of a registered SP, else "unknown") and outcome',
      labelNames: ['sp', 'outcome', 'reason'],
      registers,
    });
    this.throttles = new Counter({
      name: 'leerpoort_throttled_total',
      help: 'Requests refused by a guessing or rate limit, by audited action',
      labelNames: ['action'],
      registers,
    });
    this.latency = new Histogram({
      name: 'leerpoort_http_request_duration_seconds',
      help: 'HTTP answer time by route group, method and status class',
      labelNames: ['group', 'method', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.jobRuns = new Counter({
      name: 'leerpoort_job_runs_total',
      help: 'Runs of scheduled jobs by job and outcome',
      labelNames: ['job', 'outcome'],
      registers,
    });
    const self = this;
    new Gauge({
      name: 'leerpoort_db_pool_connections',
      help: 'Database pool connections of this process by state (total, idle, waiting = requests waiting for one)',
      labelNames: ['state'],
      registers,
      collect() {
        const stats = self.sources?.poolStats();
        if (!stats) return;
        this.set({ state: 'total' }, stats.total);
        this.set({ state: 'idle' }, stats.idle);
        this.set({ state: 'waiting' }, stats.waiting);
      },
    });
    new Gauge({
      name: 'leerpoort_mail_queue_depth',
      help: 'Mails waiting in the outbox to be sent (the same for every process: one database)',
      registers,
      // Every worker reads the same table: the cluster shows one value, not the sum.
      aggregator: 'max',
      async collect() {
        if (self.sources) this.set(await self.sources.mailQueueDepth());
      },
    });
  }

  /** The database-backed readings (given once the database is open). */
  attach(sources: MetricsSources): void {
    this.sources = sources;
  }

  /** Every committed audit event passes here (persistence's onAudit). */
  readonly observeAudit = (e: AuditEventInput): void => {
    const reason = e.outcome === 'success' ? '' : reasonLabel(e.details?.reason);
    if (reason === 'throttled') this.throttles.inc({ action: e.action });
    if (e.action.startsWith('login.')) {
      const method = e.action.slice('login.'.length);
      if (METHODS.has(method)) this.logins.inc({ method, outcome: e.outcome, reason });
      return;
    }
    if (e.action === 'saml.sso.success' || e.action === 'saml.sso.refused') {
      // spEntityId is the registered SP's (these events come after the SP was looked up): bounded.
      const sp = typeof e.details?.spEntityId === 'string' ? e.details.spEntityId : 'unknown';
      this.sso.inc({ sp, outcome: e.outcome, reason });
      return;
    }
    if (e.action === 'oidc.sso.success' || e.action === 'oidc.sso.refused') {
      // An OpenID Connect release or refusal: clientId is a registered client's (looked up before): bounded.
      const sp = typeof e.details?.clientId === 'string' ? e.details.clientId : 'unknown';
      this.sso.inc({ sp, outcome: e.outcome, reason });
      return;
    }
    // A request refused before any SP was known: never label with what the client claimed.
    if (e.action === 'saml.authn_request.refused') this.sso.inc({ sp: 'unknown', outcome: 'failure', reason });
  };

  observeRequest(path: string, method: string, status: number, seconds: number): void {
    this.latency.observe(
      {
        group: routeGroup(path),
        method: method === 'GET' || method === 'POST' ? method : 'other',
        status: `${Math.floor(status / 100)}xx`,
      },
      seconds,
    );
  }

  jobRun(job: string, outcome: 'success' | 'failure'): void {
    this.jobRuns.inc({ job, outcome });
  }
}

import path from 'node:path';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/**
 * Every environment variable the hub reads, parsed once. Nothing else in src/ may read process.env:
 * loadConfig() is pure (no I/O), reports every problem at once and returns a frozen object.
 */

export interface AppConfig {
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly isProduction: boolean;
  readonly port: number;
  readonly baseUrl: string;
  readonly idpEntityId: string;
  readonly databaseUrl: string | undefined;
  /** The PostgreSQL connection pool of each process (every `serve` worker has its own). */
  readonly databasePool: DatabasePoolConfig;
  readonly dataDir: string;
  readonly certsDir: string;
  readonly smtpUrl: string | undefined;
  readonly sessionSecret: string | undefined;
  /** Raw keyring text; parsed by crypto/field-cipher so the key bytes never sit in config dumps. */
  readonly dataEncryptionKey: string | undefined;
  /** A session without requests for this long is logged out. */
  readonly sessionIdleMinutes: number;
  /** A login is valid at most this long, however active. */
  readonly sessionMaxHours: number;
  /** Days a person who left the school (per the LAS import) stays deactivated before deletion. */
  readonly leaverGraceDays: number;
  /** Logs and audit entries are kept this many months, then purged (security annex B: shorter than 13). */
  readonly retentionMonths: number;
  /** How often `serve` runs the retention job (one process of all that run). */
  readonly retentionIntervalMinutes: number;
  /** How often `serve` fetches the metadata of schools' IdPs registered from a URL again (one process of all). */
  readonly upstreamRefreshIntervalMinutes: number;
  /** Where `backup create` writes and `backup list|prune` looks (BACKUP_DIR, default ./backups). */
  readonly backupDir: string;
  /**
   * Backups follow the data's retention clock: one older than this many days is pruned (the leaver grace
   * period, so what retention deleted is gone from backups as well; at least one day, so a backup of today survives the night).
   */
  readonly backupRetentionDays: number;
  /**
   * Which reverse proxies may tell the client address (X-Forwarded-For), as express's 'trust proxy':
   * false (default: the socket address counts), 'loopback', or a comma-separated list of addresses/CIDRs.
   * The client address decides the school-network rule (home access), so never trust everyone.
   */
  readonly trustProxy: false | string[];
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Worker processes of `serve` (null: one per available core; the embedded database always runs one). */
  readonly workers: number | null;
  /** After SIGTERM, how long in-flight requests may take before the workers are killed. */
  readonly shutdownGraceSeconds: number;
  /**
   * The demo publisher (`serve --demo`, `demo`; never in production): its own port and origin, so the
   * browser treats it as a separate site's app. Its host is BASE_URL's (loopback in development).
   */
  readonly demoPublisher: { readonly port: number; readonly host: string };
  /**
   * Who may read GET /metrics: a direct connection (no proxy header) from one of these CIDRs
   * (METRICS_ALLOW, default loopback only; 'none' for no address), or anyone presenting METRICS_TOKEN
   * as a bearer token. Everyone else gets 404, as if there were nothing.
   */
  readonly metrics: { readonly allow: readonly string[]; readonly token: string | undefined };
}

export interface DatabasePoolConfig {
  /** Connections per process at most. */
  readonly size: number;
  /** How long a request waits for a free connection (or for a new one to connect) before it is answered 503. */
  readonly waitMs: number;
  /** Serving processes only: a statement running longer is cancelled and the request answered 503 (null: no limit). */
  readonly statementTimeoutMs: number | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const optionalText = z
  .string()
  .transform((v) => v.trim())
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce
    .number({ message: 'PORT must be a number' })
    .int('PORT must be a whole number')
    .min(0, 'PORT must be between 0 and 65535')
    .max(65535, 'PORT must be between 0 and 65535')
    .default(3000),
  BASE_URL: optionalText.pipe(
    z.url({ protocol: /^https?$/, message: 'BASE_URL must be an http(s) URL such as https://leerpoort.example.nl' }).optional(),
  ),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'DATABASE_URL must start with postgres:// or postgresql://')
      .optional(),
  ),
  DATA_DIR: optionalText,
  BACKUP_DIR: optionalText,
  CERTS_DIR: optionalText,
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/.+/, 'SMTP_URL must start with smtp:// or smtps://')
      .optional(),
  ),
  SESSION_SECRET: optionalText.pipe(z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional()),
  DATA_ENCRYPTION_KEY: optionalText,
  TRUST_PROXY: optionalText.pipe(
    z
      .string()
      .regex(
        /^(false|loopback|linklocal|uniquelocal|[0-9a-fA-F:./]+)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F:./]+))*$/,
        "TRUST_PROXY must be 'false', 'loopback' or a comma-separated list of proxy addresses/CIDRs (never 'true': the client address decides home access)",
      )
      .optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number({ message: 'SESSION_IDLE_MINUTES must be a number' })
    .int()
    .min(1, 'SESSION_IDLE_MINUTES must be 1–1440')
    .max(1440, 'SESSION_IDLE_MINUTES must be 1–1440')
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number({ message: 'SESSION_MAX_HOURS must be a number' })
    .int()
    .min(1, 'SESSION_MAX_HOURS must be 1–24')
    .max(24, 'SESSION_MAX_HOURS must be 1–24')
    .default(8),
  WORKERS: z.coerce
    .number({ message: 'WORKERS must be a number' })
    .int('WORKERS must be a whole number')
    .min(1, 'WORKERS must be between 1 and 256')
    .max(256, 'WORKERS must be between 1 and 256')
    .optional(),
  SHUTDOWN_GRACE_SECONDS: z.coerce
    .number({ message: 'SHUTDOWN_GRACE_SECONDS must be a number' })
    .int()
    .min(1, 'SHUTDOWN_GRACE_SECONDS must be 1–300')
    .max(300, 'SHUTDOWN_GRACE_SECONDS must be 1–300')
    .default(25),
  DATABASE_POOL_SIZE: z.coerce
    .number({ message: 'DATABASE_POOL_SIZE must be a number' })
    .int('DATABASE_POOL_SIZE must be a whole number')
    .min(1, 'DATABASE_POOL_SIZE must be between 1 and 200')
    .max(200, 'DATABASE_POOL_SIZE must be between 1 and 200')
    .default(10),
  // A login page that hangs is worse than one that says "try again in a moment": a few seconds of
  // waiting for a connection covers a burst, longer only piles up requests behind a database in trouble.
  DATABASE_POOL_WAIT_SECONDS: z.coerce
    .number({ message: 'DATABASE_POOL_WAIT_SECONDS must be a number' })
    .int('DATABASE_POOL_WAIT_SECONDS must be a whole number')
    .min(1, 'DATABASE_POOL_WAIT_SECONDS must be 1–60')
    .max(60, 'DATABASE_POOL_WAIT_SECONDS must be 1–60')
    .default(5),
  // Every statement of a login or an SSO takes milliseconds; 15 s is far beyond any of them yet short
  // enough that a stuck query frees its connection before a user gives up. 0 turns the limit off.
  DATABASE_STATEMENT_TIMEOUT_SECONDS: z.coerce
    .number({ message: 'DATABASE_STATEMENT_TIMEOUT_SECONDS must be a number' })
    .int('DATABASE_STATEMENT_TIMEOUT_SECONDS must be a whole number')
    .min(0, 'DATABASE_STATEMENT_TIMEOUT_SECONDS must be 0–3600')
    .max(3600, 'DATABASE_STATEMENT_TIMEOUT_SECONDS must be 0–3600')
    .default(15),
  DEMO_PUBLISHER_PORT: z.coerce
    .number({ message: 'DEMO_PUBLISHER_PORT must be a number' })
    .int('DEMO_PUBLISHER_PORT must be a whole number')
    .min(0, 'DEMO_PUBLISHER_PORT must be between 0 and 65535')
    .max(65535, 'DEMO_PUBLISHER_PORT must be between 0 and 65535')
    .optional(),
  METRICS_ALLOW: optionalText.pipe(
    z
      .string()
      .refine(
        (v) => v === 'none' || v.split(',').every((c) => isCidr(c.trim())),
        "METRICS_ALLOW must be 'none' or a comma-separated list of CIDRs such as 127.0.0.0/8,::1/128,10.0.5.0/24",
      )
      .optional(),
  ),
  METRICS_TOKEN: optionalText.pipe(z.string().min(32, 'METRICS_TOKEN must be at least 32 characters').optional()),
  LEAVER_GRACE_DAYS: z.coerce
    .number({ message: 'LEAVER_GRACE_DAYS must be a number' })
    .int('LEAVER_GRACE_DAYS must be a whole number of days')
    .min(0, 'LEAVER_GRACE_DAYS must be between 0 and 365')
    .max(365, 'LEAVER_GRACE_DAYS must be between 0 and 365')
    .default(90),
  // Security annex B: logs are kept shorter than 13 months. A longer setting is refused at start rather
  // than silently capped, so an operator never believes the hub keeps what it may not.
  RETENTION_MONTHS: z.coerce
    .number({ message: 'RETENTION_MONTHS must be a number' })
    .int('RETENTION_MONTHS must be a whole number of months')
    .min(1, 'RETENTION_MONTHS must be between 1 and 12')
    .max(12, 'RETENTION_MONTHS must be at most 12: security annex B requires logs and audit entries to be kept shorter than 13 months')
    .default(12),
  RETENTION_INTERVAL_MINUTES: z.coerce
    .number({ message: 'RETENTION_INTERVAL_MINUTES must be a number' })
    .int('RETENTION_INTERVAL_MINUTES must be a whole number')
    .min(1, 'RETENTION_INTERVAL_MINUTES must be 1–1440')
    .max(1440, 'RETENTION_INTERVAL_MINUTES must be 1–1440')
    .default(60),
  // Schools' IdPs rotate keys and publish metadata with a validUntil of days to weeks: a few times a day
  // is enough to follow a key rollover, at most once a week still catches it before such metadata expires.
  UPSTREAM_REFRESH_INTERVAL_MINUTES: z.coerce
    .number({ message: 'UPSTREAM_REFRESH_INTERVAL_MINUTES must be a number' })
    .int('UPSTREAM_REFRESH_INTERVAL_MINUTES must be a whole number')
    .min(5, 'UPSTREAM_REFRESH_INTERVAL_MINUTES must be 5–10080 (a week)')
    .max(10080, 'UPSTREAM_REFRESH_INTERVAL_MINUTES must be 5–10080 (a week)')
    .default(360),
});

export function loadConfig(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const isProduction = e.NODE_ENV === 'production';

  if (isProduction) {
    if (!e.SESSION_SECRET) problems.push('SESSION_SECRET is required when NODE_ENV=production');
    if (!e.DATA_ENCRYPTION_KEY) problems.push('DATA_ENCRYPTION_KEY is required when NODE_ENV=production');
    if (!e.DATABASE_URL) problems.push('DATABASE_URL is required when NODE_ENV=production (no embedded database in production)');
    if (!e.BASE_URL) problems.push('BASE_URL is required when NODE_ENV=production');
    else if (!e.BASE_URL.startsWith('https://')) problems.push('BASE_URL must use https:// when NODE_ENV=production');
  }
  // PORT 0 (any free port) has no "next" port: the demo publisher then takes any free port as well.
  const demoPublisherPort = e.DEMO_PUBLISHER_PORT ?? (e.PORT === 0 || e.PORT === 65535 ? 0 : e.PORT + 1);
  if (demoPublisherPort !== 0 && demoPublisherPort === e.PORT) problems.push('DEMO_PUBLISHER_PORT must differ from PORT');
  if (problems.length > 0) throw new ConfigError(problems);

  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  // The demo publisher is plain http on the hub's host name: the hub accepts http endpoints only on
  // loopback and only outside production, which is exactly where the demo runs.
  const demoHost = new URL(baseUrl).hostname;
  return Object.freeze({
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    baseUrl,
    idpEntityId: `${baseUrl}/saml/metadata`,
    databaseUrl: e.DATABASE_URL,
    databasePool: Object.freeze({
      size: e.DATABASE_POOL_SIZE,
      waitMs: e.DATABASE_POOL_WAIT_SECONDS * 1000,
      statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_SECONDS === 0 ? null : e.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000,
    }),
    dataDir: path.resolve(cwd, e.DATA_DIR ?? 'data'),
    certsDir: path.resolve(cwd, e.CERTS_DIR ?? 'certs'),
    smtpUrl: e.SMTP_URL,
    sessionSecret: e.SESSION_SECRET,
    dataEncryptionKey: e.DATA_ENCRYPTION_KEY,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    leaverGraceDays: e.LEAVER_GRACE_DAYS,
    retentionMonths: e.RETENTION_MONTHS,
    retentionIntervalMinutes: e.RETENTION_INTERVAL_MINUTES,
    upstreamRefreshIntervalMinutes: e.UPSTREAM_REFRESH_INTERVAL_MINUTES,
    backupDir: path.resolve(cwd, e.BACKUP_DIR ?? 'backups'),
    backupRetentionDays: Math.max(1, e.LEAVER_GRACE_DAYS),
    trustProxy: !e.TRUST_PROXY || e.TRUST_PROXY === 'false' ? false : e.TRUST_PROXY.split(',').map((v) => v.trim()),
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    workers: e.WORKERS ?? null,
    shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
    demoPublisher: Object.freeze({ port: demoPublisherPort, host: demoHost }),
    metrics: Object.freeze({
      allow: Object.freeze(e.METRICS_ALLOW === 'none' ? [] : (e.METRICS_ALLOW ?? '127.0.0.0/8,::1/128').split(',').map((c) => c.trim())),
      token: e.METRICS_TOKEN,
    }),
  });
}

/** An IPv4 or IPv6 CIDR (a bare address counts as /32 or /128). */
function isCidr(text: string): boolean {
  try {
    if (text.includes('/')) ipaddr.parseCIDR(text);
    else ipaddr.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** For logs and `leerpoort config`: never prints secrets or credentials inside URLs. */
export function describeConfig(config: AppConfig): Record<string, unknown> {
  const redactUrl = (u: string | undefined) => (u ? u.replace(/\/\/[^@/]*@/, '//***@') : undefined);
  return {
    nodeEnv: config.nodeEnv,
    port: config.port,
    baseUrl: config.baseUrl,
    idpEntityId: config.idpEntityId,
    database: config.databaseUrl ? redactUrl(config.databaseUrl) : `embedded PGlite in ${config.dataDir}`,
    databasePool: config.databaseUrl
      ? `${config.databasePool.size} connections, wait ≤ ${config.databasePool.waitMs / 1000} s, statement timeout (serving) ${
          config.databasePool.statementTimeoutMs === null ? 'none' : `${config.databasePool.statementTimeoutMs / 1000} s`
        }`
      : undefined,
    certsDir: config.certsDir,
    smtp: config.smtpUrl ? redactUrl(config.smtpUrl) : 'outbox table + log',
    sessionSecret: config.sessionSecret ? 'set' : 'generated in certs dir (development)',
    dataEncryptionKey: config.dataEncryptionKey ? 'set' : 'generated in certs dir (development)',
    logLevel: config.logLevel,
    leaverGraceDays: config.leaverGraceDays,
    retention: `logs and audit ${config.retentionMonths} months; job every ${config.retentionIntervalMinutes} min`,
    upstreamRefresh: `school IdP metadata every ${config.upstreamRefreshIntervalMinutes} min`,
    backups: `${config.backupDir}, kept ${config.backupRetentionDays} day(s)`,
    trustProxy: config.trustProxy === false ? 'no (socket address)' : config.trustProxy.join(', '),
    workers: config.workers ?? 'one per core',
    metrics: `${config.metrics.allow.length ? config.metrics.allow.join(', ') : 'no address'}${config.metrics.token ? ' or bearer token' : ''}`,
    demoPublisher: config.isProduction ? undefined : `${config.demoPublisher.host}:${config.demoPublisher.port || 'any free port'}`,
  };
}

/** The process environment, read here and nowhere else. */
export function loadConfigFromProcess(): AppConfig {
  return loadConfig(process.env);
}

/** The process environment as child processes inherit it (pg_dump and pg_restore for backups need PATH and PG* settings). */
export function inheritedEnvironment(): Readonly<Record<string, string | undefined>> {
  return process.env;
}

import 'reflect-metadata';
import http from 'node:http';
import { type AppConfig, inheritedEnvironment } from './config';
import { FieldCipher } from './crypto/field-cipher';
import { Argon2idPasswordHasher } from './crypto/password-hasher';
import { loadSecrets, type Secrets } from './crypto/secrets';
import { AccountService } from './domain/identity/account.service';
import { LoginService } from './domain/identity/login.service';
import { TwoFactorService } from './domain/identity/two-factor.service';
import { PasswordResetService } from './domain/identity/password-reset.service';
import { ServiceProviderService } from './domain/federation/service-provider.service';
import { SchoolService } from './domain/identity/school.service';
import { PortalOrderService } from './domain/licensing/portal-order';
import { LicenceService } from './domain/licensing/licence.service';
import { ParticipantService } from './domain/licensing/participant.service';
import type { PasswordHasher } from './domain/identity/ports';
import type { Logger } from './logger';
import { type Database, openDatabase, targetFromConfig } from './persistence/data-source';
import { databaseUnavailable } from './persistence/unavailable';

export { databaseUnavailable };
import { asDatabaseStorageFault } from './persistence/storage-faults';
import type { UnavailableError } from './domain/errors';
import type { IdpContext } from './saml/idp-context';
import { buildApp } from './web/app';
import { SupportService } from './domain/identity/support.service';
import { fetchMetadataDocument, fetchSpMetadata } from './net/metadata-source';
import { HttpIconFetcher } from './net/icon-fetcher';
import { BackgroundWork } from './web/background';
import { ConcurrencyGate, gatedVerifier } from './api/concurrency-gate';
import { apiRoutes } from './api/router';
import { deriveApiTokenKey, TokenService } from './api/tokens';
import { ApiClientService } from './domain/federation/api-client.service';
import { RosterImportService } from './domain/roster/import.service';
import { RetentionService } from './domain/roster/retention.service';
import { HmacCardTokenSigner } from './crypto/card-token';
import { GuardianService } from './domain/identity/guardian.service';
import { LoginThrottle } from './domain/identity/login-throttle';
import { PupilLoginService } from './domain/identity/pupil-login.service';
import { MailDispatcher } from './jobs/mail-dispatcher';
import { AgreementService } from './domain/agreements/agreement.service';
import { PersonRecordsService } from './domain/identity/person-records.service';
import { MaintenanceService } from './domain/maintenance/maintenance.service';
import { BreachService } from './domain/breaches/breach.service';
import { CATEGORY_LABELS } from './release/categories';
import type * as Monitoring from './web/metrics';
import type { HubMetrics } from './web/metrics';
import { clusterMetricsText, isWorker, shareMetricsWithPrimary } from './cluster';
import { AuditTrailService } from './domain/audit/audit-trail.service';
import type { HubSigner } from './domain/audit/ports';
import { JoseHubSigner } from './crypto/hub-signer';
import { SqlAuditChainStore } from './persistence/audit-chain';
import { SchoolDestructionService } from './domain/retention/school-destruction.service';
import { standardRetentionSteps } from './domain/retention/retention-steps';
import { type RetentionStep, runRetention } from './domain/retention/retention-run';
import { JobScheduler } from './jobs/scheduler';
import { UpstreamLoginService } from './domain/identity/upstream-login.service';
import { upstreamSpEndpoints } from './saml/upstream/sp-metadata';
import { type MetadataLoader, UpstreamIdpService } from './domain/federation/upstream-idp.service';
import { parseIdpMetadata } from './saml/upstream/idp-metadata';
import type { ScheduledJob } from './jobs/scheduler';
import { PrivacyAnnexService } from './release/annex.service';
import { backupTarget, type BackupTarget } from './persistence/backup';
import { MisuseService } from './domain/misuse/misuse.service';
import { ServiceNoticeService } from './domain/notices/service-notice.service';
import { DisruptionService } from './domain/disruptions/disruption.service';
import { cookieKeysFrom, createOidcProvider, endOidcForAccount } from './oidc/provider';
import { OIDC_PAGES, oidcRoutes } from './web/oidc/oidc.routes';
import { OidcClientService } from './domain/federation/oidc-client.service';

// Backups work on the database from outside a hub (pg_dump, or the embedded folder under its lock): the CLI reaches them here.
export { createBackup, listBackups, type Progress, pruneBackups, restoreBackup, verifyBackup } from './persistence/backup-store';
import { pruneBackups } from './persistence/backup-store';

/** The database a backup is made of, or restored into: DATABASE_URL, else the embedded folder in DATA_DIR. */
export const backupTargetOf = (config: AppConfig): BackupTarget => backupTarget(targetFromConfig(config), inheritedEnvironment());

/**
 * Composition root: the only place that wires concrete pieces together.
 * loadConfig() → secrets → database → services → buildApp() → listen.
 */

export interface HubServices {
  readonly schools: SchoolService;
  readonly participants: ParticipantService;
  readonly licences: LicenceService;
  readonly accounts: AccountService;
  readonly serviceProviders: ServiceProviderService;
  readonly apiClients: ApiClientService;
  readonly rosterImport: RosterImportService;
  readonly retention: RetentionService;
  readonly pupilLogin: PupilLoginService;
  readonly guardians: GuardianService;
  /** Guessing protection shared by every login method. */
  readonly loginThrottle: LoginThrottle;
  readonly agreements: AgreementService;
  readonly personRecords: PersonRecordsService;
  readonly twoFactor: TwoFactorService;
  readonly passwordReset: PasswordResetService;
  readonly maintenance: MaintenanceService;
  readonly breaches: BreachService;
  /** The hash-chained audit trail: sealing, verification, purge behind signed checkpoints. */
  readonly auditTrail: AuditTrailService;
  /** Destruction of terminated schools, with signed certificates. */
  readonly destruction: SchoolDestructionService;
  /** The named steps of a retention run (CLI and scheduled job); others add theirs here. */
  readonly retentionSteps: readonly RetentionStep[];
  /** The helpdesk's one-user support view (annex 2 I): reason required, audited. */
  readonly support: SupportService;
  /** The school's order of the portal tiles. */
  readonly portalOrder: PortalOrderService;
  readonly upstreamIdps: UpstreamIdpService;
  /** The participants' privacy annexes and the schools' acceptance of a widening (annex 1 D, DPA art. 13.3). */
  readonly privacyAnnex: PrivacyAnnexService;
  readonly misuse: MisuseService;
  readonly notices: ServiceNoticeService;
  readonly disruptions: DisruptionService;
  /** Participants' OpenID Connect clients: registration, secrets (argon2id), removal (issue 18). */
  readonly oidcClients: OidcClientService;
}

export interface Hub {
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly secrets: Secrets;
  readonly db: Database;
  readonly services: HubServices;
  readonly passwordHasher: PasswordHasher;
  /** Field encryption and blind indexes under the data keyring (also installed for the entities). */
  readonly cipher: FieldCipher;
  /**
   * What GET /metrics reports for this process (fed by every committed audit event, requests, jobs).
   * Only a serving hub has one: one-shot CLI commands neither load nor pay for monitoring.
   */
  readonly metrics: HubMetrics | null;
  /** Signs the hub's own statements (destruction certificates, audit checkpoints) with its SAML signing key. */
  readonly signer: HubSigner;
  close(): Promise<void>;
}

export interface OpenHubOptions {
  /**
   * This process answers HTTP requests: its database statements get the statement timeout (a stuck query
   * answers 503 instead of holding a connection). CLI jobs (imports, retention, seeding) run without it.
   */
  readonly serving?: boolean;
}

export async function openHub(config: AppConfig, logger: Logger, opts: OpenHubOptions = {}): Promise<Hub> {
  const secrets = await loadSecrets(config);
  for (const file of secrets.generated) logger.info({ file }, 'generated development secret');
  const cipher = new FieldCipher(secrets.keyring);
  const pool = { ...config.databasePool, statementTimeoutMs: opts.serving ? config.databasePool.statementTimeoutMs : null };
  // Loaded only by a serving process: one-shot CLI commands neither load prom-client nor count anything.
  const monitoring = opts.serving ? (require('./web/metrics') as typeof Monitoring) : null;
  const metrics = monitoring ? new monitoring.HubMetrics() : null;
  const db = await openDatabase(targetFromConfig(config), cipher, { cache: { logger }, pool, onAudit: metrics?.observeAudit });
  metrics?.attach({ poolStats: () => db.poolStats(), mailQueueDepth: async () => (await db.repositories.outbox.stats()).waiting });
  const uow = db.unitOfWork;
  const passwordHasher = new Argon2idPasswordHasher();
  const loginThrottle = new LoginThrottle(db.repositories, (v) => cipher.blindIndex(v, 'login_throttle'));
  const signer = new JoseHubSigner(secrets.samlSigningKeys);
  const retention = new RetentionService(uow);
  const auditTrail = new AuditTrailService(uow, new SqlAuditChainStore(db.dataSource), signer);
  const destruction = new SchoolDestructionService(uow, signer, config.idpEntityId);
  const passwordReset = new PasswordResetService(uow, db.repositories, passwordHasher, loginThrottle, config.baseUrl);
  const privacyAnnex = new PrivacyAnnexService(uow, config.baseUrl);
  const services: HubServices = {
    auditTrail,
    destruction,
    retentionSteps: [
      ...standardRetentionSteps({
        uow,
        leavers: retention,
        destruction,
        audit: auditTrail,
        policy: { retentionMonths: config.retentionMonths, leaverGraceDays: config.leaverGraceDays },
      }),
      ...backupAndPrivacySteps(config, privacyAnnex),
    ],
    loginThrottle,
    passwordReset,
    support: new SupportService(db.repositories, loginThrottle, passwordReset),
    twoFactor: new TwoFactorService(uow, db.repositories, passwordHasher, loginThrottle, (code) =>
      cipher.blindIndex(code, 'recovery_codes'),
    ),
    agreements: new AgreementService(uow, db.repositories, config.baseUrl),
    personRecords: new PersonRecordsService(uow, db.repositories),
    pupilLogin: new PupilLoginService(uow, db.repositories, passwordHasher, loginThrottle, new HmacCardTokenSigner(secrets.sessionSecret)),
    guardians: new GuardianService(uow, db.repositories, passwordHasher, loginThrottle, config.baseUrl),
    schools: new SchoolService(uow),
    participants: new ParticipantService(uow, new HttpIconFetcher(!config.isProduction)),
    licences: new LicenceService(uow),
    portalOrder: new PortalOrderService(uow),
    accounts: new AccountService(uow, passwordHasher),
    serviceProviders: new ServiceProviderService(uow),
    apiClients: new ApiClientService(uow, db.repositories, passwordHasher, loginThrottle),
    rosterImport: new RosterImportService(uow, passwordHasher),
    retention,
    maintenance: new MaintenanceService(uow, db.repositories, config.baseUrl),
    breaches: new BreachService(uow, db.repositories, CATEGORY_LABELS, config.baseUrl),
    upstreamIdps: new UpstreamIdpService(uow),
    privacyAnnex,
    misuse: new MisuseService(uow, db.repositories, config.baseUrl),
    notices: new ServiceNoticeService(uow, db.repositories, config.baseUrl),
    disruptions: new DisruptionService(uow, db.repositories, config.baseUrl),
    oidcClients: new OidcClientService(uow, passwordHasher, !config.isProduction),
  };
  return { config, logger, secrets, db, services, passwordHasher, cipher, metrics, signer, close: () => db.close() };
}

/** The configuration a platform operator may see in the console: no secret values, only whether they are set. */
function visibleSettings(c: AppConfig): Array<{ name: string; value: string }> {
  const set = (v: unknown) => (v ? 'ingesteld / set' : 'niet ingesteld / not set');
  return [
    { name: 'NODE_ENV', value: c.nodeEnv },
    { name: 'BASE_URL', value: c.baseUrl },
    { name: 'IDP_ENTITY_ID', value: c.idpEntityId },
    { name: 'DATABASE', value: c.databaseUrl ? 'PostgreSQL' : `embedded (PGlite, ${c.dataDir})` },
    { name: 'DATABASE_URL', value: set(c.databaseUrl) },
    { name: 'CERTS_DIR', value: c.certsDir },
    { name: 'SMTP_URL', value: set(c.smtpUrl) },
    { name: 'SESSION_IDLE_MINUTES', value: String(c.sessionIdleMinutes) },
    { name: 'SESSION_MAX_HOURS', value: String(c.sessionMaxHours) },
    { name: 'LEAVER_GRACE_DAYS', value: String(c.leaverGraceDays) },
    { name: 'UPSTREAM_REFRESH_INTERVAL_MINUTES', value: String(c.upstreamRefreshIntervalMinutes) },
    { name: 'TRUST_PROXY', value: c.trustProxy === false ? 'off' : c.trustProxy.join(', ') },
    { name: 'LOG_LEVEL', value: c.logLevel },
    { name: 'WORKERS', value: c.workers === null ? 'auto' : String(c.workers) },
  ];
}

/** A failure of the database's storage (full disk, read-only) as the operator's message naming where; else null. */
export function databaseStorageFault(config: AppConfig, e: unknown): UnavailableError | null {
  return asDatabaseStorageFault(e, config.databaseUrl ? 'postgres' : { dataDir: config.dataDir });
}

export interface RunningServer {
  readonly server: http.Server;
  readonly url: string;
  readonly port: number;
  /** The outbox sender (SMTP_URL) — `flush()` delivers now instead of at the next tick. */
  readonly mail: MailDispatcher;
  /** Work answered before it is done; `drain()` waits for it. */
  readonly background: BackgroundWork;
  /** Scheduled jobs (audit sealing, retention), run by one hub process at a time. */
  readonly jobs: JobScheduler;
  /** Stops accepting; with `graceMs`, requests in flight may finish within that time (else they are cut off). */
  stop(graceMs?: number): Promise<void>;
}

export async function serve(hub: Hub): Promise<RunningServer> {
  const idp: IdpContext = {
    idpEntityId: hub.config.idpEntityId,
    ssoUrl: `${hub.config.baseUrl}/saml/sso`,
    sloUrl: `${hub.config.baseUrl}/saml/slo`,
    upstreamSp: upstreamSpEndpoints(hub.config.baseUrl),
    signingKeys: hub.secrets.samlSigningKeys,
    encryptionKey: hub.secrets.samlEncryption,
    keyring: hub.secrets.keyring,
    repos: hub.db.repositories,
    recorder: hub.db.recorder,
    logger: hub.logger,
  };
  if (!hub.metrics) throw new Error('serve() needs a hub opened with { serving: true }');
  const metrics = hub.metrics;
  const mail = new MailDispatcher(hub.db.repositories.outbox, hub.logger, hub.config.smtpUrl);
  mail.onPass = (outcome) => metrics.jobRun('mail_dispatch', outcome);
  mail.start();
  // With several workers, /metrics answers for all of them: the worker asks the primary, which collects
  // every worker's registry (prom-client's cluster aggregation) — whichever worker the scrape lands on.
  if (isWorker()) shareMetricsWithPrimary(metrics.registry);
  const jobs = scheduledJobs(hub);
  jobs.onRun = (job, outcome) => metrics.jobRun(job, outcome);
  jobs.start();
  const background = new BackgroundWork(hub.logger);
  const oidcProvider = await createOidcProvider({
    issuer: `${hub.config.baseUrl}/oidc`,
    signingKeys: hub.secrets.samlSigningKeys,
    cookieKeys: cookieKeysFrom(hub.secrets.sessionSecret),
    keyring: hub.secrets.keyring,
    repos: hub.db.repositories,
    recorder: hub.db.recorder,
    // Client secrets are checked with argon2id, and client ids are public: at most two checks at once per
    // process (a short queue), as at the roster API's token endpoint, so a flood of wrong secrets is turned
    // away (invalid_client) and leaves the hashing threads to pupils' logins.
    hasher: gatedVerifier(hub.passwordHasher, new ConcurrencyGate(2, 4)),
    logger: hub.logger,
    behindProxy: hub.config.trustProxy !== false,
    pages: OIDC_PAGES,
  });
  const app = buildApp({
    logger: hub.logger,
    checkDatabase: () => hub.db.ping(),
    translateError: databaseUnavailable,
    secureTransport: hub.config.baseUrl.startsWith('https://'),
    sessionSecret: hub.secrets.sessionSecret,
    sessions: hub.db.repositories.sessions,
    login: new LoginService(hub.db.repositories, hub.passwordHasher, hub.services.loginThrottle),
    pupilLogin: hub.services.pupilLogin,
    guardians: hub.services.guardians,
    trustProxy: hub.config.trustProxy,
    admin: {
      agreements: hub.services.agreements,
      records: hub.services.personRecords,
      licences: hub.services.licences,
      portalOrder: hub.services.portalOrder,
      schools: hub.services.schools,
      accounts: hub.services.accounts,
      rosterImport: hub.services.rosterImport,
      privacyAnnex: hub.services.privacyAnnex,
      disruptions: hub.services.disruptions,
      misuse: hub.services.misuse,
      baseUrl: hub.config.baseUrl,
      upstreamIdps: hub.services.upstreamIdps,
      upstreamMetadata: {
        fromUrl: upstreamMetadataLoader(hub.config),
        fromXml: (xml, trust) => parseIdpMetadata(xml, { trustCertificate: trust, httpOnLoopback: !hub.config.isProduction }),
      },
    },
    twoFactor: hub.services.twoFactor,
    upstreamLogin: new UpstreamLoginService(hub.db.repositories),
    passwordReset: hub.services.passwordReset,
    repos: hub.db.repositories,
    sessionIdleMinutes: hub.config.sessionIdleMinutes,
    sessionMaxHours: hub.config.sessionMaxHours,
    idp,
    background,
    maintenance: hub.services.maintenance,
    breaches: hub.services.breaches,
    metrics: {
      hub: metrics,
      access: hub.config.metrics,
      text: isWorker() ? clusterMetricsText : () => metrics.registry.metrics(),
      contentType: metrics.registry.contentType,
    },
    support: hub.services.support,
    opsPlatform: {
      participants: hub.services.participants,
      serviceProviders: hub.services.serviceProviders,
      fetchMetadata: fetchSpMetadata,
      httpOnLoopback: !hub.config.isProduction,
      certsDir: hub.config.certsDir,
      settings: visibleSettings(hub.config),
    },
    opsDataProtection: { privacyAnnex: hub.services.privacyAnnex, destruction: hub.services.destruction },
    misuse: hub.services.misuse,
    notices: hub.services.notices,
    disruptions: hub.services.disruptions,
    oidc: {
      routes: oidcRoutes({ provider: oidcProvider, repos: hub.db.repositories }),
      endForAccount: (personId) => endOidcForAccount(oidcProvider, hub.db.repositories, hub.logger, personId),
    },
    oidcClients: hub.services.oidcClients,
    api: apiRoutes({
      repos: hub.db.repositories,
      keyring: hub.secrets.keyring,
      clients: hub.services.apiClients,
      participants: hub.services.participants,
      licences: hub.services.licences,
      tokens: new TokenService(deriveApiTokenKey(hub.secrets.sessionSecret), hub.config.idpEntityId, `${hub.config.baseUrl}/api/v1`),
    }),
  });
  const server = http.createServer(app);
  // Once stopping, every answer closes its connection: a client on a keep-alive connection moves on to
  // another worker instead of keeping this one busy until the grace time runs out.
  let stopping = false;
  server.prependListener('request', (_req, res: http.ServerResponse) => {
    if (stopping) res.setHeader('Connection', 'close');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(hub.config.port, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : hub.config.port;
  hub.logger.info({ port, baseUrl: hub.config.baseUrl, database: hub.db.kind }, 'Leerpoort hub listening');
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    port,
    mail,
    background,
    jobs,
    stop: async (graceMs = 0) => {
      stopping = true;
      // Stop accepting; idle keep-alive connections close now, requests in flight may finish within the grace time.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        if (graceMs <= 0) server.closeAllConnections();
        else setTimeout(() => server.closeAllConnections(), graceMs).unref();
      });
      await background.drain();
      await jobs.stop();
      await mail.stop();
    },
  };
}

/**
 * Retention steps whose pieces live outside domain/ (the backup folder, the release pipeline's annex
 * check), so they are composed here: backups follow the data's clock (annex B.1.d); the privacy check
 * (annex 1 D) is reported, not enforced — a difference is the operator's to act on.
 */
function backupAndPrivacySteps(config: AppConfig, privacyAnnex: PrivacyAnnexService): RetentionStep[] {
  return [
    {
      name: 'backup-pruning',
      description: `backups in BACKUP_DIR older than ${config.backupRetentionDays} day(s) (the leaver grace period)`,
      async run(ctx) {
        const r = await pruneBackups(config.backupDir, config.backupRetentionDays, { now: ctx.now, dryRun: ctx.dryRun });
        return {
          counts: { backups: r.deleted.length },
          summary: `${ctx.dryRun ? 'would delete' : 'deleted'} ${r.deleted.length} backup(s) past the retention period`,
          details: r,
        };
      },
    },
    {
      name: 'privacy-check',
      description: "the release ledger against each participant's declared categories (reported; `leerpoort privacy check`)",
      async run() {
        const r = await privacyAnnex.check();
        const differences = r.participants.filter((p) => p.undeclared.length);
        return {
          counts: {},
          summary: differences.length
            ? differences.map((p) => `${p.participant} received undeclared ${p.undeclared.join(', ')}`).join('; ')
            : 'every release within the declared categories',
          details: { ok: r.ok, differences },
        };
      },
    },
  ];
}

/**
 * A school IdP's metadata from the URL a delegate (or the scheduled refresh) gives: fetched with the size
 * cap and timeout, from public addresses only in production (no request into the hub's own network on a
 * school's say-so; loopback and plain http on it only outside production), then parsed and checked.
 */
export function upstreamMetadataLoader(config: AppConfig): MetadataLoader {
  const local = !config.isProduction;
  return async (url, trustCertificate) =>
    parseIdpMetadata(await fetchMetadataDocument(url, local), { trustCertificate, httpOnLoopback: local });
}

/**
 * Fetches the metadata of every school IdP registered from a URL again (the school's key rollover, a new
 * validUntil) every UPSTREAM_REFRESH_INTERVAL_MINUTES, first a minute after start. A failure is recorded
 * and audited per school and the metadata stored before stays in use until its validUntil.
 */
export function upstreamRefreshJob(hub: Hub): ScheduledJob {
  const load = upstreamMetadataLoader(hub.config);
  return {
    name: 'upstream-refresh',
    everyMs: hub.config.upstreamRefreshIntervalMinutes * 60_000,
    // Each fetch times out after 10 s: an hour covers hundreds of schools.
    leaseMs: 3_600_000,
    initialDelayMs: 60_000,
    run: async () => {
      const r = await hub.services.upstreamIdps.refreshAll(load, { type: 'system', id: 'upstream-refresh-job' });
      return `school IdPs: ${r.refreshed} refreshed (${r.changed} with new keys), ${r.failed} failed, ${r.expired} past validUntil`;
    },
  };
}

/**
 * The jobs `serve` runs: the audit sealer every few seconds (a short chain tail means a short window in
 * which an entry is protected by privileges only) and the retention run every RETENTION_INTERVAL_MINUTES
 * (first a minute after start, so a starting hub serves before it deletes), and the school IdPs' metadata refresh.
 */
export function scheduledJobs(hub: Hub): JobScheduler {
  const actor = { type: 'system' as const, id: 'retention-job' };
  return new JobScheduler(
    hub.db.repositories.jobs,
    [
      {
        name: 'audit-seal',
        everyMs: 5_000,
        leaseMs: 5 * 60_000,
        run: async () => {
          const { sealed, head } = await hub.services.auditTrail.seal();
          return sealed ? `sealed ${sealed} audit entries; head #${head?.seq} ${head?.hash}` : '';
        },
      },
      {
        name: 'retention',
        everyMs: hub.config.retentionIntervalMinutes * 60_000,
        leaseMs: 6 * 3_600_000,
        initialDelayMs: 60_000,
        run: async () => {
          const report = await runRetention(hub.services.retentionSteps, { now: new Date(), dryRun: false, actor });
          return report.steps.map((s) => `${s.name}: ${s.summary}`).join('; ');
        },
      },
      upstreamRefreshJob(hub),
    ],
    hub.logger,
  );
}

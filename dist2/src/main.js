"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.openHub = openHub;
exports.databaseStorageFault = databaseStorageFault;
exports.serve = serve;
require("reflect-metadata");
const node_http_1 = __importDefault(require("node:http"));
const field_cipher_1 = require("./crypto/field-cipher");
const password_hasher_1 = require("./crypto/password-hasher");
const secrets_1 = require("./crypto/secrets");
const account_service_1 = require("./domain/identity/account.service");
const login_service_1 = require("./domain/identity/login.service");
const two_factor_service_1 = require("./domain/identity/two-factor.service");
const password_reset_service_1 = require("./domain/identity/password-reset.service");
const service_provider_service_1 = require("./domain/federation/service-provider.service");
const school_service_1 = require("./domain/identity/school.service");
const licence_service_1 = require("./domain/licensing/licence.service");
const participant_service_1 = require("./domain/licensing/participant.service");
const data_source_1 = require("./persistence/data-source");
const unavailable_1 = require("./persistence/unavailable");
const storage_faults_1 = require("./persistence/storage-faults");
const app_1 = require("./web/app");
const support_service_1 = require("./domain/identity/support.service");
const metadata_source_1 = require("./net/metadata-source");
const icon_fetcher_1 = require("./net/icon-fetcher");
const background_1 = require("./web/background");
const router_1 = require("./api/router");
const tokens_1 = require("./api/tokens");
const api_client_service_1 = require("./domain/federation/api-client.service");
const import_service_1 = require("./domain/roster/import.service");
const retention_service_1 = require("./domain/roster/retention.service");
const card_token_1 = require("./crypto/card-token");
const guardian_service_1 = require("./domain/identity/guardian.service");
const login_throttle_1 = require("./domain/identity/login-throttle");
const pupil_login_service_1 = require("./domain/identity/pupil-login.service");
const mail_dispatcher_1 = require("./jobs/mail-dispatcher");
const agreement_service_1 = require("./domain/agreements/agreement.service");
const person_records_service_1 = require("./domain/identity/person-records.service");
const maintenance_service_1 = require("./domain/maintenance/maintenance.service");
async function openHub(config, logger, opts = {}) {
    const secrets = await (0, secrets_1.loadSecrets)(config);
    for (const file of secrets.generated)
        logger.info({ file }, 'generated development secret');
    const cipher = new field_cipher_1.FieldCipher(secrets.keyring);
    const pool = { ...config.databasePool, statementTimeoutMs: opts.serving ? config.databasePool.statementTimeoutMs : null };
    const db = await (0, data_source_1.openDatabase)((0, data_source_1.targetFromConfig)(config), cipher, { cache: { logger }, pool });
    const uow = db.unitOfWork;
    const passwordHasher = new password_hasher_1.Argon2idPasswordHasher();
    const loginThrottle = new login_throttle_1.LoginThrottle(db.repositories, (v) => cipher.blindIndex(v, 'login_throttle'));
    const passwordReset = new password_reset_service_1.PasswordResetService(uow, db.repositories, passwordHasher, loginThrottle, config.baseUrl);
    const services = {
        loginThrottle,
        passwordReset,
        support: new support_service_1.SupportService(db.repositories, loginThrottle, passwordReset),
        twoFactor: new two_factor_service_1.TwoFactorService(uow, db.repositories, passwordHasher, loginThrottle, (code) => cipher.blindIndex(code, 'recovery_codes')),
        agreements: new agreement_service_1.AgreementService(uow, db.repositories, config.baseUrl),
        personRecords: new person_records_service_1.PersonRecordsService(uow, db.repositories),
        pupilLogin: new pupil_login_service_1.PupilLoginService(uow, db.repositories, passwordHasher, loginThrottle, new card_token_1.HmacCardTokenSigner(secrets.sessionSecret)),
        guardians: new guardian_service_1.GuardianService(uow, db.repositories, passwordHasher, loginThrottle, config.baseUrl),
        schools: new school_service_1.SchoolService(uow),
        participants: new participant_service_1.ParticipantService(uow, new icon_fetcher_1.HttpIconFetcher(!config.isProduction)),
        licences: new licence_service_1.LicenceService(uow),
        accounts: new account_service_1.AccountService(uow, passwordHasher),
        serviceProviders: new service_provider_service_1.ServiceProviderService(uow),
        apiClients: new api_client_service_1.ApiClientService(uow, db.repositories, passwordHasher, loginThrottle),
        rosterImport: new import_service_1.RosterImportService(uow, passwordHasher),
        retention: new retention_service_1.RetentionService(uow),
        maintenance: new maintenance_service_1.MaintenanceService(uow, db.repositories, config.baseUrl),
    };
    return { config, logger, secrets, db, services, passwordHasher, cipher, close: () => db.close() };
}
/** The configuration a platform operator may see in the console: no secret values, only whether they are set. */
function visibleSettings(c) {
    const set = (v) => (v ? 'ingesteld / set' : 'niet ingesteld / not set');
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
        { name: 'TRUST_PROXY', value: c.trustProxy === false ? 'off' : c.trustProxy.join(', ') },
        { name: 'LOG_LEVEL', value: c.logLevel },
        { name: 'WORKERS', value: c.workers === null ? 'auto' : String(c.workers) },
    ];
}
/** A failure of the database's storage (full disk, read-only) as the operator's message naming where; else null. */
function databaseStorageFault(config, e) {
    return (0, storage_faults_1.asDatabaseStorageFault)(e, config.databaseUrl ? 'postgres' : { dataDir: config.dataDir });
}
async function serve(hub) {
    const idp = {
        idpEntityId: hub.config.idpEntityId,
        ssoUrl: `${hub.config.baseUrl}/saml/sso`,
        sloUrl: `${hub.config.baseUrl}/saml/slo`,
        signingKeys: hub.secrets.samlSigningKeys,
        encryptionKey: hub.secrets.samlEncryption,
        keyring: hub.secrets.keyring,
        repos: hub.db.repositories,
        recorder: hub.db.recorder,
        logger: hub.logger,
    };
    const mail = new mail_dispatcher_1.MailDispatcher(hub.db.repositories.outbox, hub.logger, hub.config.smtpUrl);
    mail.start();
    const background = new background_1.BackgroundWork(hub.logger);
    const app = (0, app_1.buildApp)({
        logger: hub.logger,
        checkDatabase: () => hub.db.ping(),
        translateError: unavailable_1.databaseUnavailable,
        secureTransport: hub.config.baseUrl.startsWith('https://'),
        sessionSecret: hub.secrets.sessionSecret,
        sessions: hub.db.repositories.sessions,
        login: new login_service_1.LoginService(hub.db.repositories, hub.passwordHasher, hub.services.loginThrottle),
        pupilLogin: hub.services.pupilLogin,
        guardians: hub.services.guardians,
        trustProxy: hub.config.trustProxy,
        admin: {
            agreements: hub.services.agreements,
            records: hub.services.personRecords,
            licences: hub.services.licences,
            schools: hub.services.schools,
            accounts: hub.services.accounts,
            rosterImport: hub.services.rosterImport,
            baseUrl: hub.config.baseUrl,
        },
        twoFactor: hub.services.twoFactor,
        passwordReset: hub.services.passwordReset,
        repos: hub.db.repositories,
        sessionIdleMinutes: hub.config.sessionIdleMinutes,
        sessionMaxHours: hub.config.sessionMaxHours,
        idp,
        background,
        maintenance: hub.services.maintenance,
        support: hub.services.support,
        opsPlatform: {
            participants: hub.services.participants,
            serviceProviders: hub.services.serviceProviders,
            fetchMetadata: metadata_source_1.fetchSpMetadata,
            httpOnLoopback: !hub.config.isProduction,
            certsDir: hub.config.certsDir,
            settings: visibleSettings(hub.config),
        },
        api: (0, router_1.apiRoutes)({
            repos: hub.db.repositories,
            keyring: hub.secrets.keyring,
            clients: hub.services.apiClients,
            participants: hub.services.participants,
            licences: hub.services.licences,
            tokens: new tokens_1.TokenService((0, tokens_1.deriveApiTokenKey)(hub.secrets.sessionSecret), hub.config.idpEntityId, `${hub.config.baseUrl}/api/v1`),
        }),
    });
    const server = node_http_1.default.createServer(app);
    // Once stopping, every answer closes its connection: a client on a keep-alive connection moves on to
    // another worker instead of keeping this one busy until the grace time runs out.
    let stopping = false;
    server.prependListener('request', (_req, res) => {
        if (stopping)
            res.setHeader('Connection', 'close');
    });
    await new Promise((resolve, reject) => {
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
        stop: async (graceMs = 0) => {
            stopping = true;
            // Stop accepting; idle keep-alive connections close now, requests in flight may finish within the grace time.
            await new Promise((resolve) => {
                server.close(() => resolve());
                server.closeIdleConnections();
                if (graceMs <= 0)
                    server.closeAllConnections();
                else
                    setTimeout(() => server.closeAllConnections(), graceMs).unref();
            });
            await background.drain();
            await mail.stop();
        },
    };
}
//# sourceMappingURL=main.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConfigError = void 0;
exports.loadConfig = loadConfig;
exports.describeConfig = describeConfig;
exports.loadConfigFromProcess = loadConfigFromProcess;
const node_path_1 = __importDefault(require("node:path"));
const zod_1 = require("zod");
class ConfigError extends Error {
    problems;
    constructor(problems) {
        super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
        this.problems = problems;
        this.name = 'ConfigError';
    }
}
exports.ConfigError = ConfigError;
const optionalText = zod_1.z
    .string()
    .transform((v) => v.trim())
    .transform((v) => (v === '' ? undefined : v))
    .optional();
const envSchema = zod_1.z.object({
    NODE_ENV: zod_1.z.enum(['development', 'test', 'production']).default('development'),
    PORT: zod_1.z.coerce
        .number({ message: 'PORT must be a number' })
        .int('PORT must be a whole number')
        .min(0, 'PORT must be between 0 and 65535')
        .max(65535, 'PORT must be between 0 and 65535')
        .default(3000),
    BASE_URL: optionalText.pipe(zod_1.z.url({ protocol: /^https?$/, message: 'BASE_URL must be an http(s) URL such as https://leerpoort.example.nl' }).optional()),
    DATABASE_URL: optionalText.pipe(zod_1.z
        .string()
        .regex(/^postgres(ql)?:\/\/.+/, 'DATABASE_URL must start with postgres:// or postgresql://')
        .optional()),
    DATA_DIR: optionalText,
    CERTS_DIR: optionalText,
    SMTP_URL: optionalText.pipe(zod_1.z
        .string()
        .regex(/^smtps?:\/\/.+/, 'SMTP_URL must start with smtp:// or smtps://')
        .optional()),
    SESSION_SECRET: optionalText.pipe(zod_1.z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional()),
    DATA_ENCRYPTION_KEY: optionalText,
    TRUST_PROXY: optionalText.pipe(zod_1.z
        .string()
        .regex(/^(false|loopback|linklocal|uniquelocal|[0-9a-fA-F:./]+)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F:./]+))*$/, "TRUST_PROXY must be 'false', 'loopback' or a comma-separated list of proxy addresses/CIDRs (never 'true': the client address decides home access)")
        .optional()),
    LOG_LEVEL: zod_1.z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    SESSION_IDLE_MINUTES: zod_1.z.coerce
        .number({ message: 'SESSION_IDLE_MINUTES must be a number' })
        .int()
        .min(1, 'SESSION_IDLE_MINUTES must be 1–1440')
        .max(1440, 'SESSION_IDLE_MINUTES must be 1–1440')
        .default(30),
    SESSION_MAX_HOURS: zod_1.z.coerce
        .number({ message: 'SESSION_MAX_HOURS must be a number' })
        .int()
        .min(1, 'SESSION_MAX_HOURS must be 1–24')
        .max(24, 'SESSION_MAX_HOURS must be 1–24')
        .default(8),
    WORKERS: zod_1.z.coerce
        .number({ message: 'WORKERS must be a number' })
        .int('WORKERS must be a whole number')
        .min(1, 'WORKERS must be between 1 and 256')
        .max(256, 'WORKERS must be between 1 and 256')
        .optional(),
    SHUTDOWN_GRACE_SECONDS: zod_1.z.coerce
        .number({ message: 'SHUTDOWN_GRACE_SECONDS must be a number' })
        .int()
        .min(1, 'SHUTDOWN_GRACE_SECONDS must be 1–300')
        .max(300, 'SHUTDOWN_GRACE_SECONDS must be 1–300')
        .default(25),
    DATABASE_POOL_SIZE: zod_1.z.coerce
        .number({ message: 'DATABASE_POOL_SIZE must be a number' })
        .int('DATABASE_POOL_SIZE must be a whole number')
        .min(1, 'DATABASE_POOL_SIZE must be between 1 and 200')
        .max(200, 'DATABASE_POOL_SIZE must be between 1 and 200')
        .default(10),
    // A login page that hangs is worse than one that says "try again in a moment": a few seconds of
    // waiting for a connection covers a burst, longer only piles up requests behind a database in trouble.
    DATABASE_POOL_WAIT_SECONDS: zod_1.z.coerce
        .number({ message: 'DATABASE_POOL_WAIT_SECONDS must be a number' })
        .int('DATABASE_POOL_WAIT_SECONDS must be a whole number')
        .min(1, 'DATABASE_POOL_WAIT_SECONDS must be 1–60')
        .max(60, 'DATABASE_POOL_WAIT_SECONDS must be 1–60')
        .default(5),
    // Every statement of a login or an SSO takes milliseconds; 15 s is far beyond any of them yet short
    // enough that a stuck query frees its connection before a user gives up. 0 turns the limit off.
    DATABASE_STATEMENT_TIMEOUT_SECONDS: zod_1.z.coerce
        .number({ message: 'DATABASE_STATEMENT_TIMEOUT_SECONDS must be a number' })
        .int('DATABASE_STATEMENT_TIMEOUT_SECONDS must be a whole number')
        .min(0, 'DATABASE_STATEMENT_TIMEOUT_SECONDS must be 0–3600')
        .max(3600, 'DATABASE_STATEMENT_TIMEOUT_SECONDS must be 0–3600')
        .default(15),
    DEMO_PUBLISHER_PORT: zod_1.z.coerce
        .number({ message: 'DEMO_PUBLISHER_PORT must be a number' })
        .int('DEMO_PUBLISHER_PORT must be a whole number')
        .min(0, 'DEMO_PUBLISHER_PORT must be between 0 and 65535')
        .max(65535, 'DEMO_PUBLISHER_PORT must be between 0 and 65535')
        .optional(),
    LEAVER_GRACE_DAYS: zod_1.z.coerce
        .number({ message: 'LEAVER_GRACE_DAYS must be a number' })
        .int('LEAVER_GRACE_DAYS must be a whole number of days')
        .min(0, 'LEAVER_GRACE_DAYS must be between 0 and 365')
        .max(365, 'LEAVER_GRACE_DAYS must be between 0 and 365')
        .default(90),
});
function loadConfig(env, cwd = process.cwd()) {
    const parsed = envSchema.safeParse(env);
    if (!parsed.success) {
        throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
    }
    const e = parsed.data;
    const problems = [];
    const isProduction = e.NODE_ENV === 'production';
    if (isProduction) {
        if (!e.SESSION_SECRET)
            problems.push('SESSION_SECRET is required when NODE_ENV=production');
        if (!e.DATA_ENCRYPTION_KEY)
            problems.push('DATA_ENCRYPTION_KEY is required when NODE_ENV=production');
        if (!e.DATABASE_URL)
            problems.push('DATABASE_URL is required when NODE_ENV=production (no embedded database in production)');
        if (!e.BASE_URL)
            problems.push('BASE_URL is required when NODE_ENV=production');
        else if (!e.BASE_URL.startsWith('https://'))
            problems.push('BASE_URL must use https:// when NODE_ENV=production');
    }
    // PORT 0 (any free port) has no "next" port: the demo publisher then takes any free port as well.
    const demoPublisherPort = e.DEMO_PUBLISHER_PORT ?? (e.PORT === 0 || e.PORT === 65535 ? 0 : e.PORT + 1);
    if (demoPublisherPort !== 0 && demoPublisherPort === e.PORT)
        problems.push('DEMO_PUBLISHER_PORT must differ from PORT');
    if (problems.length > 0)
        throw new ConfigError(problems);
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
        dataDir: node_path_1.default.resolve(cwd, e.DATA_DIR ?? 'data'),
        certsDir: node_path_1.default.resolve(cwd, e.CERTS_DIR ?? 'certs'),
        smtpUrl: e.SMTP_URL,
        sessionSecret: e.SESSION_SECRET,
        dataEncryptionKey: e.DATA_ENCRYPTION_KEY,
        logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
        leaverGraceDays: e.LEAVER_GRACE_DAYS,
        trustProxy: !e.TRUST_PROXY || e.TRUST_PROXY === 'false' ? false : e.TRUST_PROXY.split(',').map((v) => v.trim()),
        sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
        sessionMaxHours: e.SESSION_MAX_HOURS,
        workers: e.WORKERS ?? null,
        shutdownGraceSeconds: e.SHUTDOWN_GRACE_SECONDS,
        demoPublisher: Object.freeze({ port: demoPublisherPort, host: demoHost }),
    });
}
/** For logs and `leerpoort config`: never prints secrets or credentials inside URLs. */
function describeConfig(config) {
    const redactUrl = (u) => (u ? u.replace(/\/\/[^@/]*@/, '//***@') : undefined);
    return {
        nodeEnv: config.nodeEnv,
        port: config.port,
        baseUrl: config.baseUrl,
        idpEntityId: config.idpEntityId,
        database: config.databaseUrl ? redactUrl(config.databaseUrl) : `embedded PGlite in ${config.dataDir}`,
        databasePool: config.databaseUrl
            ? `${config.databasePool.size} connections, wait ≤ ${config.databasePool.waitMs / 1000} s, statement timeout (serving) ${config.databasePool.statementTimeoutMs === null ? 'none' : `${config.databasePool.statementTimeoutMs / 1000} s`}`
            : undefined,
        certsDir: config.certsDir,
        smtp: config.smtpUrl ? redactUrl(config.smtpUrl) : 'outbox table + log',
        sessionSecret: config.sessionSecret ? 'set' : 'generated in certs dir (development)',
        dataEncryptionKey: config.dataEncryptionKey ? 'set' : 'generated in certs dir (development)',
        logLevel: config.logLevel,
        leaverGraceDays: config.leaverGraceDays,
        trustProxy: config.trustProxy === false ? 'no (socket address)' : config.trustProxy.join(', '),
        workers: config.workers ?? 'one per core',
        demoPublisher: config.isProduction ? undefined : `${config.demoPublisher.host}:${config.demoPublisher.port || 'any free port'}`,
    };
}
/** The process environment, read here and nowhere else. */
function loadConfigFromProcess() {
    return loadConfig(process.env);
}
//# sourceMappingURL=index.js.map
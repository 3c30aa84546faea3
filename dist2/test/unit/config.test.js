"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_path_1 = __importDefault(require("node:path"));
const chai_1 = require("chai");
const config_1 = require("../../src/config");
describe('config: loadConfig', () => {
    it('gives development defaults on an empty environment', () => {
        const c = (0, config_1.loadConfig)({}, '/srv/hub');
        (0, chai_1.expect)(c.port).to.equal(3000);
        (0, chai_1.expect)(c.baseUrl).to.equal('http://localhost:3000');
        (0, chai_1.expect)(c.idpEntityId).to.equal('http://localhost:3000/saml/metadata');
        (0, chai_1.expect)(c.databaseUrl).to.equal(undefined);
        (0, chai_1.expect)(c.dataDir).to.equal(node_path_1.default.join('/srv/hub', 'data'));
        (0, chai_1.expect)(c.certsDir).to.equal(node_path_1.default.join('/srv/hub', 'certs'));
        (0, chai_1.expect)(c.isProduction).to.equal(false);
    });
    it('derives BASE_URL from PORT and strips a trailing slash from an explicit one', () => {
        (0, chai_1.expect)((0, config_1.loadConfig)({ PORT: '8080' }).baseUrl).to.equal('http://localhost:8080');
        (0, chai_1.expect)((0, config_1.loadConfig)({ BASE_URL: 'https://leerpoort.example.nl/' }).idpEntityId).to.equal('https://leerpoort.example.nl/saml/metadata');
    });
    it('database pool: a bounded wait and a statement timeout by default, each configurable (0 turns the timeout off)', () => {
        (0, chai_1.expect)((0, config_1.loadConfig)({}).databasePool).to.deep.equal({ size: 10, waitMs: 5000, statementTimeoutMs: 15000 });
        const c = (0, config_1.loadConfig)({ DATABASE_POOL_SIZE: '4', DATABASE_POOL_WAIT_SECONDS: '2', DATABASE_STATEMENT_TIMEOUT_SECONDS: '30' });
        (0, chai_1.expect)(c.databasePool).to.deep.equal({ size: 4, waitMs: 2000, statementTimeoutMs: 30000 });
        (0, chai_1.expect)((0, config_1.loadConfig)({ DATABASE_STATEMENT_TIMEOUT_SECONDS: '0' }).databasePool.statementTimeoutMs).to.equal(null);
        for (const [name, value] of [
            ['DATABASE_POOL_SIZE', '0'],
            ['DATABASE_POOL_WAIT_SECONDS', '0'],
            ['DATABASE_POOL_WAIT_SECONDS', 'soon'],
            ['DATABASE_STATEMENT_TIMEOUT_SECONDS', '-1'],
        ])
            (0, chai_1.expect)(() => (0, config_1.loadConfig)({ [name]: value }), `${name}=${value}`).to.throw(config_1.ConfigError, name);
    });
    it("demo publisher: PORT+1 on the hub's host by default, DEMO_PUBLISHER_PORT overrides, never the hub's own port", () => {
        (0, chai_1.expect)((0, config_1.loadConfig)({}).demoPublisher).to.deep.equal({ port: 3001, host: 'localhost' });
        (0, chai_1.expect)((0, config_1.loadConfig)({ PORT: '8080', BASE_URL: 'http://127.0.0.1:8080' }).demoPublisher).to.deep.equal({ port: 8081, host: '127.0.0.1' });
        (0, chai_1.expect)((0, config_1.loadConfig)({ DEMO_PUBLISHER_PORT: '4000' }).demoPublisher.port).to.equal(4000);
        (0, chai_1.expect)((0, config_1.loadConfig)({ PORT: '0' }).demoPublisher.port, 'any free port beside a hub on any free port').to.equal(0);
        (0, chai_1.expect)(() => (0, config_1.loadConfig)({ PORT: '3000', DEMO_PUBLISHER_PORT: '3000' })).to.throw(config_1.ConfigError, /DEMO_PUBLISHER_PORT must differ/);
        (0, chai_1.expect)(() => (0, config_1.loadConfig)({ DEMO_PUBLISHER_PORT: 'soon' })).to.throw(config_1.ConfigError, /DEMO_PUBLISHER_PORT/);
    });
    it('returns a frozen object', () => {
        const c = (0, config_1.loadConfig)({});
        (0, chai_1.expect)(Object.isFrozen(c)).to.equal(true);
        (0, chai_1.expect)(() => {
            c.port = 1;
        }).to.throw(TypeError);
    });
    it('reports every bad value at once', () => {
        try {
            (0, config_1.loadConfig)({ PORT: 'abc', BASE_URL: 'ftp://x', DATABASE_URL: 'mysql://x', SMTP_URL: 'http://mail', NODE_ENV: 'staging' });
            chai_1.expect.fail('should throw');
        }
        catch (e) {
            (0, chai_1.expect)(e).to.be.instanceOf(config_1.ConfigError);
            const problems = e.problems.join('\n');
            for (const name of ['PORT', 'BASE_URL', 'DATABASE_URL', 'SMTP_URL', 'NODE_ENV'])
                (0, chai_1.expect)(problems).to.contain(name);
        }
    });
    it('rejects an out-of-range port', () => {
        (0, chai_1.expect)(() => (0, config_1.loadConfig)({ PORT: '70000' })).to.throw(config_1.ConfigError, /PORT/);
    });
    it('in production requires SESSION_SECRET, DATA_ENCRYPTION_KEY, DATABASE_URL and an https BASE_URL, all reported together', () => {
        try {
            (0, config_1.loadConfig)({ NODE_ENV: 'production', BASE_URL: 'http://hub.example.nl' });
            chai_1.expect.fail('should throw');
        }
        catch (e) {
            const problems = e.problems.join('\n');
            (0, chai_1.expect)(problems).to.contain('SESSION_SECRET').and.contain('DATA_ENCRYPTION_KEY').and.contain('DATABASE_URL').and.contain('https');
        }
        const ok = (0, config_1.loadConfig)({
            NODE_ENV: 'production',
            BASE_URL: 'https://hub.example.nl',
            SESSION_SECRET: 'x'.repeat(40),
            DATA_ENCRYPTION_KEY: 'k1:' + Buffer.alloc(32).toString('base64'),
            DATABASE_URL: 'postgres://u:p@db/leerpoort',
        });
        (0, chai_1.expect)(ok.isProduction).to.equal(true);
    });
    it('reads LEAVER_GRACE_DAYS (default 90) and refuses a value outside 0–365', () => {
        (0, chai_1.expect)((0, config_1.loadConfig)({}).leaverGraceDays).to.equal(90);
        (0, chai_1.expect)((0, config_1.loadConfig)({ LEAVER_GRACE_DAYS: '30' }).leaverGraceDays).to.equal(30);
        (0, chai_1.expect)(() => (0, config_1.loadConfig)({ LEAVER_GRACE_DAYS: '400' })).to.throw(config_1.ConfigError, /LEAVER_GRACE_DAYS/);
    });
    it('refuses a short SESSION_SECRET', () => {
        (0, chai_1.expect)(() => (0, config_1.loadConfig)({ SESSION_SECRET: 'short' })).to.throw(config_1.ConfigError, /SESSION_SECRET/);
    });
    it('describeConfig never shows secrets or database passwords', () => {
        const c = (0, config_1.loadConfig)({
            DATABASE_URL: 'postgres://hub:s3cret-pw@db:5432/lp',
            SESSION_SECRET: 'y'.repeat(40),
            DATA_ENCRYPTION_KEY: 'k1:secretkeymaterial',
        });
        const text = JSON.stringify((0, config_1.describeConfig)(c));
        (0, chai_1.expect)(text).not.to.contain('s3cret-pw').and.not.to.contain('yyyy').and.not.to.contain('secretkeymaterial');
        (0, chai_1.expect)(text).to.contain('postgres://***@db:5432/lp');
    });
});
//# sourceMappingURL=config.test.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_saml_1 = require("@node-saml/node-saml");
const chai_1 = require("chai");
const pg_1 = require("pg");
const namespaces_1 = require("../../src/saml/xml/namespaces");
const db_proxy_1 = require("../support/db-proxy");
const federation_1 = require("../support/federation");
const hub_1 = require("../support/hub");
const postgres_1 = require("../support/postgres");
/** The hub's answer while its database cannot serve: 503, Retry-After, the Dutch/English page — never a Response. */
function expectUnavailablePage(res, what) {
    (0, chai_1.expect)(res.status, `${what}: status`).to.equal(503);
    (0, chai_1.expect)(Number(res.headers.get('retry-after')), `${what}: Retry-After`).to.be.within(1, 60);
    (0, chai_1.expect)(res.headers.get('content-type'), `${what}: an HTML page`).to.match(/^text\/html/);
    (0, chai_1.expect)(res.body, `${what}: Dutch`).to.contain('Tijdelijk niet beschikbaar');
    (0, chai_1.expect)(res.body, `${what}: English`).to.contain('Temporarily unavailable');
    (0, chai_1.expect)(res.body, `${what}: no SAML message`).not.to.match(/SAMLResponse|Assertion/);
}
/**
 * The database failing under a running hub (PostgreSQL behind a TCP proxy the test cuts, so the shared
 * cluster keeps running): unreachable, a connect that never completes, every pool connection busy, a
 * query that waits too long. Each time every page and SAML endpoint answers 503 with Retry-After (JSON
 * for the API), the process stays healthy, and once the database is back the hub serves again at once.
 */
describe('database faults: 503 with Retry-After, then serving again (PostgreSQL through a cuttable proxy)', function () {
    this.timeout(120_000);
    const entityId = 'https://faults.example/sp';
    let proxy;
    let t;
    let school;
    let sp;
    let directUrl = '';
    before(async function () {
        if (await (0, postgres_1.postgresProblem)())
            return (0, hub_1.startTestHub)(this, 'db_faults'); // skips (or fails under CI) with the reason
        directUrl = (0, postgres_1.siblingDatabaseUrl)('_db_faults');
        proxy = await db_proxy_1.DbProxy.start(directUrl);
        t = await (0, hub_1.startTestHub)(this, 'db_faults', {
            DATABASE_URL: proxy.urlFor(directUrl),
            DATABASE_POOL_SIZE: '2',
            DATABASE_POOL_WAIT_SECONDS: '1',
            DATABASE_STATEMENT_TIMEOUT_SECONDS: '2',
        });
        school = await (0, federation_1.seedSchool)(t.hub, { brin: '82KK', participant: 'Uitgeverij F' });
        const keys = await (0, federation_1.testSpKeys)();
        sp = new node_saml_1.SAML({
            entryPoint: `${t.baseUrl}/saml/sso`,
            issuer: entityId,
            callbackUrl: 'http://127.0.0.1:9/f/acs',
            idpCert: t.hub.secrets.samlSigning.certificatePem,
            audience: entityId,
            privateKey: keys.signing.privateKeyPem,
            publicCert: keys.signing.certificatePem,
            signatureAlgorithm: 'sha256',
            digestAlgorithm: 'sha256',
            identifierFormat: namespaces_1.NAMEID_FORMAT.persistent,
            wantAssertionsSigned: true,
            disableRequestedAuthnContext: true,
        });
        await (0, federation_1.registerSp)(t.hub, 'Uitgeverij F', sp.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
            attributes: ['givenName'],
        });
    });
    // A failed test must not leave the next one without its database.
    afterEach(async () => proxy?.restore());
    after(async () => {
        await t?.stop();
        await proxy?.close();
    });
    const ssoUrl = () => sp.getAuthorizeUrlAsync('', undefined, {});
    const sso = async (browser) => browser.request(await ssoUrl());
    async function loggedIn() {
        const browser = new hub_1.Browser();
        (0, chai_1.expect)((await browser.passwordLogin(t.baseUrl, school.pupil.username, school.pupil.password)).status).to.equal(303);
        (0, chai_1.expect)((await sso(browser)).body).to.contain('SAMLResponse');
        return browser;
    }
    /** Until SSO gives a Response again: how long that took. */
    async function untilSsoWorks(browser, limitMs) {
        const start = Date.now();
        for (;;) {
            const res = await sso(browser).catch(() => null);
            if (res?.status === 200 && res.body.includes('SAMLResponse'))
                return Date.now() - start;
            if (res)
                (0, chai_1.expect)(res.status, 'while recovering: only 503s').to.equal(503);
            if (Date.now() - start > limitMs)
                throw new Error(`SSO did not work again within ${limitMs} ms (last: ${res?.status})`);
            await new Promise((r) => setTimeout(r, 100));
        }
    }
    it('PostgreSQL unreachable: every page and SAML endpoint answers 503 with Retry-After, /readyz 503; back within 5 s', async () => {
        const browser = await loggedIn();
        await proxy.cut('refuse');
        const answers = [];
        for (let i = 0; i < 5; i++)
            answers.push([`SSO ${i + 1} with a live session`, await sso(browser)]);
        answers.push(['SSO without a session', await sso(new hub_1.Browser())]);
        answers.push(['portal', await browser.request(`${t.baseUrl}/portal`)]);
        answers.push(['SLO', await browser.request(`${t.baseUrl}/saml/slo?SAMLRequest=x`)]);
        for (const [what, res] of answers)
            expectUnavailablePage(res, what);
        const api = await new hub_1.Browser().request(`${t.baseUrl}/api/v1/oauth/token`, {
            form: { grant_type: 'client_credentials', client_id: 'c', client_secret: 's' },
        });
        (0, chai_1.expect)(api.status, 'API').to.equal(503);
        (0, chai_1.expect)(api.headers.get('retry-after'), 'API Retry-After').to.match(/^\d+$/);
        (0, chai_1.expect)(JSON.parse(api.body)).to.include({ error: 'unavailable' });
        const ready = await new hub_1.Browser().request(`${t.baseUrl}/readyz`);
        (0, chai_1.expect)(ready.status, '/readyz').to.equal(503);
        (0, chai_1.expect)((await new hub_1.Browser().request(`${t.baseUrl}/healthz`)).status, '/healthz: the process is fine').to.equal(200);
        // A change made directly in PostgreSQL while the hub cannot hear the change notifications: once back,
        // the hub must not answer from what it cached before (the feed listens again, the caches start over).
        const direct = new pg_1.Client({ connectionString: directUrl });
        await direct.connect();
        const activation = (enabled) => direct.query(`UPDATE activations SET enabled = $1 WHERE school_id = (SELECT id FROM schools WHERE brin = '82KK')
            AND participant_id = (SELECT id FROM participants WHERE name = 'Uitgeverij F')`, [enabled]);
        try {
            await activation(false);
            await proxy.restore();
            const restored = Date.now();
            let res = await sso(browser);
            while (res.status === 503 && Date.now() - restored < 5000)
                res = await sso(browser);
            (0, chai_1.expect)(res.status, 'the deactivation made during the outage holds').to.equal(403);
            (0, chai_1.expect)(Date.now() - restored, 'ms until the hub answers again').to.be.below(5000);
            await activation(true);
            await t.hub.db.settled(); // this process has heard it
        }
        finally {
            await direct.end();
        }
        (0, chai_1.expect)(await untilSsoWorks(browser, 5000), 'ms until SSO works again').to.be.below(5000);
        (0, chai_1.expect)((await new hub_1.Browser().request(`${t.baseUrl}/readyz`)).status).to.equal(200);
    });
    it('the connection dropped mid-query (an SSO waiting in the group commit): 503, never the Response', async () => {
        const browser = await loggedIn();
        const locker = new pg_1.Client({ connectionString: directUrl });
        await locker.connect();
        try {
            // The ledger write waits behind another session's lock: the Response is built and signed, not yet recorded.
            await locker.query('BEGIN');
            await locker.query('LOCK TABLE release_ledger IN ACCESS EXCLUSIVE MODE');
            const pending = sso(browser);
            await new Promise((r) => setTimeout(r, 500));
            await proxy.cut('refuse');
            expectUnavailablePage(await pending, 'SSO whose ledger write lost its connection');
            await locker.query('ROLLBACK');
        }
        finally {
            await locker.end();
        }
        await proxy.restore();
        (0, chai_1.expect)(await untilSsoWorks(browser, 5000)).to.be.below(5000);
    });
    it('a connect that never completes: 503 within the pool wait, then serving again', async () => {
        const browser = await loggedIn();
        await proxy.cut('hang');
        const start = Date.now();
        const res = await sso(browser);
        const took = Date.now() - start;
        expectUnavailablePage(res, 'SSO while connects hang');
        (0, chai_1.expect)(took, 'ms: bounded by DATABASE_POOL_WAIT_SECONDS=1').to.be.below(2500);
        await proxy.restore();
        (0, chai_1.expect)(await untilSsoWorks(browser, 5000)).to.be.below(5000);
    });
    it('every pool connection busy: 503 within the pool wait; the process stays healthy and serves afterwards', async () => {
        const browser = await loggedIn();
        // DATABASE_POOL_SIZE=2: two long statements hold both connections.
        const holds = [1, 2].map(() => t.hub.db.dataSource.query('SELECT pg_sleep(1.6)'));
        await new Promise((r) => setTimeout(r, 150));
        const start = Date.now();
        const res = await sso(browser);
        const took = Date.now() - start;
        expectUnavailablePage(res, 'SSO with the pool exhausted');
        (0, chai_1.expect)(took, 'ms: about DATABASE_POOL_WAIT_SECONDS=1').to.be.within(800, 1500);
        await Promise.all(holds);
        (0, chai_1.expect)((await new hub_1.Browser().request(`${t.baseUrl}/healthz`)).status).to.equal(200);
        (0, chai_1.expect)((await sso(browser)).body).to.contain('SAMLResponse');
    });
    it('a query that waits too long is cut off by the statement timeout: 503, and requests succeed afterwards', async () => {
        const browser = await loggedIn();
        const locker = new pg_1.Client({ connectionString: directUrl });
        await locker.connect();
        let released = Promise.resolve();
        try {
            // Another session holds the sessions table: the hub's session read waits (as behind a slow migration or a long report).
            await locker.query('BEGIN');
            await locker.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
            released = new Promise((r) => setTimeout(r, 4500)).then(() => locker.query('ROLLBACK'));
            const start = Date.now();
            const res = await sso(browser);
            const took = Date.now() - start;
            expectUnavailablePage(res, 'SSO behind a lock');
            (0, chai_1.expect)(took, 'ms: DATABASE_STATEMENT_TIMEOUT_SECONDS=2').to.be.within(1800, 4000);
            await released;
        }
        finally {
            await released.catch(() => undefined);
            await locker.end();
        }
        (0, chai_1.expect)((await new hub_1.Browser().request(`${t.baseUrl}/healthz`)).status).to.equal(200);
        (0, chai_1.expect)((await sso(browser)).body).to.contain('SAMLResponse');
    });
});
//# sourceMappingURL=database-faults.test.js.map
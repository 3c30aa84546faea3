"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const node_child_process_1 = require("node:child_process");
const node_saml_1 = require("@node-saml/node-saml");
const chai_1 = require("chai");
const namespaces_1 = require("../../src/saml/xml/namespaces");
const cli_1 = require("../support/cli");
const env_1 = require("../support/env");
const federation_1 = require("../support/federation");
const hub_1 = require("../support/hub");
/**
 * `serve` as it runs in production: a primary and a worker per core on PostgreSQL, next to a second hub
 * process (this test's own). Caches are dropped everywhere within a second of a change made elsewhere,
 * a dying worker is replaced without losing a ledger row of any Response a client received, a logout
 * holds on every worker at once, and SIGTERM lets requests in flight finish.
 */
describe('serve on several workers beside another hub process (PostgreSQL)', function () {
    this.timeout(120_000);
    let t;
    let school;
    let sp;
    let serveProc;
    let base = '';
    let env = {};
    const entityId = 'https://workers.example/sp';
    before(async function () {
        t = await (0, hub_1.startTestHub)(this, 'serve_workers');
        school = await (0, federation_1.seedSchool)(t.hub, { brin: '81JJ', participant: 'Uitgeverij W' });
        const keys = await (0, federation_1.testSpKeys)();
        const port = await (0, hub_1.freePort)();
        base = `http://127.0.0.1:${port}`;
        sp = new node_saml_1.SAML({
            entryPoint: `${base}/saml/sso`,
            issuer: entityId,
            callbackUrl: 'http://127.0.0.1:9/w/acs',
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
        await (0, federation_1.registerSp)(t.hub, 'Uitgeverij W', sp.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
            attributes: ['givenName'],
        });
        env = {
            NODE_ENV: 'test',
            PORT: String(port),
            BASE_URL: base,
            DATABASE_URL: t.hub.config.databaseUrl,
            CERTS_DIR: t.certsDir,
            DATA_ENCRYPTION_KEY: env_1.TEST_KEYRING_TEXT,
            LOG_LEVEL: 'warn',
            SHUTDOWN_GRACE_SECONDS: '10',
        };
        serveProc = await startWorkers();
    });
    after(async () => {
        if (serveProc)
            await (0, cli_1.stopChild)(serveProc);
        await t?.stop();
    });
    async function startWorkers() {
        const { child } = await (0, cli_1.startServe)(['--workers', '2'], env);
        for (let i = 0; i < 100 &&
            !(await fetch(`${base}/healthz`).then((r) => r.ok, () => false)); i++)
            await new Promise((r) => setTimeout(r, 100));
        return child;
    }
    const workerPids = (primary) => (0, node_child_process_1.execFileSync)('pgrep', ['-P', String(primary)])
        .toString()
        .trim()
        .split('\n')
        .filter(Boolean)
        .map(Number);
    const ssoUrl = () => sp.getAuthorizeUrlAsync('', undefined, {});
    async function loggedIn() {
        const browser = new hub_1.Browser();
        (0, chai_1.expect)((await browser.passwordLogin(base, school.pupil.username, school.pupil.password)).status).to.equal(303);
        return browser;
    }
    it('a change made in another process (deactivation) refuses the next SSO on every worker within a second', async () => {
        const browser = await loggedIn();
        // Warm every worker's cache: the cluster hands connections to the workers in turn.
        for (let i = 0; i < 6; i++)
            (0, chai_1.expect)((await new hub_1.Browser().request(`${base}/healthz`)).status).to.equal(200);
        for (let i = 0; i < 6; i++)
            (0, chai_1.expect)((await browser.request(await ssoUrl())).body).to.contain('SAMLResponse');
        await t.hub.services.licences.setActivation({ brin: '81JJ', participantName: 'Uitgeverij W', enabled: false }, federation_1.ACTOR);
        const changed = Date.now();
        let refusedAt = 0;
        while (Date.now() - changed < 3000) {
            const res = await browser.request(await ssoUrl());
            if (res.status === 403 && res.body.includes('niet (meer)') === false && res.body.includes('Geen toegang')) {
                refusedAt ||= Date.now();
                // once refused, refused on every worker (several requests in a row)
                const more = await Promise.all(Array.from({ length: 6 }, async () => {
                    await new hub_1.Browser().request(`${base}/healthz`);
                    return browser.request(await ssoUrl());
                }));
                (0, chai_1.expect)(more.every((r) => r.status === 403), 'every worker refuses').to.equal(true);
                break;
            }
        }
        (0, chai_1.expect)(refusedAt, 'refused at all').to.be.greaterThan(0);
        (0, chai_1.expect)(refusedAt - changed, 'within a second').to.be.below(1000);
        await t.hub.services.licences.setActivation({ brin: '81JJ', participantName: 'Uitgeverij W', enabled: true }, federation_1.ACTOR);
        await new Promise((r) => setTimeout(r, 300));
        (0, chai_1.expect)((await browser.request(await ssoUrl())).body).to.contain('SAMLResponse');
    });
    it('a worker killed under load is replaced; every Response a client received has its ledger row and audit entry', async () => {
        const browser = await loggedIn();
        const received = [];
        let _failures = 0;
        let stop = false;
        const client = async () => {
            while (!stop) {
                try {
                    const res = await browser.request(await ssoUrl());
                    if (res.status === 200 && res.body.includes('SAMLResponse')) {
                        const xml = Buffer.from((0, hub_1.readPostForm)(res.body).fields.SAMLResponse, 'base64').toString();
                        received.push(/InResponseTo="([^"]+)"/.exec(xml)[1]);
                    }
                    else
                        _failures++;
                }
                catch {
                    _failures++; // the connection of the killed worker
                }
            }
        };
        const clients = Array.from({ length: 6 }, client);
        await new Promise((r) => setTimeout(r, 800));
        const [victim] = workerPids(serveProc.pid);
        process.kill(victim, 'SIGKILL');
        await new Promise((r) => setTimeout(r, 2500));
        stop = true;
        await Promise.all(clients);
        (0, chai_1.expect)(received.length).to.be.greaterThan(10);
        const audited = new Set((await t.hub.db.dataSource.query("SELECT details->>'inResponseTo' AS id FROM audit_events WHERE action = 'saml.sso.success' AND details->>'inResponseTo' = ANY($1::text[])", [received])).map((r) => r.id));
        (0, chai_1.expect)(received.filter((id) => !audited.has(id)), 'Responses without their audit entry').to.deep.equal([]);
        const [ledger] = await t.hub.db.dataSource.query('SELECT count(*)::int AS n FROM release_ledger l JOIN service_providers s ON s.id = l.service_provider_id WHERE s.entity_id = $1', [entityId]);
        (0, chai_1.expect)(ledger.n, 'a ledger row for each (written in the same statement)').to.be.at.least(received.length);
        const pids = workerPids(serveProc.pid);
        (0, chai_1.expect)(pids).to.have.length(2);
        (0, chai_1.expect)(pids).not.to.include(victim);
        (0, chai_1.expect)((await browser.request(await ssoUrl())).body, 'the replacement serves').to.contain('SAMLResponse');
    });
    it('a logout holds on every worker at once', async () => {
        const browser = await loggedIn();
        for (let i = 0; i < 4; i++)
            (0, chai_1.expect)((await browser.request(await ssoUrl())).body).to.contain('SAMLResponse');
        const out = await browser.submit(`${base}/logout`, {}, `${base}/portal`);
        (0, chai_1.expect)(out.status).to.be.oneOf([200, 303]);
        const after = await Promise.all(Array.from({ length: 8 }, async () => browser.request(await ssoUrl())));
        (0, chai_1.expect)(after.map((r) => r.status), 'every worker sends the user to the login').to.deep.equal(Array(8).fill(303));
    });
    it('SIGTERM under load: requests in flight finish, nothing is cut off, the processes exit within the grace time', async () => {
        const browser = await loggedIn();
        const outcomes = [];
        let stop = false;
        // As a browser does: a request that met a keep-alive connection just as the server closed it (it never
        // reached the hub) is sent again, on another connection.
        const once = async (url, tries = 0) => {
            try {
                const res = await browser.request(url);
                return res.status === 200 && res.body.includes('SAMLResponse') ? 'ok' : `status ${res.status}`;
            }
            catch (e) {
                const code = e.cause?.code ?? 'error';
                return tries < 6 && (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') ? once(url, tries + 1) : code;
            }
        };
        const client = async () => {
            while (!stop) {
                const outcome = await once(await ssoUrl());
                outcomes.push(outcome);
                if (outcome === 'ECONNREFUSED')
                    return; // the server stopped accepting: expected after the signal
            }
        };
        const clients = Array.from({ length: 6 }, client);
        await new Promise((r) => setTimeout(r, 700));
        const started = Date.now();
        const exited = new Promise((resolve) => serveProc.once('exit', resolve));
        serveProc.kill('SIGTERM');
        const code = await exited;
        const tookMs = Date.now() - started;
        stop = true;
        await Promise.all(clients);
        serveProc = null;
        (0, chai_1.expect)(code).to.equal(0);
        (0, chai_1.expect)(tookMs, 'within the grace time').to.be.below(10_000);
        const bad = outcomes.filter((o) => o !== 'ok' && o !== 'ECONNREFUSED');
        (0, chai_1.expect)(bad, `no request cut off or failed (${outcomes.length} requests)`).to.deep.equal([]);
        (0, chai_1.expect)(outcomes.filter((o) => o === 'ok').length).to.be.greaterThan(5);
    });
});
//# sourceMappingURL=serve-workers.test.js.map
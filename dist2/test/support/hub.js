"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.Browser = void 0;
exports.freePort = freePort;
exports.startTestHub = startTestHub;
exports.csrfOf = csrfOf;
exports.decodeHtml = decodeHtml;
exports.readPostForm = readPostForm;
exports.loginThroughSso = loginThroughSso;
const node_fs_1 = __importDefault(require("node:fs"));
const node_net_1 = __importDefault(require("node:net"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const config_1 = require("../../src/config");
const logger_1 = require("../../src/logger");
const main_1 = require("../../src/main");
const env_1 = require("./env");
const postgres_1 = require("./postgres");
async function freePort() {
    return new Promise((resolve, reject) => {
        const srv = node_net_1.default.createServer();
        srv.listen(0, '127.0.0.1', () => {
            const port = srv.address().port;
            srv.close(() => resolve(port));
        });
        srv.on('error', reject);
    });
}
/**
 * A real hub on a real port, as CI runs it: over real PostgreSQL (database `leerpoort_test_<suffix>`), or
 * over the embedded PGlite in a fresh data folder (`backend: 'pglite'`, as `npm start` runs it). Without
 * PostgreSQL (and without CI=true) a PostgreSQL suite is skipped with the reason.
 */
async function startTestHub(ctx, suffix, extraEnv = {}, backend = 'postgres') {
    let database;
    if (backend === 'postgres') {
        const problem = await (0, postgres_1.postgresProblem)();
        if (problem) {
            if (env_1.testEnv.isCI)
                throw new Error(`CI=true requires PostgreSQL: ${problem}`);
            postgres_1.skippedSuites.add(`${ctx.test?.parent?.title ?? suffix}: ${problem}`);
            ctx.skip();
        }
        const url = (0, postgres_1.siblingDatabaseUrl)(`_${suffix}`);
        await (0, postgres_1.resetPostgresDatabase)(url);
        database = { DATABASE_URL: url };
    }
    else {
        database = { DATA_DIR: node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-hub-data-')) };
    }
    const port = await freePort();
    const certsDir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-hub-certs-'));
    const config = (0, config_1.loadConfig)({
        NODE_ENV: 'test',
        PORT: String(port),
        BASE_URL: `http://127.0.0.1:${port}`,
        ...database,
        CERTS_DIR: certsDir,
        DATA_ENCRYPTION_KEY: env_1.TEST_KEYRING_TEXT,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        ...extraEnv,
    });
    const hub = await (0, main_1.openHub)(config, (0, logger_1.createLogger)(config, 2), { serving: true });
    await hub.db.migrate();
    const server = await (0, main_1.serve)(hub);
    return {
        hub,
        server,
        baseUrl: config.baseUrl,
        certsDir,
        async stop() {
            await server.stop();
            await hub.close();
        },
    };
}
/**
 * A minimal browser: keeps cookies, never follows redirects by itself. `forwardedFor`: the client address
 * it claims through X-Forwarded-For — honoured only by a hub started with TRUST_PROXY=loopback.
 */
class Browser {
    forwardedFor;
    cookies = new Map();
    constructor(forwardedFor) {
        this.forwardedFor = forwardedFor;
    }
    async request(url, init = {}) {
        const headers = {
            ...(this.forwardedFor ? { 'x-forwarded-for': this.forwardedFor } : {}),
            ...(init.headers ?? {}),
        };
        if (this.cookies.size)
            headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
        let body;
        if (init.form) {
            headers['content-type'] = 'application/x-www-form-urlencoded';
            body = new URLSearchParams(init.form).toString();
        }
        const res = await fetch(url, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
        for (const c of res.headers.getSetCookie()) {
            const [pair] = c.split(';');
            const eq = pair.indexOf('=');
            this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
        const location = res.headers.get('location');
        return {
            status: res.status,
            headers: res.headers,
            body: await res.text(),
            location: location ? new URL(location, url).toString() : null,
        };
    }
    /**
     * Posts a form as a user does: first the page that carries the CSRF token (`csrfFrom`, by default the
     * form's own URL), then the form with that token.
     */
    async submit(url, fields, csrfFrom = url) {
        const page = await this.request(csrfFrom);
        return this.request(url, { form: { _csrf: csrfOf(page.body), ...fields } });
    }
    /** The password step of /login (`baseUrl` is the hub's). */
    passwordLogin(baseUrl, username, password, returnTo = '/portal') {
        return this.submit(`${baseUrl}/login`, { return: returnTo, username, password });
    }
    setCookie(name, value) {
        this.cookies.set(name, value);
    }
    cookie(name) {
        return this.cookies.get(name);
    }
    hasSession() {
        return this.cookies.has('leerpoort.sid');
    }
    forgetCookies() {
        this.cookies.clear();
    }
}
exports.Browser = Browser;
/** The CSRF token of a page's form. */
function csrfOf(html) {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m)
        throw new Error(`no CSRF token in the page:\n${html.slice(0, 400)}`);
    return m[1];
}
function decodeHtml(s) {
    return s
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
}
/** Reads an auto-post form (HTTP-POST binding page). */
function readPostForm(html) {
    const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
    if (!action)
        throw new Error(`no form in page:\n${html.slice(0, 600)}`);
    const fields = {};
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
        fields[m[1]] = decodeHtml(m[2]);
    return { action: decodeHtml(action), fields };
}
/** Follows an SSO start URL through login to the auto-post page; returns the posted form. */
async function loginThroughSso(browser, startUrl, username, password, init = {}) {
    let res = await browser.request(startUrl, init);
    if (res.status === 303 && res.location?.includes('/login')) {
        const loginPage = await browser.request(res.location);
        const returnTo = /name="return" value="([^"]+)"/.exec(loginPage.body)?.[1];
        if (!returnTo)
            throw new Error(`no login form:\n${loginPage.body.slice(0, 500)}`);
        const base = new URL(startUrl).origin;
        res = await browser.request(`${base}/login`, {
            form: { _csrf: csrfOf(loginPage.body), return: decodeHtml(returnTo), username, password },
        });
        if (res.status !== 303)
            return { res, form: null };
        res = await browser.request(res.location);
    }
    if (res.status !== 200 || !res.body.includes('id="saml"'))
        return { res, form: null };
    return { res, form: readPostForm(res.body) };
}
//# sourceMappingURL=hub.js.map
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { type Hub, openHub, type RunningServer, serve } from '../../src/main';
import { totpCode } from './browser-pages';
import { TEST_KEYRING_TEXT, testEnv } from './env';
import { type Backend, migratedPGliteDataDir, postgresProblem, resetPostgresDatabase, siblingDatabaseUrl, skippedSuites } from './postgres';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export interface TestHub {
  hub: Hub;
  server: RunningServer;
  baseUrl: string;
  certsDir: string;
  stop(): Promise<void>;
}

/**
 * A real hub on a real port, as CI runs it: over real PostgreSQL (database `leerpoort_test_<suffix>`), or
 * over the embedded PGlite in a fresh data folder (`backend: 'pglite'`, as `npm start` runs it; a copy of
 * one migrated once, where `migrate` finds nothing to do). Without PostgreSQL (and without CI=true) a
 * PostgreSQL suite is skipped with the reason.
 */
export async function startTestHub(
  ctx: Mocha.Context,
  suffix: string,
  extraEnv: Record<string, string> = {},
  backend: Backend = 'postgres',
  /** Where the hub's JSON log goes (default: stderr, at TEST_LOG_LEVEL or silent). */
  logTo?: { write(line: string): void },
): Promise<TestHub> {
  let database: Record<string, string>;
  if (backend === 'postgres') {
    const problem = await postgresProblem();
    if (problem) {
      if (testEnv.isCI) throw new Error(`CI=true requires PostgreSQL: ${problem}`);
      skippedSuites.add(`${ctx.test?.parent?.title ?? suffix}: ${problem}`);
      ctx.skip();
    }
    const url = siblingDatabaseUrl(`_${suffix}`);
    await resetPostgresDatabase(url);
    database = { DATABASE_URL: url };
  } else {
    database = { DATA_DIR: await migratedPGliteDataDir() };
  }
  const port = await freePort();
  const certsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-hub-certs-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    BASE_URL: `http://127.0.0.1:${port}`,
    ...database,
    CERTS_DIR: certsDir,
    DATA_ENCRYPTION_KEY: TEST_KEYRING_TEXT,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...extraEnv,
  });
  const hub = await openHub(config, createLogger(config, logTo ?? 2), { serving: true });
  await hub.db.migrate();
  const server = await serve(hub);
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
export class Browser {
  private cookies = new Map<string, string>();

  constructor(readonly forwardedFor?: string) {}

  /** The Cookie header this browser sends (for a request it cannot make itself, e.g. a file upload). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(
    url: string,
    init: { method?: string; form?: Record<string, string | readonly string[]>; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; headers: Headers; body: string; location: string | null }> {
    const headers: Record<string, string> = {
      ...(this.forwardedFor ? { 'x-forwarded-for': this.forwardedFor } : {}),
      ...(init.headers ?? {}),
    };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      // A field given as a list is sent once per value, as a browser sends checked boxes of one name.
      body = new URLSearchParams(
        Object.entries(init.form).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : v.map((one) => [k, one]))),
      ).toString();
    }
    const res = await fetch(url, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
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
  async submit(url: string, fields: Record<string, string | readonly string[]>, csrfFrom = url) {
    const page = await this.request(csrfFrom);
    return this.request(url, { form: { _csrf: csrfOf(page.body), ...fields } });
  }

  /**
   * Posts a multipart form (a file upload) with this browser's cookies, as a browser sends one; `file`
   * is sent under its field name with the given file name.
   */
  async upload(
    url: string,
    fields: Record<string, string>,
    file?: { field: string; name: string; content: string | Buffer; type?: string },
  ): Promise<{ status: number; body: string; location: string | null }> {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    if (file)
      body.set(
        file.field,
        new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)], {
          type: file.type ?? 'application/xml',
        }),
        file.name,
      );
    const res = await fetch(url, { method: 'POST', body, headers: { cookie: this.cookieHeader() }, redirect: 'manual' });
    const location = res.headers.get('location');
    return { status: res.status, body: await res.text(), location: location ? new URL(location, url).toString() : null };
  }

  /** The password step of /login (`baseUrl` is the hub's). */
  passwordLogin(baseUrl: string, username: string, password: string, returnTo = '/portal') {
    return this.submit(`${baseUrl}/login`, { return: returnTo, username, password });
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  hasSession(): boolean {
    return this.cookies.has('leerpoort.sid');
  }

  forgetCookies(): void {
    this.cookies.clear();
  }
}

/**
 * Logs in over HTTP someone who must set up a second factor (delegate, operator): password, then TOTP
 * enrolment with the key the page shows. Returns the logged-in browser and the key.
 */
export async function loginEnrollingTotp(
  baseUrl: string,
  username: string,
  password: string,
): Promise<{ browser: Browser; secret: string }> {
  const browser = new Browser();
  const first = await browser.passwordLogin(baseUrl, username, password);
  if (first.location !== `${baseUrl}/login/2fa/setup`)
    throw new Error(`expected the TOTP enrolment, got ${first.status} ${first.location}`);
  const page = await browser.request(`${baseUrl}/login/2fa/setup`);
  const secret = /id="totp-secret">([A-Z2-7]+)</.exec(page.body)![1]!;
  const done = await browser.request(`${baseUrl}/login/2fa/setup`, { form: { _csrf: csrfOf(page.body), code: totpCode(secret) } });
  if (done.status !== 200) throw new Error(`TOTP enrolment failed: ${done.status}`);
  return { browser, secret };
}

/** The CSRF token of a page's form. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error(`no CSRF token in the page:\n${html.slice(0, 400)}`);
  return m[1]!;
}

export function decodeHtml(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Reads an auto-post form (HTTP-POST binding page). */
export function readPostForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in page:\n${html.slice(0, 600)}`);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]!] = decodeHtml(m[2]!);
  return { action: decodeHtml(action), fields };
}

/** Follows an SSO start URL through login to the auto-post page; returns the posted form. */
export async function loginThroughSso(
  browser: Browser,
  startUrl: string,
  username: string,
  password: string,
  init: { form?: Record<string, string> } = {},
) {
  let res = await browser.request(startUrl, init);
  if (res.status === 303 && res.location?.includes('/login')) {
    const loginPage = await browser.request(res.location);
    const returnTo = /name="return" value="([^"]+)"/.exec(loginPage.body)?.[1];
    if (!returnTo) throw new Error(`no login form:\n${loginPage.body.slice(0, 500)}`);
    const base = new URL(startUrl).origin;
    res = await browser.request(`${base}/login`, {
      form: { _csrf: csrfOf(loginPage.body), return: decodeHtml(returnTo), username, password },
    });
    if (res.status !== 303) return { res, form: null };
    res = await browser.request(res.location!);
  }
  if (res.status !== 200 || !res.body.includes('id="saml"')) return { res, form: null };
  return { res, form: readPostForm(res.body) };
}

import session from 'express-session';
import { ForbiddenError } from '../domain/errors';
import { csrfToken } from './middleware/csrf';
import { twoFactorRequired } from '../domain/identity/two-factor.service';
import type { Person, School } from '../domain/model';
import type { UpstreamSessionLink } from '../domain/federation/upstream';
import type { SessionRepository } from '../domain/identity/ports';
import type { PendingSso, SamlSessionEntry } from '../saml/sso-state';

/** What the hub keeps in a session (all in the database, shared by every hub process). */
export interface SessionAuth {
  readonly credentialId: string;
  readonly personId: string;
  readonly authnInstant: string;
  /** Password plus TOTP (or a recovery code). */
  readonly twoFactor?: boolean;
  /** How the user logged in (audit, session list); 'guardian': a parent with the child's picture password. */
  readonly method?: 'password' | 'picture' | 'card' | 'guardian' | 'upstream';
  /** Set when a parent logged in for the child: the keyed hash of the home-access address, re-checked on every request. */
  readonly guardianKey?: string;
}

/** An operator (hub staff) after password and TOTP; never mixed with a person's login. */
export interface OperatorAuth {
  readonly credentialId: string;
  readonly operatorId: string;
  readonly authnInstant: string;
}

/** Password checked, second factor still to come: not logged in yet. */
export interface PendingLogin {
  readonly credentialId: string;
  /** Exactly one of personId / operatorId. */
  readonly personId: string | null;
  readonly operatorId?: string | null;
  readonly returnTo: string;
  /** When the password was checked: the second step must follow within PENDING_LOGIN_MINUTES. */
  readonly startedAt: string;
  /** Enrolment in progress: the secret shown as QR code, stored only once confirmed. */
  secret?: string;
  /** The password step was the school's IdP: the session's `upstream` login carries over to the login. */
  upstream?: boolean;
}

declare module 'express-session' {
  interface SessionData {
    csrf: string;
    /** The xsrf token of the OIDC logout confirmation this browser was shown (see web/oidc). */
    oidcLogoutXsrf: string;
    auth: SessionAuth;
    operatorAuth: OperatorAuth;
    /** A parent between the password step and the child's picture password. */
    guardian: { emailKey: string; since: string };
    pendingLogin: PendingLogin;
    /** A logged-in owner setting up a (new) authenticator at /account/two-factor: the secret shown. */
    newTotpSecret: string;
    lastSeenAt: string;
    notice: string;
    /** SP-initiated requests waiting for the login, by resume id. */
    pendingSso: Record<string, PendingSso>;
    /** An OpenID Connect authorization waiting for the login: its interaction uid (web/oidc). */
    pendingOidc: string;
    /** The SPs this hub session sent an assertion to (for Single Logout). */
    samlSessions: SamlSessionEntry[];
    /**
     * The school-IdP login this session came from (issue 17): what a LogoutRequest to that IdP names.
     * Never in the session's JSON: the store keeps it encrypted in columns of its own (see DatabaseSessionStore).
     */
    upstream: UpstreamSessionLink;
    /** A Single Logout in progress: who asked, the SPs still to be told, the request awaiting an answer. */
    logout: {
      initiator: { spEntityId: string; requestId: string; relayState?: string; binding: 'redirect' | 'post' } | null;
      /** Started by the school's IdP: it gets the LogoutResponse at the end (and no LogoutRequest). */
      upstreamInitiator?: { schoolId: string; idpEntityId: string; requestId: string; relayState?: string };
      remaining: SamlSessionEntry[];
      pendingRequestId?: string;
      pendingSp?: string;
      partial?: boolean;
      /** The session only carries the logout of other sessions: kept (not destroyed) at the end. */
      carrierOnly?: boolean;
    };
  }
}

export const SESSION_COOKIE = 'leerpoort.sid';
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;

/** express-session store over the sessions table (PostgreSQL or PGlite via the repository). */
export class DatabaseSessionStore extends session.Store {
  /** Per request's session object: the id it replaces, until it is first stored. */
  private readonly replacing = new WeakMap<object, string>();
  /** Per request's session object: what was last stored for it (`sid` + JSON without the cookie). */
  private readonly written = new WeakMap<object, string>();

  constructor(private readonly sessions: SessionRepository) {
    super();
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    this.sessions.get(sid, new Date()).then((s) => {
      if (!s) return cb(null, null);
      const data = s.data as unknown as session.SessionData;
      cb(null, s.upstream ? { ...data, upstream: s.upstream } : data);
    }, cb);
  }

  override set(sid: string, data: session.SessionData, cb?: (err?: unknown) => void): void {
    const expiresAt = data.cookie?.expires ? new Date(data.cookie.expires) : new Date(Date.now() + SESSION_MAX_AGE_MS);
    const json = JSON.stringify(data);
    // express-session hands the request's own session object to `set`. After a new id it saves again at
    // the end of the request even when the route saved already (it compares with the id the request came
    // with): the same object with the same content has nothing new to write. Like express-session's own
    // comparison this leaves out the cookie, whose expiry it recomputes (to the millisecond) on the way out.
    const content = `${sid}\n${JSON.stringify({ ...data, cookie: undefined })}`;
    if (this.written.get(data) === content) {
      cb?.();
      return;
    }
    const previous = this.replacing.get(data);
    const credentialId = data.auth?.credentialId ?? data.operatorAuth?.credentialId ?? null;
    // The school IdP's NameID is personal: the repository stores it encrypted beside the JSON, not in it.
    const { upstream = null, ...stored } = JSON.parse(json) as Record<string, unknown> & { upstream?: UpstreamSessionLink };
    (previous === undefined
      ? this.sessions.set(sid, stored, expiresAt, credentialId, upstream)
      : this.sessions.replace(previous, sid, stored, expiresAt, credentialId, upstream)
    ).then(
      () => {
        this.replacing.delete(data);
        this.written.set(data, content);
        cb?.();
      },
      (e) => cb?.(e),
    );
  }

  /**
   * A new session id (login, second factor): the old session is destroyed by the same statement that
   * first stores the new one, one write instead of two. Every caller saves right after `regenerate`
   * (and express-session saves a changed session at the end of the request anyway); until then the old
   * id still holds only what it held before — nothing the new login added.
   */
  override regenerate(req: import('express').Request, fn: (err?: unknown) => void): void {
    const previous = req.sessionID;
    const previouslyReplacing = this.replacing.get(req.session);
    (this as unknown as { generate(req: import('express').Request): void }).generate(req);
    // Regenerated twice before a save: the first new id was never stored, the original one must still go.
    this.replacing.set(req.session, previouslyReplacing ?? previous);
    fn();
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.sessions.destroy(sid).then(
      () => cb?.(),
      (e) => cb?.(e),
    );
  }

  /**
   * express-session "touches" every unchanged session on every request. Sessions here have a fixed
   * lifetime (not rolling; idle expiry is tracked in the data, at most once a minute), so a touch would
   * write the same expiry again on every request: it writes nothing.
   */
  override touch(_sid: string, _data: session.SessionData, cb?: () => void): void {
    cb?.();
  }
}

/**
 * Session cookie: HttpOnly; on https SameSite=None + Secure, because SAML's HTTP-POST binding arrives
 * as a cross-site POST and must still see the user's session; on plain-http development SameSite=Lax.
 */
export function sessionMiddleware(opts: { sessions: SessionRepository; secret: string; secure: boolean }) {
  return session({
    name: SESSION_COOKIE,
    secret: opts.secret,
    store: new DatabaseSessionStore(opts.sessions),
    resave: false,
    saveUninitialized: false,
    rolling: false,
    cookie: { httpOnly: true, secure: opts.secure, sameSite: opts.secure ? 'none' : 'lax', maxAge: SESSION_MAX_AGE_MS, path: '/' },
  });
}

/**
 * A new session id (privilege change) with a fresh CSRF token — never the old one, which whoever planted
 * the old id could know. The token goes into the same write as the new session, so the first page after
 * the login (portal, second-factor form) writes nothing.
 */
export async function regenerate(req: import('express').Request): Promise<void> {
  await new Promise<void>((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve())));
  csrfToken(req);
}

/** `regenerate` at a login: the SSO requests (SAML and OIDC) waiting for it survive the switch. */
export async function regenerateKeepingPending(req: import('express').Request): Promise<void> {
  const { pendingSso, pendingOidc } = req.session;
  await regenerate(req);
  if (pendingSso) req.session.pendingSso = pendingSso;
  if (pendingOidc) req.session.pendingOidc = pendingOidc;
}

/** Where a login that carried no return address continues: the one waiting SSO request, else the portal. */
export function afterLoginPath(req: import('express').Request): string {
  const pending = Object.keys(req.session.pendingSso ?? {});
  if (pending.length === 1) return `/saml/sso/resume/${pending[0]}`;
  if (pending.length === 0 && req.session.pendingOidc) return `/oidc/interaction/${req.session.pendingOidc}`;
  return '/portal';
}

export function saveSession(req: import('express').Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((e) => (e ? reject(e) : resolve())));
}

/**
 * Logs the user in on a fresh session id (no fixation; also used after the second factor — a privilege
 * change). Pending SSO requests survive the switch so the login can resume them; `upstream` is the
 * school-IdP login it came from (kept for Single Logout with that IdP), and nothing else carries over.
 */
export async function startLoggedInSession(
  req: import('express').Request,
  auth: Omit<SessionAuth, 'authnInstant'>,
  upstream?: UpstreamSessionLink,
): Promise<void> {
  await regenerateKeepingPending(req);
  if (upstream) req.session.upstream = upstream;
  req.session.auth = { ...auth, authnInstant: new Date().toISOString() };
  await saveSession(req);
}

/** Ends the login but keeps the session (its CSRF token, pending SSO): the next login page shows `notice`. */
export function endLogin(req: import('express').Request, notice: string): void {
  delete req.session.auth;
  delete req.session.operatorAuth;
  delete req.session.samlSessions;
  delete req.session.upstream;
  req.session.notice = notice;
}

/**
 * Pages for staff ask on every request (not only at login) whether this person's role and school require
 * the second factor now, and whether this session passed it.
 */
export function assertSecondFactorWhereRequired(auth: SessionAuth, person: Person, school: School): void {
  if (!auth.twoFactor && twoFactorRequired(person, school))
    throw new ForbiddenError('Log opnieuw in met tweestapsverificatie. / Please log in again with two-step verification.');
}

/**
 * A form carries a CSRF token that only works once its session is stored. express-session stores a new
 * session while the page is already on its way, and a failed write then only reaches the log: with the
 * database down the first visit would get a login form that can only fail after the pupil typed. So a
 * page that hands out a new token is sent only after its session is stored; when that fails the error
 * handler answers instead (503 with Retry-After while the database cannot serve). Costs no extra write:
 * the end-of-request save sees the session saved.
 */
export function storeNewFormSessionFirst(
  onError: (err: unknown, req: import('express').Request, res: import('express').Response) => void,
): import('express').RequestHandler {
  return (req, res, next) => {
    if (!req.session || req.session.csrf) return next();
    const send = res.send;
    res.send = function sendAfterStored(this: import('express').Response, body?: unknown) {
      res.send = send;
      if (!req.session?.csrf || res.statusCode >= 500) return send.call(this, body);
      req.session.save((err) => (err ? onError(err, req, res) : send.call(this, body)));
      return this;
    } as typeof res.send;
    next();
  };
}

import session from 'express-session';
import { ForbiddenError } from '../domain/errors';
import { twoFactorRequired } from '../domain/identity/two-factor.service';
import type { Person, School } from '../domain/model';
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
}

declare module 'express-session' {
  interface SessionData {
    csrf: string;
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
    /** The SPs this hub session sent an assertion to (for Single Logout). */
    samlSessions: SamlSessionEntry[];
    /** A Single Logout in progress: who asked, the SPs still to be told, the request awaiting an answer. */
    logout: {
      initiator: { spEntityId: string; requestId: string; relayState?: string; binding: 'redirect' | 'post' } | null;
      remaining: SamlSessionEntry[];
      pendingRequestId?: string;
      pendingSp?: string;
      partial?: boolean;
    };
  }
}

export const SESSION_COOKIE = 'leerpoort.sid';
export const SESSION_MAX_AGE_MS = 8 * 60 * 60 * 1000;

/** express-session store over the sessions table (PostgreSQL or PGlite via the repository). */
export class DatabaseSessionStore extends session.Store {
  constructor(private readonly sessions: SessionRepository) {
    super();
  }

  override get(sid: string, cb: (err: unknown, session?: session.SessionData | null) => void): void {
    this.sessions.get(sid, new Date()).then((s) => cb(null, (s?.data as unknown as session.SessionData) ?? null), cb);
  }

  override set(sid: string, data: session.SessionData, cb?: (err?: unknown) => void): void {
    const expiresAt = data.cookie?.expires ? new Date(data.cookie.expires) : new Date(Date.now() + SESSION_MAX_AGE_MS);
    this.sessions
      .set(sid, JSON.parse(JSON.stringify(data)), expiresAt, data.auth?.credentialId ?? data.operatorAuth?.credentialId ?? null)
      .then(
        () => cb?.(),
        (e) => cb?.(e),
      );
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

export function regenerate(req: import('express').Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve())));
}

export function saveSession(req: import('express').Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((e) => (e ? reject(e) : resolve())));
}

/**
 * Logs the user in on a fresh session id (no fixation; also used after the second factor — a privilege
 * change). Pending SSO requests survive the switch so the login can resume them.
 */
export async function startLoggedInSession(req: import('express').Request, auth: Omit<SessionAuth, 'authnInstant'>): Promise<void> {
  const pending = req.session.pendingSso;
  await regenerate(req);
  req.session.pendingSso = pending;
  req.session.auth = { ...auth, authnInstant: new Date().toISOString() };
  await saveSession(req);
}

/** Ends the login but keeps the session (its CSRF token, pending SSO): the next login page shows `notice`. */
export function endLogin(req: import('express').Request, notice: string): void {
  delete req.session.auth;
  delete req.session.operatorAuth;
  delete req.session.samlSessions;
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

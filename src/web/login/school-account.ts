import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { UpstreamIdp } from '../../domain/federation/upstream';
import { isExpired } from '../../domain/federation/upstream-idp.service';
import { mailDomainOfLoginName } from '../../domain/federation/upstream-domains';
import { isUuid } from '../../domain/ids';
import type { School } from '../../domain/model';
import type { Repositories } from '../../domain/ports';
import type { Logger } from '../../logger';
import type { IdpContext } from '../../saml/idp-context';
import { buildUpstreamAuthnRequest } from '../../saml/upstream/authn-request';
import { loginChoiceCookie, readCookie } from '../cookies';
import { saveSession } from '../session';
import { render } from '../views';

/** Remembers the school whose account the user logs in with on this device (a functional cookie: a school id). */
export const SCHOOL_ACCOUNT_COOKIE = 'leerpoort.schoolaccount';

/** A school whose own IdP the login can send the user to. */
export interface SchoolAccount {
  readonly school: School;
  readonly idp: UpstreamIdp;
}

/** The session a request was sent from, as stored with it: the answer must come back to the same browser session. */
export const upstreamSessionKey = (req: Request) => crypto.createHash('sha256').update(`upstream:${req.sessionID}`).digest('base64url');

/**
 * How the login pages find the school for "Inloggen met je schoolaccount" — chosen (and remembered on the
 * device), or from a login name at a domain the school registered — and send the user to its IdP. Every
 * way ends in `start`: the destination is only the SSO endpoint from the registered metadata, and the
 * school is looked up again in the database each time (a cookie or form names it, never vouches for it).
 */
export class SchoolAccountLogin {
  constructor(
    private readonly deps: {
      idp: IdpContext;
      repos: Pick<Repositories, 'schools' | 'upstreamIdps' | 'upstreamRequests'>;
      logger: Logger;
      secure: boolean;
    },
  ) {}

  /** The school (by id) when it has its own IdP and is still served; else null. */
  async forSchool(schoolId: string): Promise<SchoolAccount | null> {
    if (!isUuid(schoolId)) return null;
    const school = await this.deps.repos.schools.findById(schoolId);
    if (!school || school.status === 'terminated') return null;
    const idp = await this.deps.repos.upstreamIdps.findBySchool(school.id);
    return idp ? { school, idp } : null;
  }

  /**
   * The school whose registered e-mail domain the login name is at; null for any other name. Decided on
   * the domain alone: whether a hub account of that name exists is never looked at.
   */
  async forLoginName(loginName: string): Promise<SchoolAccount | null> {
    const domain = mailDomainOfLoginName(loginName);
    if (!domain) return null;
    const idp = await this.deps.repos.upstreamIdps.findByDomain(domain);
    return idp ? this.forSchool(idp.schoolId) : null;
  }

  /** The school this device remembered, if it can still be used. */
  remembered(req: Request): Promise<SchoolAccount | null> {
    const id = readCookie(req, SCHOOL_ACCOUNT_COOKIE);
    return id ? this.forSchool(id) : Promise.resolve(null);
  }

  forget(res: Response): void {
    const { maxAge: _lifetime, ...options } = loginChoiceCookie(this.deps.secure);
    res.clearCookie(SCHOOL_ACCOUNT_COOKIE, options);
  }

  /**
   * Sends a signed AuthnRequest to the school's IdP (its ID stored with where to continue and which
   * browser session asked) and remembers the school on the device. `returnTo` must already be safe.
   * False, with nothing sent, while the IdP's metadata is past its validUntil (the caller says so).
   */
  async start(req: Request, res: Response, account: SchoolAccount, returnTo: string): Promise<boolean> {
    const { idp, school } = account;
    if (isExpired(idp)) {
      this.deps.logger.warn({ idp: idp.entityId }, 'upstream IdP metadata expired; refresh it');
      return false;
    }
    const out = await buildUpstreamAuthnRequest(this.deps.idp.upstreamSp, idp.ssoUrl, this.deps.idp.signingKeys.active);
    // The session must exist (and keep its id) until the answer comes back: it holds the CSRF token already.
    await saveSession(req);
    await this.deps.repos.upstreamRequests.record({
      id: out.id,
      idpEntityId: idp.entityId,
      context: { schoolId: school.id, returnTo, session: upstreamSessionKey(req) },
      expiresAt: out.expiresAt,
    });
    res.cookie(SCHOOL_ACCOUNT_COOKIE, school.id, loginChoiceCookie(this.deps.secure));
    // Not a 303: the form's Content-Security-Policy (form-action 'self') also covers where its submission
    // is redirected, so browsers would refuse to follow a redirect to the school's IdP. A page that moves
    // on by itself (meta refresh, no script) with a link for those who have that turned off.
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(200)
      .type('html')
      .send(render('login-school-redirect.njk', { title: 'Naar je school', url: out.url, schoolName: school.name }));
    return true;
  }
}

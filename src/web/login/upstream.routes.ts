import crypto from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import { NotFoundError, SamlRequestError, ValidationError } from '../../domain/errors';
import { findSchoolByBrin } from '../../domain/identity/school.service';
import { twoFactorRequired } from '../../domain/identity/two-factor.service';
import type { UpstreamLoginService, UpstreamMatchFailure } from '../../domain/identity/upstream-login.service';
import type { UpstreamIdp, UpstreamSessionLink } from '../../domain/federation/upstream';
import { isExpired } from '../../domain/federation/upstream-idp.service';
import type { Repositories } from '../../domain/ports';
import type { Logger } from '../../logger';
import { decodePost } from '../../saml/bindings/inbound';
import type { IdpContext } from '../../saml/idp-context';
import { buildUpstreamAuthnRequest } from '../../saml/upstream/authn-request';
import { validateUpstreamResponse } from '../../saml/upstream/response';
import { childrenNamed, firstChild, is, optionalAttr, strictText } from '../../saml/xml/dom';
import { NS } from '../../saml/xml/namespaces';
import { parseUntrustedXml } from '../../saml/xml/parse';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { sendMessagePage } from '../pages';
import { regenerateKeepingPending, saveSession, startLoggedInSession } from '../session';
import { render } from '../views';
import { safeReturnTo } from './login.routes';
import { sendOutsideNetworkPage } from './messages';

/** The pages for an identity the roster cannot place: nothing is created, the user is told why. */
const MATCH_TEXT: Record<Exclude<UpstreamMatchFailure, 'outside_school_network'>, { nl: string; en: string }> = {
  no_identifier: {
    nl: 'Je school heeft ons niet verteld wie je bent (het gegeven waarmee we je herkennen ontbreekt). Neem contact op met de ICT-coördinator van je school.',
    en: 'Your school did not tell us who you are (the value we recognise you by is missing). Please contact your school’s ICT coordinator.',
  },
  unmatched: {
    nl: 'Je bent ingelogd bij je school, maar we vinden je niet in de gegevens die je school aan Leerpoort heeft gegeven. Er is geen account aangemaakt. Vraag de ICT-coördinator van je school om je gegevens te controleren.',
    en: 'You logged in at your school, but we cannot find you in the data your school gave Leerpoort. No account was created. Ask your school’s ICT coordinator to check your details.',
  },
  ambiguous: {
    nl: 'Je bent ingelogd bij je school, maar in de gegevens van je school passen meerdere personen bij jou. We kiezen niet zelf: vraag de ICT-coördinator van je school dit op te lossen.',
    en: 'You logged in at your school, but more than one person in your school’s data matches you. We will not guess: ask your school’s ICT coordinator to sort this out.',
  },
  inactive: {
    nl: 'Je account bij Leerpoort is niet actief. Neem contact op met je school.',
    en: 'Your Leerpoort account is not active. Please contact your school.',
  },
};

/** How long the step from the ACS to our own continue page may take (one redirect). */
const CONTINUATION_MS = 2 * 60_000;

/** The session a request was sent from, as stored with it: the answer must come back to the same browser session. */
const sessionKey = (req: Request) => crypto.createHash('sha256').update(`upstream:${req.sessionID}`).digest('base64url');

/** The Issuer and InResponseTo as sent (unverified): only to pick which registration to check the Response against. */
function peek(xml: string): { issuer: string | null; inResponseTo: string | null } {
  const root = parseUntrustedXml(xml, 'Response').documentElement;
  if (!is(root, NS.protocol, 'Response')) throw new SamlRequestError(`expected samlp:Response, found ${(root as Element).localName}`);
  const issuerEl =
    firstChild(root, NS.assertion, 'Issuer') ??
    childrenNamed(root, NS.assertion, 'Assertion').map((a) => firstChild(a, NS.assertion, 'Issuer'))[0];
  return { issuer: issuerEl ? strictText(issuerEl, 'Issuer').trim() : null, inResponseTo: optionalAttr(root, 'InResponseTo') };
}

/**
 * Login with the school's own IdP ("Inloggen met je schoolaccount"): the user names the school, the hub
 * sends a signed AuthnRequest (its ID stored with where to continue and which browser session asked),
 * and the ACS accepts only a Response that passes every check (saml/upstream/response.ts), then finds
 * exactly one roster person. The school's two-factor rule is met only by a multi-factor AuthnContext;
 * otherwise the hub's own second step follows (the pending login of two-factor.routes).
 */
export function upstreamLoginRoutes(deps: {
  idp: IdpContext;
  repos: Pick<
    Repositories,
    'schools' | 'schoolNetworks' | 'audit' | 'upstreamIdps' | 'upstreamRequests' | 'replayCache' | 'people' | 'credentials'
  >;
  upstreamLogin: UpstreamLoginService;
  logger: Logger;
}): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  const schoolForm = (req: Request, res: Response, status = 200, error?: string) =>
    res
      .status(status)
      .type('html')
      .send(
        render('login-school.njk', {
          title: 'Inloggen met je schoolaccount',
          csrf: csrfToken(req),
          returnTo: safeReturnTo(req.query.return ?? req.body?.return),
          school: typeof req.body?.school === 'string' ? req.body.school : '',
          error,
        }),
      );

  router.get('/login/school', (req, res) => schoolForm(req, res));

  router.post('/login/school', form, requireCsrf, async (req, res, next) => {
    try {
      const input = String(req.body.school ?? '').trim();
      let idp: UpstreamIdp | null = null;
      try {
        const school = await findSchoolByBrin(deps.repos, input);
        idp = await deps.repos.upstreamIdps.findBySchool(school.id);
      } catch (e) {
        if (!(e instanceof ValidationError || e instanceof NotFoundError)) throw e;
      }
      if (!idp)
        return schoolForm(
          req,
          res,
          404,
          'Voor deze school kun je niet inloggen met een schoolaccount. Controleer de BRIN-code, of log in met je Leerpoort-gebruikersnaam. / You cannot log in with a school account for this school. Check the BRIN code, or log in with your Leerpoort username.',
        );
      if (isExpired(idp)) {
        // Not offered: keys past the metadata's validUntil are no longer the school's word. Says why, and what works.
        deps.logger.warn({ idp: idp.entityId }, 'upstream IdP metadata expired; refresh it');
        return schoolForm(
          req,
          res,
          503,
          'Inloggen met je schoolaccount kan nu niet: de gegevens van de inlogdienst van je school zijn verlopen en de school moet ze vernieuwen. Log in met je Leerpoort-gebruikersnaam, of vraag de ICT-coördinator van je school. / Logging in with your school account is not possible now: the details of your school’s login service have expired and the school must renew them. Log in with your Leerpoort username, or ask your school’s ICT coordinator.',
        );
      }
      const out = await buildUpstreamAuthnRequest(deps.idp.upstreamSp, idp.ssoUrl, deps.idp.signingKeys.active);
      // The session must exist (and keep its id) until the answer comes back: it holds the CSRF token already.
      await saveSession(req);
      await deps.repos.upstreamRequests.record({
        id: out.id,
        idpEntityId: idp.entityId,
        context: { schoolId: idp.schoolId, returnTo: safeReturnTo(req.body.return), session: sessionKey(req) },
        expiresAt: out.expiresAt,
      });
      // Not a 303: the form's Content-Security-Policy (form-action 'self') also covers where its submission
      // is redirected, so browsers would refuse to follow a redirect to the school's IdP. A page that moves
      // on by itself (meta refresh, no script) with a link for those who have that turned off.
      res.setHeader('Cache-Control', 'no-store');
      res
        .status(200)
        .type('html')
        .send(render('login-school-redirect.njk', { title: 'Naar je school', url: out.url }));
    } catch (e) {
      next(e);
    }
  });

  const refused = (res: Response, e: SamlRequestError) => {
    const errorId = String(res.locals.requestId ?? crypto.randomUUID());
    deps.logger.warn({ err: e.publicMessage, errorId }, 'upstream Response refused');
    sendMessagePage(res, 400, {
      heading_nl: 'Inloggen via je school is niet gelukt',
      heading_en: 'Logging in through your school did not work',
      text_nl: `Het antwoord van je school is geweigerd: ${e.publicMessage}. Probeer het opnieuw.`,
      text_en: `Your school's answer was refused: ${e.publicMessage}. Please try again.`,
      errorId,
      link: { href: '/login', label: 'Opnieuw inloggen / Log in again' },
    });
  };

  router.post('/saml/upstream/acs', express.urlencoded({ extended: false, limit: '128kb' }), async (req, res, next) => {
    try {
      const now = new Date();
      let idp: UpstreamIdp | null = null;
      let message: ReturnType<typeof decodePost>;
      try {
        message = decodePost(req.body, ['SAMLResponse']);
        const seen = peek(message.xml);
        if (seen.inResponseTo) {
          // The school the request was sent for decides which registration the Response is checked against.
          const pending = await deps.repos.upstreamRequests.find(seen.inResponseTo);
          if (pending && typeof pending.context.schoolId === 'string')
            idp = await deps.repos.upstreamIdps.findBySchool(pending.context.schoolId);
        } else if (seen.issuer) {
          const all = (await deps.repos.upstreamIdps.findByEntityId(seen.issuer)).filter((i) => i.allowUnsolicited);
          if (all.length === 1) idp = all[0]!;
        }
        if (!idp) throw new SamlRequestError('Response: no outstanding request or registered school IdP it could answer');
        // Keys past the metadata's validUntil are not trusted, also for a login that started just before.
        if (isExpired(idp, now))
          throw new SamlRequestError("Response: the school IdP's metadata has expired (validUntil); the school must renew it");
      } catch (e) {
        if (e instanceof SamlRequestError) return refused(res, e);
        throw e;
      }
      let assertion: Awaited<ReturnType<typeof validateUpstreamResponse>>;
      try {
        assertion = await validateUpstreamResponse({
          message,
          idp,
          sp: { ...deps.idp.upstreamSp, decryptionKeys: [deps.idp.encryptionKey] },
          now,
          requests: deps.repos.upstreamRequests,
          replayCache: deps.repos.replayCache,
        });
      } catch (e) {
        if (e instanceof SamlRequestError) return refused(res, e);
        throw e;
      }
      const school = await deps.repos.schools.findById(idp.schoolId);
      if (!school) return refused(res, new SamlRequestError('Response: the school no longer exists'));
      const result = await deps.upstreamLogin.match(
        idp,
        school,
        { nameId: assertion.nameId, attributes: assertion.attributes, multiFactor: assertion.multiFactor },
        { type: 'anonymous', id: 'upstream-login', ip: req.ip ?? null, requestId: String(res.locals.requestId ?? '') },
      );
      if (!result.ok) {
        if (result.reason === 'outside_school_network') return sendOutsideNetworkPage(res);
        const text = MATCH_TEXT[result.reason];
        return sendMessagePage(res, 403, {
          heading_nl: 'We kunnen je niet inloggen',
          heading_en: 'We cannot log you in',
          text_nl: text.nl,
          text_en: text.en,
          link: { href: '/login', label: 'Terug naar inloggen / Back to log in' },
        });
      }
      // The IdP's POST is cross-site: on plain-http development the session cookie (SameSite=Lax) is not
      // sent with it. So the login continues on our own GET, which carries the cookie in every mode; the
      // continuation is single use, short-lived, and bound to the session that started the login.
      const token = crypto.randomBytes(32).toString('base64url');
      await deps.repos.upstreamRequests.record({
        id: `continue:${token}`,
        idpEntityId: idp.entityId,
        context: {
          continuation: true,
          session: assertion.request?.context.session ?? null,
          schoolId: school.id,
          personId: result.person.id,
          credentialId: result.credential.id,
          multiFactor: assertion.multiFactor,
          returnTo: safeReturnTo(assertion.request?.context.returnTo),
        },
        // What a LogoutRequest to the IdP must name (its NameID may be an e-mail address): sealed, i.e.
        // encrypted at rest, and kept with the hub session after the login for Single Logout.
        sealed: {
          schoolId: school.id,
          idpEntityId: idp.entityId,
          subject: assertion.subject,
          sessionIndex: assertion.sessionIndex,
        } satisfies UpstreamSessionLink,
        expiresAt: new Date(now.getTime() + CONTINUATION_MS),
      });
      res.redirect(303, `/saml/upstream/continue/${token}`);
    } catch (e) {
      next(e);
    }
  });

  router.get('/saml/upstream/continue/:token', async (req, res, next) => {
    try {
      const now = new Date();
      const id = `continue:${String(req.params.token)}`;
      const found = /^[A-Za-z0-9_-]{43}$/.test(String(req.params.token)) ? await deps.repos.upstreamRequests.find(id) : null;
      const c = found ? await deps.repos.upstreamRequests.consume(id, found.idpEntityId, now) : null;
      if (c?.context.continuation !== true) return refused(res, new SamlRequestError('this login link has expired or was already used'));
      // A solicited login must finish in the browser session that asked (no login CSRF: an attacker's own
      // Response pushed into someone else's browser is refused). An unsolicited one has no session to match.
      if (c.context.session !== null && c.context.session !== sessionKey(req)) {
        await deps.repos.audit.record({
          actor: { type: 'anonymous', id: 'upstream-login', ip: req.ip ?? null, requestId: String(res.locals.requestId ?? '') },
          action: 'login.upstream',
          outcome: 'failure',
          schoolId: String(c.context.schoolId),
          targetType: 'credential',
          targetId: String(c.context.credentialId),
          details: { idp: c.idpEntityId, reason: 'other_browser_session' },
        });
        return refused(res, new SamlRequestError('Response: it answers a login started in another browser session'));
      }
      // Re-checked now, not taken from the ACS step: the person may have left or been deactivated since.
      const person = await deps.repos.people.findById(String(c.context.personId));
      const school = await deps.repos.schools.findById(String(c.context.schoolId));
      const credential = person ? await deps.repos.credentials.findByPersonId(person.id) : null;
      if (!person || !school || !credential || credential.id !== c.context.credentialId || person.status !== 'active')
        return refused(res, new SamlRequestError('the account can no longer log in'));
      const multiFactor = c.context.multiFactor === true;
      const returnTo = safeReturnTo(c.context.returnTo);
      // Sealed by the ACS step above (encrypted at rest): the school login, kept with the session for Single Logout.
      const link = (c.sealed ?? undefined) as unknown as UpstreamSessionLink | undefined;
      if (twoFactorRequired(person, school) && !multiFactor) {
        // The school's IdP did not assert a second factor: the hub asks its own (pending login, as after a password).
        await regenerateKeepingPending(req);
        req.session.pendingLogin = {
          credentialId: credential.id,
          personId: person.id,
          operatorId: null,
          returnTo,
          startedAt: now.toISOString(),
          ...(link ? { upstream: true } : {}),
        };
        if (link) req.session.upstream = link;
        await saveSession(req);
        return res.redirect(303, credential.totpEnabled ? '/login/2fa' : '/login/2fa/setup');
      }
      await startLoggedInSession(
        req,
        { credentialId: credential.id, personId: person.id, twoFactor: multiFactor, method: 'upstream' },
        link,
      );
      res.redirect(303, returnTo);
    } catch (e) {
      next(e);
    }
  });

  return router;
}

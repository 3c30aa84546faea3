import crypto from 'node:crypto';
import express, { type Request, type Response, Router } from 'express';
import { SUSPENDED_NOTICE } from '../../domain/misuse/suspension';
import { postResponse } from '../../saml/bindings/outbound';
import type { IdpContext } from '../../saml/idp-context';
import { resumeSso, runSso, type SessionView } from '../../saml/sso';
import type { SsoOutcome } from '../../saml/sso-state';
import { deliver, sendMessagePage } from '../pages';
import { endLogin, saveSession } from '../session';

const MAX_PENDING = 10;

export const REFUSAL_TEXT: Record<string, { nl: string; en: string }> = {
  school_suspended: SUSPENDED_NOTICE,
  not_activated: {
    nl: 'Je school heeft het doorgeven van gegevens aan deze uitgever (nog) niet aangezet. Vraag je leerkracht of ICT-coördinator om dit in het beheerscherm te regelen.',
    en: 'Your school has not (yet) allowed data to be passed to this publisher. Ask your teacher or ICT coordinator to switch it on in the management screen.',
  },
  no_licence: {
    nl: 'Je hebt geen geldige licentie voor dit lesmateriaal. Vraag je leerkracht of je school deze licentie heeft en aan jou heeft toegewezen.',
    en: 'You have no valid licence for this learning material. Ask your teacher whether your school holds this licence and assigned it to you.',
  },
  person_inactive: {
    nl: 'Je account is niet actief. Neem contact op met je school.',
    en: 'Your account is not active. Please contact your school.',
  },
  unknown_user: {
    nl: 'Je account is niet gevonden. Neem contact op met je school.',
    en: 'Your account was not found. Please contact your school.',
  },
};

/** What the SAML flows need of the web session: who is logged in, which SessionIndex each SP has. */
export function sessionView(req: Request, res: Response): SessionView {
  const auth = req.session.auth;
  return {
    user: auth ? { credentialId: auth.credentialId, personId: auth.personId, authnInstant: new Date(auth.authnInstant) } : null,
    sessionIndexFor: (spEntityId, nameIdFormat) =>
      req.session.samlSessions?.find((s) => s.spEntityId === spEntityId && s.nameIdFormat === nameIdFormat)?.sessionIndex,
    requestId: String(res.locals.requestId ?? ''),
    ip: req.ip ?? null,
  };
}

/** Turns the outcome of an SSO flow (SP-initiated, resumed or launched) into the HTTP answer. */
export async function answerSso(req: Request, res: Response, outcome: SsoOutcome): Promise<void> {
  switch (outcome.kind) {
    case 'refused':
      return sendMessagePage(res, 400, {
        heading_nl: 'Inloggen via deze link lukt niet',
        heading_en: 'This login link does not work',
        text_nl: `De aanvraag van de lesmateriaal-aanbieder is geweigerd: ${outcome.error.publicMessage}. Probeer het opnieuw vanuit het lesmateriaal of via je Leerpoort-portaal.`,
        text_en: `The learning material provider's request was refused: ${outcome.error.publicMessage}. Start again from the learning material or from your Leerpoort portal.`,
        errorId: String(res.locals.requestId ?? crypto.randomUUID()),
      });
    case 'error-to-acs':
      return deliver(res, postResponse(outcome.target.acsUrl, outcome.xml, outcome.target.relayState));
    case 'need-login': {
      const pendingId = crypto.randomBytes(16).toString('base64url');
      const all = { ...(req.session.pendingSso ?? {}), [pendingId]: outcome.pending };
      req.session.pendingSso = Object.fromEntries(Object.entries(all).slice(-MAX_PENDING));
      await saveSession(req);
      return res.redirect(303, `/login?return=${encodeURIComponent(`/saml/sso/resume/${pendingId}`)}`);
    }
    case 'access-denied': {
      const text = REFUSAL_TEXT[outcome.reason]!;
      const suspended = outcome.reason === 'school_suspended';
      // A suspended school's login ends here too (art. 12): the live session stops at this request.
      if (suspended && req.session.auth) {
        endLogin(req, `${SUSPENDED_NOTICE.nl} / ${SUSPENDED_NOTICE.en}`);
        await saveSession(req);
      }
      // A solicited request may be answered to the SP (RequestDenied) by the user's choice; a launch is not.
      const samlForm = outcome.target.inResponseTo
        ? {
            action: outcome.target.acsUrl,
            field: 'SAMLResponse',
            value: Buffer.from(outcome.errorXml).toString('base64'),
            relayState: outcome.target.relayState,
            label: 'Terug naar de aanbieder / Back to the provider',
          }
        : undefined;
      return sendMessagePage(res, 403, {
        heading_nl: suspended ? 'De toegang van je school is opgeschort' : 'Geen toegang tot dit lesmateriaal',
        heading_en: suspended ? "Your school's access has been suspended" : 'No access to this learning material',
        text_nl: text.nl,
        text_en: text.en,
        samlForm,
      });
    }
    case 'not-launchable':
      return sendMessagePage(res, 404, {
        heading_nl: 'Dit lesmateriaal kan niet vanuit Leerpoort worden gestart',
        heading_en: 'This learning material cannot be started from Leerpoort',
        text_nl: 'Open het lesmateriaal via de app of website van de uitgever.',
        text_en: 'Open it from the publisher’s app or website.',
      });
    case 'response':
      // A new SP of this hub session is remembered for Single Logout; an unchanged session is not written.
      if (
        !req.session.samlSessions?.some((s) => s.spEntityId === outcome.entry.spEntityId && s.nameIdFormat === outcome.entry.nameIdFormat)
      ) {
        req.session.samlSessions = [...(req.session.samlSessions ?? []), outcome.entry];
        await saveSession(req);
      }
      return deliver(res, postResponse(outcome.target.acsUrl, outcome.xml, outcome.target.relayState));
  }
}

/**
 * SP-initiated SSO: `GET` (HTTP-Redirect) and `POST` (HTTP-POST) /saml/sso, and the resume after the
 * login UI. The flow itself is the table in saml/sso.ts; these routes only carry it over HTTP.
 */
export function ssoRoutes(ctx: IdpContext): Router {
  const router = Router();

  router.get('/saml/sso', async (req, res) => {
    await answerSso(req, res, await runSso(ctx, { binding: 'redirect', raw: req.originalUrl.split('?')[1] ?? '' }, sessionView(req, res)));
  });

  router.post('/saml/sso', express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 10 }), async (req, res) => {
    await answerSso(req, res, await runSso(ctx, { binding: 'post', raw: req.body }, sessionView(req, res)));
  });

  router.get('/saml/sso/resume/:id', async (req, res) => {
    const id = String(req.params.id);
    const pending = req.session.pendingSso?.[id];
    if (!pending) {
      return sendMessagePage(res, 400, {
        heading_nl: 'Deze inlogpoging is verlopen',
        heading_en: 'This login attempt has expired',
        text_nl: 'Start opnieuw vanuit het lesmateriaal of je Leerpoort-portaal.',
        text_en: 'Please start again from the learning material or your Leerpoort portal.',
        errorId: String(res.locals.requestId ?? ''),
      });
    }
    const outcome = await resumeSso(ctx, pending, sessionView(req, res));
    // Not logged in (freshly enough) yet: the request keeps waiting under the same id.
    if (outcome.kind === 'need-login') return res.redirect(303, `/login?return=${encodeURIComponent(`/saml/sso/resume/${id}`)}`);
    const rest = { ...req.session.pendingSso };
    delete rest[id];
    req.session.pendingSso = rest;
    await answerSso(req, res, outcome);
  });

  return router;
}

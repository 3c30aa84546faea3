import crypto from 'node:crypto';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { SamlRequestError } from '../../domain/errors';
import { sendMessagePage, sendPostBinding } from '../pages';
import { type PendingSso, saveSession } from '../session';
import { AuthnRequestRefused, decodeAuthnRequest, validateAuthnRequest } from '../../saml/authn-request';
import type { IdpContext } from '../../saml/idp-context';
import { issueForSession } from './issue-for-session';
import { buildErrorResponse } from '../../saml/response/build-response';
import { STATUS } from '../../saml/xml/namespaces';

const b64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
const MAX_PENDING = 10;

export const REFUSAL_TEXT: Record<string, { nl: string; en: string }> = {
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
  unknown_user: { nl: 'Je account is niet gevonden. Neem contact op met je school.', en: 'Your account was not found. Please contact your school.' },
};

/**
 * SP-initiated SSO: GET (HTTP-Redirect) and POST (HTTP-POST) /saml/sso. The request is checked in full
 * before anything is answered to the SP; a refused request gets an HTML page, never a redirect.
 */
export function ssoRoutes(ctx: IdpContext): Router {
  const router = Router();

  const refuseRequest = async (req: Request, res: Response, e: AuthnRequestRefused | SamlRequestError) => {
    const errorId = String(res.locals.requestId ?? crypto.randomUUID());
    const issuer = e instanceof AuthnRequestRefused ? e.issuer : null;
    ctx.logger.warn({ requestId: errorId, issuer, reason: e.publicMessage }, 'AuthnRequest refused');
    await ctx.repos.audit.record({
      actor: { type: 'sp', id: issuer ?? 'unknown', ip: req.ip ?? null, requestId: errorId },
      action: 'saml.authn_request.refused',
      outcome: 'failure',
      details: { reason: e.publicMessage, binding: req.method === 'GET' ? 'redirect' : 'post' },
    });
    sendMessagePage(res, 400, {
      heading_nl: 'Inloggen via deze link lukt niet',
      heading_en: 'This login link does not work',
      text_nl: `De aanvraag van de lesmateriaal-aanbieder is geweigerd: ${e.publicMessage}. Probeer het opnieuw vanuit het lesmateriaal of via je Leerpoort-portaal.`,
      text_en: `The learning material provider's request was refused: ${e.publicMessage}. Start again from the learning material or from your Leerpoort portal.`,
      errorId,
    });
  };

  const postError = (res: Response, pending: { acsUrl: string; requestId: string; relayState?: string }, subStatus: string, topLevel?: string) => {
    const xml = buildErrorResponse({ idpEntityId: ctx.idpEntityId, destination: pending.acsUrl, inResponseTo: pending.requestId, subStatus, topLevel }, ctx.signingKeys.active);
    sendPostBinding(res, { action: pending.acsUrl, field: 'SAMLResponse', value: b64(xml), relayState: pending.relayState });
  };

  /** Logged in (and fresh enough): check the licence, release, sign and post the Response. */
  const complete = async (req: Request, res: Response, pending: PendingSso) => {
    const sp = await ctx.repos.serviceProviders.findByEntityId(pending.spEntityId);
    if (!sp) throw new SamlRequestError('the SP was removed while you were logging in');
    const result = await issueForSession(ctx, req, { sp, acsUrl: pending.acsUrl, inResponseTo: pending.requestId, nameIdFormat: pending.nameIdFormat });
    if (result.kind === 'refused') {
      const text = REFUSAL_TEXT[result.reason]!;
      return sendMessagePage(res, 403, {
        heading_nl: 'Geen toegang tot dit lesmateriaal',
        heading_en: 'No access to this learning material',
        text_nl: text.nl,
        text_en: text.en,
        samlForm: { action: pending.acsUrl, field: 'SAMLResponse', value: b64(result.errorXml), relayState: pending.relayState, label: 'Terug naar de aanbieder / Back to the provider' },
      });
    }
    sendPostBinding(res, { action: pending.acsUrl, field: 'SAMLResponse', value: b64(result.xml), relayState: pending.relayState });
  };

  const handle = (binding: 'redirect' | 'post') => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const now = new Date();
      let validated;
      try {
        const message = await decodeAuthnRequest(binding, binding === 'redirect' ? (req.originalUrl.split('?')[1] ?? '') : req.body);
        validated = await validateAuthnRequest(ctx, message, now);
      } catch (e) {
        if (e instanceof SamlRequestError) return await refuseRequest(req, res, e);
        throw e;
      }
      const { request, sp, acs, relayState } = validated;
      const pending: PendingSso = {
        spEntityId: sp.entityId,
        requestId: request.id,
        acsUrl: acs.location,
        ...(relayState !== undefined ? { relayState } : {}),
        forceAuthn: request.forceAuthn,
        nameIdFormat: validated.nameIdFormat ?? '',
        receivedAt: now.toISOString(),
      };
      // From here on the ACS is verified: errors go back to the SP as SAML status codes.
      if (validated.nameIdFormat === null) return postError(res, pending, STATUS.invalidNameIdPolicy, STATUS.requester);
      const auth = req.session.auth;
      if (request.isPassive && (!auth || request.forceAuthn)) return postError(res, pending, STATUS.noPassive, STATUS.responder);
      if (auth && !request.forceAuthn) return await complete(req, res, pending);

      const pendingId = crypto.randomBytes(16).toString('base64url');
      const all = { ...(req.session.pendingSso ?? {}), [pendingId]: pending };
      req.session.pendingSso = Object.fromEntries(Object.entries(all).slice(-MAX_PENDING));
      await saveSession(req);
      res.redirect(303, `/login?return=${encodeURIComponent(`/saml/sso/resume/${pendingId}`)}`);
    } catch (e) {
      next(e);
    }
  };

  router.get('/saml/sso', handle('redirect'));
  router.post('/saml/sso', express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 10 }), handle('post'));

  router.get('/saml/sso/resume/:id', async (req, res, next) => {
    try {
      const pending = req.session.pendingSso?.[req.params.id];
      if (!pending) {
        return sendMessagePage(res, 400, {
          heading_nl: 'Deze inlogpoging is verlopen',
          heading_en: 'This login attempt has expired',
          text_nl: 'Start opnieuw vanuit het lesmateriaal of je Leerpoort-portaal.',
          text_en: 'Please start again from the learning material or your Leerpoort portal.',
          errorId: String(res.locals.requestId ?? ''),
        });
      }
      const auth = req.session.auth;
      const freshEnough = auth && (!pending.forceAuthn || new Date(auth.authnInstant) >= new Date(pending.receivedAt));
      if (!freshEnough) return res.redirect(303, `/login?return=${encodeURIComponent(`/saml/sso/resume/${req.params.id}`)}`);
      const rest = { ...req.session.pendingSso };
      delete rest[req.params.id];
      req.session.pendingSso = rest;
      await complete(req, res, pending);
    } catch (e) {
      next(e);
    }
  });

  return router;
}

import { Router } from 'express';
import { checkParticipantAccess } from '../../domain/licensing/access';
import { REFUSAL_TEXT } from '../saml/sso.routes';
import type { IdpContext } from '../../saml/idp-context';
import { issueResponse } from '../../saml/issue-response';
import { resolveAcs, resolveNameIdFormat } from '../../saml/steps/checks';
import { csrfToken } from '../middleware/csrf';
import { sendMessagePage, sendPostBinding } from '../pages';
import { saveSession } from '../session';

/**
 * The portal. `GET /portal/launch/:productId` is IdP-initiated SSO: an unsolicited signed Response to
 * the product's SP, only when that SP allows unsolicited responses and the user may use the product.
 */
export function portalRoutes(ctx: IdpContext): Router {
  const router = Router();
  router.get('/', (_req, res) => res.redirect(303, '/portal'));
  router.get('/portal', (req, res) => {
    if (!req.session.auth) return res.redirect(303, '/login?return=%2Fportal');
    csrfToken(req);
    sendMessagePage(res, 200, {
      heading_nl: 'Je bent ingelogd',
      heading_en: 'You are logged in',
      text_nl: 'Open je lesmateriaal vanuit de app of website van de uitgever.',
      text_en: 'Open your learning materials from the publisher’s app or website.',
    });
  });

  router.get('/portal/launch/:productId', async (req, res, next) => {
    try {
      const auth = req.session.auth;
      if (!auth) return res.redirect(303, '/login?return=%2Fportal');
      const productId = req.params.productId;
      const sp = /^[0-9a-f-]{36}$/.test(productId) ? await ctx.repos.serviceProviders.findByProductId(productId) : null;
      const notAvailable = () =>
        sendMessagePage(res, 404, {
          heading_nl: 'Dit lesmateriaal kan niet vanuit Leerpoort worden gestart',
          heading_en: 'This learning material cannot be started from Leerpoort',
          text_nl: 'Open het lesmateriaal via de app of website van de uitgever.',
          text_en: 'Open it from the publisher’s app or website.',
        });
      if (!sp || !sp.allowUnsolicited) return notAvailable();
      const person = await ctx.repos.people.findById(auth.personId);
      const access = person ? await checkParticipantAccess(ctx.repos, person, sp.participantId, new Date()) : { allowed: false as const, reason: 'unknown_user' as const };
      if (!access.allowed || !access.productIds.includes(productId)) {
        const text = REFUSAL_TEXT[access.allowed ? 'no_licence' : access.reason]!;
        return sendMessagePage(res, 403, { heading_nl: 'Geen toegang tot dit lesmateriaal', heading_en: 'No access to this learning material', text_nl: text.nl, text_en: text.en });
      }
      const acs = resolveAcs(sp, { acsUrl: null, acsIndex: null, protocolBinding: null });
      const nameIdFormat = resolveNameIdFormat(null, sp)!;
      const existing = req.session.samlSessions?.find((s) => s.spEntityId === sp.entityId && s.nameIdFormat === nameIdFormat);
      const result = await issueResponse(ctx, { sp, acsUrl: acs.location, nameIdFormat, sessionIndex: existing?.sessionIndex }, { credentialId: auth.credentialId, personId: auth.personId, authnInstant: new Date(auth.authnInstant) });
      if (result.kind === 'refused') return notAvailable();
      if (!existing) {
        req.session.samlSessions = [...(req.session.samlSessions ?? []), result.entry];
        await saveSession(req);
      }
      sendPostBinding(res, { action: acs.location, field: 'SAMLResponse', value: Buffer.from(result.xml).toString('base64') });
    } catch (e) {
      next(e);
    }
  });
  return router;
}

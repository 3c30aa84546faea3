import { Router } from 'express';
import { checkParticipantAccess } from '../../domain/licensing/access';
import { REFUSAL_TEXT } from '../saml/sso.routes';
import type { IdpContext } from '../../saml/idp-context';
import { issueForSession } from '../saml/issue-for-session';
import { resolveAcs, resolveNameIdFormat } from '../../saml/steps/checks';
import express from 'express';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { render } from '../views';
import { sendMessagePage, sendPostBinding } from '../pages';
import { isUuid } from '../../domain/ids';

/**
 * The portal. `GET /portal/launch/:productId` is IdP-initiated SSO: an unsolicited signed Response to
 * the product's SP, only when that SP allows unsolicited responses and the user may use the product.
 */
export function portalRoutes(ctx: IdpContext): Router {
  const router = Router();
  router.get('/', (_req, res) => res.redirect(303, '/portal'));
  /** "Mijn Leerpoort": products with a valid licence assigned to the user, at activated participants. */
  router.get('/portal', async (req, res, next) => {
    try {
      const auth = req.session.auth;
      if (!auth) return res.redirect(303, '/login?return=%2Fportal');
      const person = await ctx.repos.people.findById(auth.personId);
      if (!person) return res.redirect(303, '/login');
      const tiles: Array<{ name: string; href: string; iconUrl: string | null; isTeacherApp: boolean }> = [];
      for (const participant of await ctx.repos.participants.list()) {
        const access = await checkParticipantAccess(ctx.repos, person, participant.id, new Date());
        if (!access.allowed) continue;
        for (const product of await ctx.repos.products.listByParticipant(participant.id)) {
          if (!access.productIds.includes(product.id) || (product.isTeacherApp && person.role === 'pupil')) continue;
          const sp = await ctx.repos.serviceProviders.findByProductId(product.id);
          const href = sp?.allowUnsolicited ? `/portal/launch/${product.id}` : product.launchUrl;
          if (href) tiles.push({ name: product.name, href, iconUrl: product.iconUrl, isTeacherApp: product.isTeacherApp });
        }
      }
      res.type('html').send(render('portal.njk', { title: 'Mijn Leerpoort', firstName: person.firstName, isStaff: person.role !== 'pupil', isDelegate: person.role === 'delegate', tiles: tiles.sort((a, b) => a.name.localeCompare(b.name)), csrf: csrfToken(req) }));
    } catch (e) {
      next(e);
    }
  });

  router.get('/account/sessions', async (req, res, next) => {
    try {
      const auth = req.session.auth;
      if (!auth) return res.redirect(303, '/login?return=%2Fportal');
      const fmt = (d: Date | null) => (d ? d.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }) : '—');
      const sessions = (await ctx.repos.sessions.listFor(auth.credentialId, new Date())).map((s) => ({ createdAt: fmt(s.createdAt), lastSeenAt: fmt(s.lastSeenAt), userAgent: s.userAgent ?? '—', current: s.sid === req.sessionID }));
      res.type('html').send(render('sessions.njk', { title: 'Mijn sessies', sessions, csrf: csrfToken(req) }));
    } catch (e) {
      next(e);
    }
  });

  router.post('/account/sessions/logout-all', express.urlencoded({ extended: false, limit: '4kb' }), requireCsrf, async (req, res, next) => {
    try {
      const auth = req.session.auth;
      if (!auth) return res.redirect(303, '/login');
      const ended = await ctx.repos.sessions.destroyAllFor(auth.credentialId);
      await ctx.repos.audit.record({ actor: { type: 'person', id: auth.personId, ip: req.ip ?? null }, action: 'session.logout_everywhere', outcome: 'success', details: { sessions: ended } });
      await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      res.redirect(303, '/login');
    } catch (e) {
      next(e);
    }
  });

  router.get('/portal/launch/:productId', async (req, res, next) => {
    try {
      const auth = req.session.auth;
      if (!auth) return res.redirect(303, '/login?return=%2Fportal');
      const productId = req.params.productId;
      const sp = isUuid(productId) ? await ctx.repos.serviceProviders.findByProductId(productId) : null;
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
      const result = await issueForSession(ctx, req, { sp, acsUrl: acs.location, nameIdFormat });
      if (result.kind === 'refused') return notAvailable();
      sendPostBinding(res, { action: acs.location, field: 'SAMLResponse', value: Buffer.from(result.xml).toString('base64') });
    } catch (e) {
      next(e);
    }
  });
  return router;
}

import { type Response, Router } from 'express';
import { checkParticipantAccess } from '../../domain/licensing/access';
import { answerSso, sessionView } from '../saml/sso.routes';
import { launch } from '../../saml/sso';
import type { IdpContext } from '../../saml/idp-context';
import express from 'express';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { render } from '../views';
import { sendMessagePage } from '../pages';
import { logoutAtSchoolIdp, schoolMayStillBeSignedInPage, sendToSchoolIdp } from '../saml/upstream-logout';
import { isUuid } from '../../domain/ids';
import { orderTiles } from '../../domain/licensing/portal-order';
import type { EndOidcForAccount } from '../../domain/federation/oidc-payloads';

/**
 * The portal. `POST /portal/launch/:productId` is IdP-initiated SSO: an unsolicited signed Response to
 * the product's SP, only when that SP allows unsolicited responses and the user may use the product.
 */
export function portalRoutes(ctx: IdpContext, more: { endOidcForAccount: EndOidcForAccount }): Router {
  const router = Router();
  const notAvailable = (res: Response) =>
    sendMessagePage(res, 404, {
      heading_nl: 'Dit lesmateriaal kan niet vanuit Leerpoort worden gestart',
      heading_en: 'This learning material cannot be started from Leerpoort',
      text_nl: 'Open het lesmateriaal via de app of website van de uitgever.',
      text_en: 'Open it from the publisher’s app or website.',
    });
  router.get('/', (_req, res) => res.redirect(303, '/portal'));
  /**
   * "Mijn Leerpoort": products with a valid licence assigned to the user, at activated participants. Icons
   * come from the hub itself (fetched at registration): the page makes the browser contact no publisher.
   */
  router.get('/portal', async (req, res) => {
    const auth = req.session.auth;
    if (!auth) return res.redirect(303, '/login?return=%2Fportal');
    const person = await ctx.repos.people.findById(auth.personId);
    if (!person) return res.redirect(303, '/login');
    const tiles: Array<{ id: string; name: string; launch: boolean; href: string; isTeacherApp: boolean }> = [];
    for (const participant of await ctx.repos.participants.list()) {
      const access = await checkParticipantAccess(ctx.repos, person, participant.id, new Date());
      if (!access.allowed) continue;
      for (const product of await ctx.repos.products.listByParticipant(participant.id)) {
        if (!access.productIds.includes(product.id) || (product.isTeacherApp && person.role === 'pupil')) continue;
        const sp = await ctx.repos.serviceProviders.findByProductId(product.id);
        if (sp?.allowUnsolicited)
          tiles.push({
            id: product.id,
            name: product.name,
            launch: true,
            href: `/portal/launch/${product.id}`,
            isTeacherApp: product.isTeacherApp,
          });
        else if (product.launchUrl)
          tiles.push({ id: product.id, name: product.name, launch: false, href: product.launchUrl, isTeacherApp: product.isTeacherApp });
      }
    }
    const [withIcon, schoolOrder, launches] = await Promise.all([
      ctx.repos.productIcons.present(tiles.map((t) => t.id)),
      ctx.repos.portal.schoolOrder(person.schoolId),
      ctx.repos.portal.launchCounts(person.id),
    ]);
    const shown = orderTiles(tiles, schoolOrder, launches).map((t) => ({
      ...t,
      icon: withIcon.has(t.id) ? `/icons/${t.id}` : null,
      initial: Array.from(t.name.trim())[0]?.toUpperCase() ?? '?',
    }));
    res.type('html').send(
      render('portal.njk', {
        title: 'Mijn Leerpoort',
        firstName: person.firstName,
        isStaff: person.role !== 'pupil',
        isDelegate: person.role === 'delegate',
        tiles: shown,
        csrf: csrfToken(req),
      }),
    );
  });

  /** A product icon as the hub stored it; never run as a document (SVG included). */
  router.get('/icons/:productId', async (req, res) => {
    const productId = String(req.params.productId);
    const icon = isUuid(productId) ? await ctx.repos.productIcons.find(productId) : null;
    if (!icon) return res.status(404).type('text/plain').send('no icon');
    res.setHeader('Content-Type', icon.contentType);
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.setHeader('ETag', `"${icon.sha256}"`);
    res.send(icon.data);
  });

  router.get('/account/sessions', async (req, res) => {
    const auth = req.session.auth;
    if (!auth) return res.redirect(303, '/login?return=%2Fportal');
    const fmt = (d: Date | null) => (d ? d.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }) : '—');
    const sessions = (await ctx.repos.sessions.listFor(auth.credentialId, new Date())).map((s) => ({
      createdAt: fmt(s.createdAt),
      lastSeenAt: fmt(s.lastSeenAt),
      userAgent: s.userAgent ?? '—',
      current: s.sid === req.sessionID,
    }));
    res.type('html').send(render('sessions.njk', { title: 'Mijn sessies', sessions, csrf: csrfToken(req) }));
  });

  router.post('/account/sessions/logout-all', express.urlencoded({ extended: false, limit: '4kb' }), requireCsrf, async (req, res) => {
    const auth = req.session.auth;
    if (!auth) return res.redirect(303, '/login');
    const ended = await ctx.repos.sessions.destroyAllFor(auth.credentialId);
    // Everywhere includes the OpenID Connect side: the provider's sessions, grants and tokens of this person
    // (its clients told by back-channel logout where they registered for it).
    const oidc = await more.endOidcForAccount(auth.personId);
    await ctx.repos.audit.record({
      actor: { type: 'person', id: auth.personId, ip: req.ip ?? null },
      action: 'session.logout_everywhere',
      outcome: 'success',
      details: { sessions: ended, oidcRecords: oidc.records, oidcBackchannel: oidc.notified },
    });
    const schoolLogin = req.session.upstream;
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    if (!schoolLogin) return res.redirect(303, '/login');
    // Logged in here through the school's IdP: that login ends too (its LogoutResponse finishes the logout).
    const toIdp = await logoutAtSchoolIdp(ctx, schoolLogin, null, false);
    if (toIdp) return sendToSchoolIdp(res, toIdp);
    schoolMayStillBeSignedInPage(res);
  });

  // IdP-initiated launch posts an assertion to a publisher: only from the portal's own form (POST with
  // the CSRF token), so a cross-site link cannot make a logged-in browser do it. A plain GET (an old
  // bookmark) shows the button instead.
  router.get('/portal/launch/:productId', async (req, res) => {
    if (!req.session.auth) return res.redirect(303, '/login?return=%2Fportal');
    const productId = String(req.params.productId);
    const product = isUuid(productId) ? (await ctx.repos.products.findAllByIds([productId]))[0] : undefined;
    if (!product) return notAvailable(res);
    res
      .type('html')
      .send(
        render('launch.njk', { title: product.name, name: product.name, action: `/portal/launch/${product.id}`, csrf: csrfToken(req) }),
      );
  });

  router.post('/portal/launch/:productId', express.urlencoded({ extended: false, limit: '2kb' }), requireCsrf, async (req, res) => {
    if (!req.session.auth) return res.redirect(303, '/login?return=%2Fportal');
    const productId = String(req.params.productId);
    const auth = req.session.auth;
    const outcome = isUuid(productId) ? await launch(ctx, productId, sessionView(req, res)) : ({ kind: 'not-launchable' } as const);
    // A launch that produced a Response counts towards this person's order by use (refusals do not).
    if (outcome.kind === 'response') await ctx.repos.portal.recordLaunch(auth.personId, productId);
    await answerSso(req, res, outcome);
  });
  return router;
}

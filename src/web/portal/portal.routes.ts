import { Router } from 'express';
import type { IdpContext } from '../../saml/idp-context';
import { sendMessagePage } from '../pages';

/** Placeholder landing page after login until the portal of licensed tiles exists. */
export function portalRoutes(_ctx: IdpContext): Router {
  const router = Router();
  router.get('/', (_req, res) => res.redirect(303, '/portal'));
  router.get('/portal', (req, res) => {
    if (!req.session.auth) return res.redirect(303, '/login?return=%2Fportal');
    sendMessagePage(res, 200, {
      heading_nl: 'Je bent ingelogd',
      heading_en: 'You are logged in',
      text_nl: 'Open je lesmateriaal vanuit de app of website van de uitgever.',
      text_en: 'Open your learning materials from the publisher’s app or website.',
    });
  });
  return router;
}

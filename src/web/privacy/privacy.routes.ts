import { Router } from 'express';
import type { Participant } from '../../domain/model';
import type { Repositories } from '../../domain/ports';
import { CATEGORY_TEXT, declaredCategories } from '../../release/categories';
import { render } from '../views';

/**
 * The privacy annex per participant, published (annex 1 D, DPA art. 13.3): a page in Dutch and English and
 * the same as JSON — a machine-readable privacy leaflet at a stable public URL. No login and no session
 * (mounted before the session middleware): schools, parents and publishers read it without an account.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The leaflet as JSON (documented in docs/privacy-annex.md; fields are only ever added). */
export function leaflet(p: Participant, baseUrl: string) {
  return {
    format: 'leerpoort-privacy-annex/1',
    participant: { id: p.id, name: p.name },
    url: `${baseUrl}/privacy/${p.id}`,
    /** false: no annex declared yet; the categories are then the hub's default with the recorded needs. */
    declared: p.annex !== null,
    changedAt: p.annex?.changedAt.toISOString() ?? null,
    categories: declaredCategories(p).map((c) => ({ id: c, nl: CATEGORY_TEXT[c][0], en: CATEGORY_TEXT[c][1] })),
    purposes: p.annex?.purposes ?? [],
    subProcessors: p.annex?.subProcessors ?? [],
    storageLocation: p.annex?.storageLocation ?? null,
  };
}

export function privacyRoutes(deps: { repos: Pick<Repositories, 'participants'>; baseUrl: string }): Router {
  const router = Router();
  const find = async (id: string) => (UUID.test(id) ? deps.repos.participants.findById(id) : null);
  const notFound = 'Onbekende uitgever / Unknown participant';

  router.get('/privacy.json', async (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json({
      participants: (await deps.repos.participants.list()).map((p) => ({
        id: p.id,
        name: p.name,
        url: `${deps.baseUrl}/privacy/${p.id}`,
        json: `${deps.baseUrl}/privacy/${p.id}.json`,
      })),
    });
  });

  router.get('/privacy', async (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=300');
    const participants = await deps.repos.participants.list();
    res.type('html').send(render('privacy-list.njk', { title: 'Privacybijsluiters / Privacy leaflets', participants }));
  });

  router.get('/privacy/:id.json', async (req, res) => {
    const p = await find(String(req.params.id));
    if (!p) return void res.status(404).json({ error: 'not_found', message: notFound });
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(leaflet(p, deps.baseUrl));
  });

  router.get('/privacy/:id', async (req, res) => {
    const p = await find(String(req.params.id));
    if (!p)
      return void res
        .status(404)
        .type('html')
        .send(
          render('message.njk', {
            title: notFound,
            heading_nl: 'Onbekende uitgever',
            heading_en: 'Unknown participant',
            text_nl: 'Deze privacybijsluiter bestaat niet.',
            text_en: 'This privacy leaflet does not exist.',
            link: { href: '/privacy', label: 'Alle privacybijsluiters / All privacy leaflets' },
          }),
        );
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('html').send(render('privacy.njk', { title: `Privacybijsluiter / Privacy leaflet: ${p.name}`, l: leaflet(p, deps.baseUrl) }));
  });

  return router;
}

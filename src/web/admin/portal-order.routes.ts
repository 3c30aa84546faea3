import express, { Router } from 'express';
import type { PortalOrderService, TileMove } from '../../domain/licensing/portal-order';
import { ValidationError } from '../../domain/errors';
import { requireCsrf } from '../middleware/csrf';
import { adminActor, adminOf, renderAdmin } from './context';

const form = express.urlencoded({ extended: false, limit: '2kb' });
const MOVES: readonly TileMove[] = ['up', 'down', 'first'];

/** The order of the tiles on "Mijn Leerpoort" for the delegate's school: move one product, or clear. */
export function portalOrderRoutes(deps: { portalOrder: PortalOrderService }): Router {
  const router = Router();

  router.get('/admin/portal', async (req, res) => {
    const { school } = adminOf(res);
    const items = await deps.portalOrder.list(school.id);
    renderAdmin(req, res, 'admin/portal-order.njk', {
      titleKey: 'tiles.title',
      items,
      ordered: items.some((i) => i.position !== null),
      saved: req.query.saved === '1',
    });
  });

  router.post('/admin/portal', form, requireCsrf, async (req, res) => {
    const { school } = adminOf(res);
    const actor = adminActor(req, res);
    if (req.body.clear === '1') {
      await deps.portalOrder.clear(school.id, actor);
    } else {
      const move = String(req.body.move ?? '') as TileMove;
      if (!MOVES.includes(move)) throw new ValidationError('Onbekende verplaatsing. / Unknown move.');
      await deps.portalOrder.move(school.id, String(req.body.product ?? ''), move, actor);
    }
    // Back to the same product's row, so a keyboard user keeps their place.
    res.redirect(303, `/admin/portal?saved=1${req.body.product ? `#tile-${encodeURIComponent(String(req.body.product))}` : ''}`);
  });

  return router;
}

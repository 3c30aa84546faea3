import express, { type Request, type Response, Router } from 'express';
import type { DisruptionService } from '../../domain/disruptions/disruption.service';
import { isAppError } from '../../domain/errors';
import { requireCsrf } from '../middleware/csrf';
import { adminActor, adminOf, renderAdmin } from './context';

const form = express.urlencoded({ extended: false, limit: '16kb' });

/** A delegate reports a disruption (agreement art. 5) and follows the school's own reports. */
export function disruptionRoutes(deps: { disruptions: DisruptionService }): Router {
  const router = Router();

  const page = async (req: Request, res: Response, status = 200, extra: Record<string, unknown> = {}) => {
    const { school } = adminOf(res);
    renderAdmin(
      req,
      res,
      'admin/disruptions.njk',
      { titleKey: 'disruptions.title', reports: await deps.disruptions.listBySchool(school.id), saved: req.query.saved === '1', ...extra },
      status,
    );
  };

  router.get('/admin/disruptions', (req, res, next) => {
    page(req, res).catch(next);
  });

  router.post('/admin/disruptions', form, requireCsrf, async (req, res) => {
    const { school } = adminOf(res);
    const description = String(req.body.description ?? '');
    try {
      await deps.disruptions.reportBySchool(school.id, description, adminActor(req, res));
    } catch (e) {
      if (isAppError(e) && e.kind === 'validation') return page(req, res, 400, { error: e.publicMessage, description });
      throw e;
    }
    res.redirect(303, '/admin/disruptions?saved=1');
  });

  return router;
}

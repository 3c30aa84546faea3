import express, { type Request, type Response, Router } from 'express';
import { ValidationError } from '../../domain/errors';
import { formatBrin } from '../../domain/identity/brin';
import type { SchoolService } from '../../domain/identity/school.service';
import type { Repositories } from '../../domain/ports';
import { requireCsrf } from '../middleware/csrf';
import { adminActor, adminOf, renderAdmin } from './context';

const form = express.urlencoded({ extended: false, limit: '16kb' });

/** Home access on/off with the school's network ranges, and the two-step requirement for teachers. */
export function settingsRoutes(deps: { repos: Pick<Repositories, 'schoolNetworks' | 'schools'>; schools: SchoolService }): Router {
  const router = Router();

  const page = async (req: Request, res: Response, status = 200, error?: string, networksText?: string) => {
    const { school } = adminOf(res);
    const fresh = (await deps.repos.schools.findById(school.id))!;
    renderAdmin(
      req,
      res,
      'admin/settings.njk',
      {
        titleKey: 'settings.title',
        settings: fresh,
        networks: networksText ?? (await deps.repos.schoolNetworks.list(school.id)).join('\n'),
        error,
        saved: req.query.saved === '1',
      },
      status,
    );
  };

  router.get('/admin/settings', (req, res, next) => {
    page(req, res).catch(next);
  });

  router.post('/admin/settings', form, requireCsrf, async (req, res) => {
    const { school } = adminOf(res);
    const actor = adminActor(req, res);
    const brin = formatBrin({ brin: school.brin, dependanceCode: school.dependanceCode });
    const networksText = String(req.body.networks ?? '');
    try {
      // Networks first: a bad range changes nothing at all.
      await deps.schools.setNetworks(brin, networksText.split(/[\s,]+/), actor);
    } catch (e) {
      if (e instanceof ValidationError) return page(req, res, 400, e.message, networksText);
      throw e;
    }
    const homeAccess = req.body.homeAccess === 'on';
    const teacher2fa = req.body.teacher2fa === 'on';
    if (homeAccess !== school.homeAccessEnabled) await deps.schools.setHomeAccess(brin, homeAccess, actor);
    if (teacher2fa !== school.teacher2faRequired) await deps.schools.setTeacherTwoFactor(brin, teacher2fa, actor);
    res.redirect(303, '/admin/settings?saved=1');
  });

  return router;
}

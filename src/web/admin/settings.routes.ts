import express, { type Request, type Response, Router } from 'express';
import { ValidationError } from '../../domain/errors';
import { formatBrin } from '../../domain/identity/brin';
import type { SchoolService } from '../../domain/identity/school.service';
import type { MisuseService } from '../../domain/misuse/misuse.service';
import type { Repositories } from '../../domain/ports';
import { requireCsrf } from '../middleware/csrf';
import { adminActor, adminOf, renderAdmin } from './context';

const form = express.urlencoded({ extended: false, limit: '16kb' });

/**
 * Home access on/off with the school's network ranges, the two-step requirement for teachers, and the school
 * board's address that art. 12 mail also goes to (its own form: one change, one transaction, one audit entry).
 */
export function settingsRoutes(deps: {
  repos: Pick<Repositories, 'schoolNetworks' | 'schools' | 'misuse'>;
  schools: SchoolService;
  misuse: Pick<MisuseService, 'setBoardEmail'>;
}): Router {
  const router = Router();

  const page = async (
    req: Request,
    res: Response,
    status = 200,
    error?: string,
    networksText?: string,
    board?: { value: string; error: string },
  ) => {
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
        boardSaved: req.query.saved === 'board',
        boardEmail: board ? board.value : ((await deps.repos.misuse.boardEmail(school.id)) ?? ''),
        boardError: board?.error,
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

  // Empty clears the address, as `school board --clear` does; the domain service validates and audits.
  router.post('/admin/settings/board', form, requireCsrf, async (req, res) => {
    const { school } = adminOf(res);
    const value = String(req.body.boardEmail ?? '');
    try {
      await deps.misuse.setBoardEmail(
        formatBrin({ brin: school.brin, dependanceCode: school.dependanceCode }),
        value,
        adminActor(req, res),
      );
    } catch (e) {
      if (e instanceof ValidationError) return page(req, res, 400, undefined, undefined, { value, error: e.message });
      throw e;
    }
    res.redirect(303, '/admin/settings?saved=board');
  });

  return router;
}

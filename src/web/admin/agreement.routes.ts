import { warningState } from '../../domain/misuse/suspension';
import express, { Router } from 'express';
import type { AgreementService } from '../../domain/agreements/agreement.service';
import { ValidationError } from '../../domain/errors';
import type { Repositories } from '../../domain/ports';
import { requireCsrf } from '../middleware/csrf';
import { adminOf, renderAdmin } from './context';
import { LANG_COOKIE } from './i18n';
import { displayName } from '../../domain/model';

const form = express.urlencoded({ extended: false, limit: '4kb' });

/** Overview, the agreement (Akkoord, history, termination) and the language switch. */
export function agreementRoutes(deps: {
  repos: Pick<Repositories, 'agreements' | 'groups' | 'misuse' | 'people'>;
  agreements: AgreementService;
  secure: boolean;
}): Router {
  const router = Router();

  router.get('/admin/lang', (req, res) => {
    const to = req.query.to === 'en' ? 'en' : 'nl';
    res.cookie(LANG_COOKIE, to, { httpOnly: true, secure: deps.secure, sameSite: 'lax', maxAge: 365 * 86_400_000, path: '/' });
    const back = typeof req.query.back === 'string' && /^\/admin(\/[A-Za-z0-9/_-]*)?$/.test(req.query.back) ? req.query.back : '/admin';
    res.redirect(303, back);
  });

  router.get('/admin', async (req, res) => {
    const { school, agreement } = adminOf(res);
    const people = await deps.repos.people.listBySchool(school.id);
    const active = people.filter((p) => p.status === 'active');
    renderAdmin(req, res, 'admin/home.njk', {
      titleKey: 'nav.home',
      counts: {
        pupils: active.filter((p) => p.role === 'pupil').length,
        staff: active.filter((p) => p.role !== 'pupil').length,
        groups: (await deps.repos.groups.listBySchool(school.id)).length,
      },
      termination: await deps.repos.agreements.termination(school.id),
      // Open written warnings (agreement art. 12): what was seen, what to do, by when.
      warnings: (await deps.repos.misuse.warningsOf(school.id))
        .map((w) => ({ ...w, state: warningState(w, new Date()) }))
        .filter((w) => w.state !== 'closed'),
      upcoming: agreement.kind === 'accepted' ? agreement.upcoming : null,
    });
  });

  router.get('/admin/agreement', async (req, res) => {
    const { school, agreement } = adminOf(res);
    const acceptances = await deps.repos.agreements.acceptances(school.id);
    const names = new Map<string, string>();
    for (const a of acceptances) {
      if (names.has(a.acceptedBy)) continue;
      const p = await deps.repos.people.findById(a.acceptedBy);
      names.set(a.acceptedBy, p ? displayName(p) : a.acceptedBy.slice(0, 8));
    }
    renderAdmin(req, res, 'admin/agreement.njk', {
      titleKey: 'agreement.title',
      status: agreement,
      upcomingAccepted:
        agreement.kind === 'accepted' && agreement.upcoming ? acceptances.some((a) => a.versionId === agreement.upcoming!.id) : false,
      acceptances: acceptances.map((a) => ({ ...a, acceptedByName: names.get(a.acceptedBy) })),
      termination: await deps.repos.agreements.termination(school.id),
    });
  });

  router.post('/admin/agreement/accept', form, requireCsrf, async (req, res) => {
    const { school, me } = adminOf(res);
    await deps.agreements.accept(school, String(req.body.version ?? ''), me.id, req.ip ?? null);
    res.redirect(303, '/admin');
  });

  router.post('/admin/agreement/terminate', form, requireCsrf, async (req, res) => {
    const { school, me } = adminOf(res);
    if (req.body.confirm !== 'yes') throw new ValidationError('Bevestig de opzegging. / Please confirm the termination.');
    await deps.agreements.terminate(school, me.id, req.ip ?? null);
    res.redirect(303, '/admin/agreement');
  });

  return router;
}

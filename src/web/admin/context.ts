import type { NextFunction, Request, Response } from 'express';
import type { AgreementService, AgreementStatus } from '../../domain/agreements/agreement.service';
import { ForbiddenError } from '../../domain/errors';
import type { Actor, Person, School } from '../../domain/model';
import type { Repositories } from '../../domain/ports';
import { csrfToken } from '../middleware/csrf';
import { render } from '../views';
import { assertSecondFactorWhereRequired } from '../session';
import { type Lang, langOf, translator } from './i18n';

/** Who is using the management screen, for which school, in which language. */
export interface AdminContext {
  readonly me: Person;
  readonly school: School;
  readonly lang: Lang;
  readonly t: (key: string) => string;
  readonly agreement: AgreementStatus;
}

export const adminOf = (res: Response): AdminContext => res.locals.admin as AdminContext;

/** The delegate as the audit's actor for what they do in the screen (with address and request id). */
export const adminActor = (req: Request, res: Response): Actor => ({
  type: 'person',
  id: adminOf(res).me.id,
  ip: req.ip ?? null,
  requestId: String(res.locals.requestId ?? '') || null,
});

/**
 * Only a school delegate, logged in with the second factor, reaches the screen; every route below works
 * for this delegate's own school only. Until the agreement in force is accepted, only the agreement page
 * (and the language switch) opens.
 */
export function adminGuard(deps: { repos: Pick<Repositories, 'people' | 'schools'>; agreements: AgreementService }) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const auth = req.session.auth;
    if (!auth) return res.redirect(303, `/login?return=${encodeURIComponent('/portal')}`);
    const me = await deps.repos.people.findById(auth.personId);
    if (me?.role !== 'delegate' || me.status !== 'active')
      throw new ForbiddenError('Alleen voor beheerders van de school. / School delegates only.');
    const school = (await deps.repos.schools.findById(me.schoolId))!;
    assertSecondFactorWhereRequired(auth, me, school);
    const lang = langOf(req);
    const agreement = await deps.agreements.status(school.id);
    res.locals.admin = { me, school, lang, t: translator(lang), agreement } satisfies AdminContext;
    res.setHeader('Cache-Control', 'no-store');
    // Mounted at /admin: req.path is relative to it.
    const open = req.path === '/agreement' || req.path.startsWith('/agreement/') || req.path === '/lang';
    if (agreement.kind !== 'accepted' && !open) return res.redirect(303, '/admin/agreement');
    next();
  };
}

/** Renders an admin page with the shared context (texts, navigation, CSRF token). */
export function renderAdmin(req: Request, res: Response, view: string, ctx: Record<string, unknown>, status = 200): void {
  const a = adminOf(res);
  res
    .status(status)
    .type('html')
    .send(
      render(view, {
        title: a.t(String(ctx.titleKey ?? 'app.title')),
        lang: a.lang,
        t: a.t,
        me: a.me,
        school: a.school,
        agreementOk: a.agreement.kind === 'accepted',
        csrf: csrfToken(req),
        path: req.baseUrl + req.path,
        ...formatters(a.lang),
        ...ctx,
      }),
    );
}

/** Dates and times as the school reads them: Europe/Amsterdam, in the page's language. */
export function formatters(lang: Lang) {
  const locale = lang === 'en' ? 'en-GB' : 'nl-NL';
  return {
    fmtDate: (d: Date | string | null | undefined) =>
      d ? new Date(d).toLocaleDateString(locale, { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' }) : '—',
    fmtTime: (d: Date | string | null | undefined) => (d ? new Date(d).toLocaleString(locale, { timeZone: 'Europe/Amsterdam' }) : '—'),
  };
}

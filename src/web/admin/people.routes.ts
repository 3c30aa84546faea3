import express, { type Request, type Response, Router } from 'express';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors';
import type { TwoFactorService } from '../../domain/identity/two-factor.service';
import type { AccountService } from '../../domain/identity/account.service';
import type { PasswordResetService } from '../../domain/identity/password-reset.service';
import type { PersonRecord, PersonRecordsService } from '../../domain/identity/person-records.service';
import { avatarById } from '../../domain/identity/pictures';
import { displayName, type Person } from '../../domain/model';
import type { Repositories } from '../../domain/ports';
import { requireCsrf } from '../middleware/csrf';
import { render } from '../views';
import { adminActor, adminOf, formatters, renderAdmin } from './context';

const PAGE_SIZE = 25;
const form = express.urlencoded({ extended: false, limit: '4kb' });

/**
 * Pupils, teachers and groups: list, search, sort, page; a person's page shows everything the hub holds
 * (inzage) with JSON export and a printable version; home-access addresses are corrected here (the LAS
 * does not own them); deletion on the school's request. Names are encrypted at rest, so searching and
 * sorting happen after decryption, per school (a primary school has hundreds of people, not millions).
 */
export function peopleRoutes(deps: {
  repos: Pick<Repositories, 'audit' | 'credentials' | 'groups' | 'people'>;
  records: PersonRecordsService;
  accounts: AccountService;
  passwordReset: PasswordResetService;
  twoFactor: TwoFactorService;
}): Router {
  const router = Router();

  router.get('/admin/people', async (req, res) => {
    const { school } = adminOf(res);
    const role = req.query.role === 'staff' ? 'staff' : 'pupil';
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 60) : '';
    const sort = ['first', 'group'].includes(String(req.query.sort)) ? String(req.query.sort) : 'last';
    const groupFilter = typeof req.query.group === 'string' ? req.query.group : '';
    const groups = new Map((await deps.repos.groups.listBySchool(school.id)).map((g) => [g.id, g]));
    const memberships = await deps.repos.groups.membershipsAtSchool(school.id);
    const groupsOf = new Map<string, string[]>();
    for (const m of memberships) groupsOf.set(m.personId, [...(groupsOf.get(m.personId) ?? []), groups.get(m.groupId)?.name ?? '']);
    let rows = (await deps.repos.people.listBySchool(school.id)).filter((p) =>
      role === 'pupil' ? p.role === 'pupil' : p.role !== 'pupil',
    );
    if (groupFilter) rows = rows.filter((p) => memberships.some((m) => m.personId === p.id && m.groupId === groupFilter));
    const usernames = await deps.repos.credentials.usernamesOf(rows.map((p) => p.id));
    if (q) {
      const needle = q.toLowerCase();
      rows = rows.filter((p) =>
        [displayName(p), usernames.get(p.id), ...(groupsOf.get(p.id) ?? [])].some((v) => v?.toLowerCase().includes(needle)),
      );
    }
    const collator = new Intl.Collator('nl', { sensitivity: 'base' });
    const key = (p: Person) =>
      sort === 'first'
        ? `${p.firstName} ${p.lastName}`
        : sort === 'group'
          ? `${(groupsOf.get(p.id) ?? ['~'])[0]} ${p.lastName}`
          : `${p.lastName} ${p.firstName}`;
    rows.sort((a, b) => collator.compare(key(a), key(b)));
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    const page = Math.min(Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1), pages);
    const shown = rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((p) => ({
      id: p.id,
      name: displayName(p),
      role: p.role,
      username: usernames.get(p.id),
      groups: (groupsOf.get(p.id) ?? []).join(', '),
      active: p.status === 'active',
    }));
    const link = (n: number) =>
      `/admin/people?${new URLSearchParams({ role, q, sort, ...(groupFilter ? { group: groupFilter } : {}), page: String(n) })}`;
    renderAdmin(req, res, 'admin/people.njk', {
      titleKey: role === 'pupil' ? 'people.pupils' : 'people.staff',
      role,
      q,
      sort,
      group: groupFilter,
      people: shown,
      total: rows.length,
      page,
      pages,
      prev: page > 1 ? link(page - 1) : null,
      next: page < pages ? link(page + 1) : null,
    });
  });

  router.get('/admin/groups', async (req, res) => {
    const { school } = adminOf(res);
    const memberships = await deps.repos.groups.membershipsAtSchool(school.id);
    const groups = (await deps.repos.groups.listBySchool(school.id))
      .map((g) => ({ ...g, members: memberships.filter((m) => m.groupId === g.id && m.roleInGroup === 'member').length }))
      .sort((a, b) => (a.yearGroup ?? 99) - (b.yearGroup ?? 99) || a.name.localeCompare(b.name, 'nl'));
    renderAdmin(req, res, 'admin/groups.njk', { titleKey: 'groups.title', groups });
  });

  const recordView = (r: PersonRecord) => ({
    ...r,
    name: displayName(r.person),
    avatar: r.account?.pictureAvatar ? avatarById(r.account.pictureAvatar) : null,
  });

  const personPage = async (req: Request, res: Response, status = 200, error?: string) => {
    const { school } = adminOf(res);
    const record = await deps.records.inspect(String(req.params.id), school.id);
    renderAdmin(
      req,
      res,
      'admin/person.njk',
      {
        titleKey: 'person.title',
        r: recordView(record),
        error,
        resetSent: req.query.reset === 'sent',
        twoFactorReset: req.query.notice === 'two-factor-reset',
        isMe: record.person.id === adminOf(res).me.id,
      },
      status,
    );
  };

  router.get('/admin/people/:id', (req, res, next) => {
    personPage(req, res).catch(next);
  });

  router.get('/admin/people/:id/export.json', async (req, res) => {
    const { school } = adminOf(res);
    const record = await deps.records.inspect(String(req.params.id), school.id);
    await deps.repos.audit.record({
      actor: adminActor(req, res),
      action: 'person.export',
      outcome: 'success',
      schoolId: school.id,
      targetType: 'person',
      targetId: record.person.id,
    });
    res.setHeader('Content-Disposition', `attachment; filename="leerpoort-inzage-${record.person.id}.json"`);
    res
      .type('application/json')
      .send(JSON.stringify({ exportedAt: new Date().toISOString(), school: { brin: school.brin, name: school.name }, ...record }, null, 2));
  });

  router.get('/admin/people/:id/print', async (req, res) => {
    const a = adminOf(res);
    const record = await deps.records.inspect(String(req.params.id), a.school.id);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(
      render('admin/person-print.njk', {
        title: a.t('person.title'),
        lang: a.lang,
        t: a.t,
        ...formatters(a.lang),
        school: a.school,
        r: recordView(record),
        printedAt: new Date().toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }),
      }),
    );
  });

  router.post('/admin/people/:id/home-emails', form, requireCsrf, async (req, res) => {
    const { school } = adminOf(res);
    const person = await deps.records.personAtSchool(String(req.params.id), school.id);
    const credential = await deps.repos.credentials.findByPersonId(person.id);
    if (!credential) throw new NotFoundError('Deze leerling heeft geen account. / This pupil has no account.');
    const add = typeof req.body.add === 'string' ? req.body.add : undefined;
    const remove = typeof req.body.remove === 'string' ? req.body.remove : undefined;
    try {
      await deps.accounts.changeHomeAccessEmail(credential.username, add !== undefined ? { add } : { remove }, adminActor(req, res));
    } catch (e) {
      if (e instanceof ValidationError || e instanceof ConflictError || e instanceof NotFoundError)
        return personPage(req, res, 400, e.message);
      throw e;
    }
    res.redirect(303, `/admin/people/${person.id}`);
  });

  // Staff choose their own password: the school sends them the one-time link (to their work address).
  router.post('/admin/people/:id/reset-link', form, requireCsrf, async (req, res) => {
    const { school } = adminOf(res);
    const person = await deps.records.personAtSchool(String(req.params.id), school.id);
    const credential = await deps.repos.credentials.findByPersonId(person.id);
    if (person.role === 'pupil' || !person.staffEmail || !credential)
      return personPage(req, res, 400, 'Alleen voor medewerkers met een e-mailadres. / Only for staff with an e-mail address.');
    await deps.passwordReset.request(credential.username, adminActor(req, res));
    res.redirect(303, `/admin/people/${person.id}?reset=sent`);
  });

  // A colleague lost their phone: another delegate of the school removes their second factor (audited,
  // the colleague is mailed, their sessions end; they set up a new one at the next login).
  router.post('/admin/people/:id/two-factor-reset', form, requireCsrf, async (req, res) => {
    const { school, me } = adminOf(res);
    const person = await deps.records.personAtSchool(String(req.params.id), school.id);
    try {
      await deps.twoFactor.resetBySchool(me.id, person.id, adminActor(req, res));
    } catch (e) {
      if (e instanceof ConflictError || e instanceof ForbiddenError) return personPage(req, res, 400, e.message);
      throw e;
    }
    res.redirect(303, `/admin/people/${person.id}?notice=two-factor-reset`);
  });

  router.post('/admin/people/:id/delete', form, requireCsrf, async (req, res) => {
    const { school } = adminOf(res);
    const person = await deps.records.personAtSchool(String(req.params.id), school.id);
    try {
      await deps.records.deleteOnRequest(person.id, school.id, adminActor(req, res), String(req.body.confirm ?? ''));
    } catch (e) {
      if (e instanceof ValidationError) return personPage(req, res, 400, e.message);
      throw e;
    }
    res.redirect(303, `/admin/people?role=${person.role === 'pupil' ? 'pupil' : 'staff'}&deleted=1`);
  });

  return router;
}

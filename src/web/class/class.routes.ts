import express, { type Request, type Response, Router } from 'express';
import QRCode from 'qrcode';
import { ForbiddenError, NotFoundError } from '../../domain/errors';
import { AVATARS, PASSWORD_PICTURES, avatarById } from '../../domain/identity/pictures';
import type { PupilLoginService } from '../../domain/identity/pupil-login.service';
import { displayName, type Person } from '../../domain/model';
import type { Repositories } from '../../domain/ports';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { render } from '../views';
import { assertSecondFactorWhereRequired } from '../session';
import { isUuid } from '../../domain/ids';

const fmtDate = (d: Date) =>
  d.toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' });

/**
 * "Mijn groep" for teachers (and the school's delegates): the pupils of their groups, a new picture
 * password (shown once, to print or tell), login cards to print, and revoking a lost card.
 * A teacher reaches only pupils of groups they teach; a delegate every pupil of the school.
 */
export function classRoutes(deps: {
  pupilLogin: PupilLoginService;
  repos: Pick<Repositories, 'credentials' | 'groups' | 'loginCards' | 'people' | 'schools'>;
}): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });

  /** A teacher or delegate — with the second factor whenever their role and school require it (as /admin does). */
  const staff = async (req: Request, res: Response): Promise<Person | null> => {
    const auth = req.session.auth;
    if (!auth) {
      res.redirect(303, '/login?return=%2Fportal');
      return null;
    }
    const person = await deps.repos.people.findById(auth.personId);
    if (person?.status !== 'active' || (person.role !== 'teacher' && person.role !== 'delegate'))
      throw new ForbiddenError('Alleen voor leerkrachten. / Teachers only.');
    const school = await deps.repos.schools.findById(person.schoolId);
    if (school) assertSecondFactorWhereRequired(auth, person, school);
    return person;
  };
  const actor = (req: Request, person: Person) => ({ type: 'person' as const, id: person.id, ip: req.ip ?? null });
  const pupilParam = (req: Request) => {
    const id = String(req.params.pupilId ?? '');
    if (!isUuid(id)) throw new NotFoundError('Onbekende leerling. / Unknown pupil.');
    return id;
  };

  router.get('/class', async (req, res) => {
    const me = await staff(req, res);
    if (!me) return;
    const allGroups = await deps.repos.groups.listBySchool(me.schoolId);
    const taught = new Set((await deps.repos.groups.membershipsOf(me.id)).filter((m) => m.roleInGroup === 'teacher').map((m) => m.groupId));
    const groups = [];
    for (const group of allGroups.filter((g) => me.role === 'delegate' || taught.has(g.id))) {
      const pictures = new Map((await deps.repos.credentials.pictureAccountsInGroup(group.id)).map((a) => [a.personId, a.avatar]));
      const pupils = [];
      for (const id of await deps.repos.groups.memberIds(group.id)) {
        const p = await deps.repos.people.findById(id);
        if (p?.role !== 'pupil' || p.status !== 'active') continue;
        const cards = await deps.repos.loginCards.listFor(p.id);
        const working = cards.find((c) => !c.revokedAt && c.expiresAt > new Date());
        pupils.push({
          id: p.id,
          name: displayName(p),
          avatar: avatarById(pictures.get(p.id) ?? ''),
          card: working ? fmtDate(working.expiresAt) : null,
        });
      }
      pupils.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
      groups.push({ id: group.id, name: group.name, pupils });
    }
    res.type('html').send(
      render('class.njk', {
        title: 'Mijn groep',
        groups,
        csrf: csrfToken(req),
        notice: req.query.revoked ? 'De inlogkaart is ingetrokken. / The login card was revoked.' : undefined,
      }),
    );
  });

  router.post('/class/pupils/:pupilId/pictures', form, requireCsrf, async (req, res) => {
    const me = await staff(req, res);
    if (!me) return;
    const pupil = await deps.pupilLogin.assertMayManage(me.id, pupilParam(req));
    const { avatar, sequence } = await deps.pupilLogin.resetPicturePassword(pupil.id, actor(req, me));
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(
      render('class-pictures.njk', {
        title: 'Nieuw plaatjeswachtwoord',
        firstName: pupil.firstName,
        avatar: avatarById(avatar) ?? AVATARS[0],
        sequence: sequence.map((id) => PASSWORD_PICTURES.find((p) => p.id === id)),
      }),
    );
  });

  router.post('/class/pupils/:pupilId/password', form, requireCsrf, async (req, res) => {
    const me = await staff(req, res);
    if (!me) return;
    const pupil = await deps.pupilLogin.assertMayManage(me.id, pupilParam(req));
    const password = await deps.pupilLogin.resetPassword(pupil.id, actor(req, me));
    const credential = await deps.repos.credentials.findByPersonId(pupil.id);
    res.setHeader('Cache-Control', 'no-store');
    res
      .type('html')
      .send(
        render('class-password.njk', { title: 'Nieuw wachtwoord', firstName: pupil.firstName, username: credential?.username, password }),
      );
  });

  router.post('/class/pupils/:pupilId/card', form, requireCsrf, async (req, res) => {
    const me = await staff(req, res);
    if (!me) return;
    const pupil = await deps.pupilLogin.assertMayManage(me.id, pupilParam(req));
    const { card, token, revoked } = await deps.pupilLogin.issueCard(pupil.id, actor(req, me));
    const school = await deps.repos.schools.findById(pupil.schoolId);
    const avatar = avatarById((await deps.pupilLogin.pictureAccountFor(pupil.id))?.avatar ?? '');
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(
      render('class-card.njk', {
        title: 'Inlogkaart',
        firstName: pupil.firstName,
        school: school?.name,
        avatar,
        qr: await QRCode.toDataURL(token, { margin: 2, width: 240, errorCorrectionLevel: 'M' }),
        token,
        expires: fmtDate(card.expiresAt),
        revoked,
      }),
    );
  });

  router.post('/class/pupils/:pupilId/cards/revoke', form, requireCsrf, async (req, res) => {
    const me = await staff(req, res);
    if (!me) return;
    const pupil = await deps.pupilLogin.assertMayManage(me.id, pupilParam(req));
    await deps.pupilLogin.revokeCards(pupil.id, actor(req, me));
    res.redirect(303, '/class?revoked=1');
  });

  return router;
}

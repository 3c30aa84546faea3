import express, { type Request, type Response, Router } from 'express';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { AVATARS, avatarById, PASSWORD_PICTURES, PICTURE_PASSWORD_LENGTH, parsePictureSequence } from '../../domain/identity/pictures';
import type { PupilLoginService, PupilLoginResult } from '../../domain/identity/pupil-login.service';
import type { Repositories } from '../../domain/ports';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { sendMessagePage } from '../pages';
import { afterLoginPath, startLoggedInSession } from '../session';
import { render } from '../views';
import type { KnownDevices } from './known-device';
import { MESSAGES, sendOutsideNetworkPage, sendSchoolSuspendedPage, sendThrottledPage } from './messages';
import { isUuid } from '../../domain/ids';
import { loginChoiceCookie, readCookie } from '../cookies';

/** Remembers the chosen school on this device (a functional cookie: a school id, nothing personal). */
export const SCHOOL_COOKIE = 'leerpoort.school';

export const pictureGridContext = () => ({ pictures: PASSWORD_PICTURES, length: PICTURE_PASSWORD_LENGTH });

/**
 * Picture login for young pupils: school (remembered on the device) → group → own picture → picture
 * password. Names and pictures of a group are shown only to the school's own network (or anywhere when
 * the school turned home access on), the same rule the login itself obeys.
 */
export function pictureLoginRoutes(deps: {
  pupilLogin: PupilLoginService;
  repos: Pick<Repositories, 'credentials' | 'groups' | 'people' | 'schools'>;
  knownDevices: KnownDevices;
  secure: boolean;
}): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const page = (res: Response, view: string, ctx: Record<string, unknown>, status = 200) =>
    res.status(status).type('html').send(render(view, ctx));
  const unknownSchool = (res: Response) =>
    sendMessagePage(res, 404, {
      heading_nl: 'School niet gevonden',
      heading_en: 'School not found',
      text_nl: 'Deze school kennen we niet. Zoek je school opnieuw op naam of BRIN-nummer.',
      text_en: 'We do not know this school. Search for your school again by name or BRIN number.',
      link: { href: '/login/pictures?change=1', label: 'Zoek je school / Find your school' },
    });

  /** The school of the URL, or a friendly refusal already sent (unknown school, outside the school network). */
  const reachableSchool = async (req: Request, res: Response) => {
    const schoolId = String(req.params.schoolId ?? '');
    if (!isUuid(schoolId)) {
      unknownSchool(res);
      return null;
    }
    try {
      const { school, reachable } = await deps.pupilLogin.schoolIfReachable(schoolId, req.ip);
      if (!reachable) {
        sendOutsideNetworkPage(res);
        return null;
      }
      return school;
    } catch (e) {
      if (e instanceof NotFoundError) {
        unknownSchool(res);
        return null;
      }
      throw e;
    }
  };

  router.get('/login/pictures', async (req, res) => {
    const remembered = readCookie(req, SCHOOL_COOKIE);
    if (remembered && isUuid(remembered) && !req.query.change && (await deps.repos.schools.findById(remembered)))
      return res.redirect(303, `/login/pictures/${remembered}`);
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 60) : '';
    const schools = q.length >= 2 ? await deps.repos.schools.search(q, 20) : [];
    page(res, 'pictures-school.njk', { title: 'Kies je school', q, schools, searched: q.length >= 2, tooShort: q.length === 1 });
  });

  router.get('/login/pictures/:schoolId', async (req, res) => {
    const school = await reachableSchool(req, res);
    if (!school) return;
    res.cookie(SCHOOL_COOKIE, school.id, loginChoiceCookie(deps.secure));
    const groups = (await deps.repos.groups.listBySchool(school.id)).sort(
      (a, b) => (a.yearGroup ?? 99) - (b.yearGroup ?? 99) || a.name.localeCompare(b.name, 'nl'),
    );
    page(res, 'pictures-groups.njk', { title: 'Kies je groep', school, groups });
  });

  router.get('/login/pictures/:schoolId/groups/:groupId', async (req, res) => {
    const school = await reachableSchool(req, res);
    if (!school) return;
    const groupId = String(req.params.groupId ?? '');
    const group = isUuid(groupId) ? await deps.repos.groups.findById(groupId) : null;
    if (!group || group.schoolId !== school.id) return unknownSchool(res);
    const accounts = await deps.repos.credentials.pictureAccountsInGroup(group.id);
    const pupils = [];
    for (const a of accounts) {
      const person = await deps.repos.people.findById(a.personId);
      if (person) pupils.push({ id: person.id, firstName: person.firstName, avatar: avatarById(a.avatar) ?? AVATARS[0] });
    }
    pupils.sort((a, b) => a.firstName.localeCompare(b.firstName, 'nl'));
    page(res, 'pictures-pupils.njk', { title: 'Wie ben jij?', school, group, pupils });
  });

  const pupilPage = async (req: Request, res: Response, status: number, error?: string) => {
    const school = await reachableSchool(req, res);
    if (!school) return;
    const personId = String(req.params.personId ?? '');
    const person = isUuid(personId) ? await deps.repos.people.findById(personId) : null;
    const login =
      person && person.schoolId === school.id && person.status === 'active' ? await deps.repos.credentials.pictureLogin(person.id) : null;
    if (!person || !login) return unknownSchool(res);
    page(
      res,
      'pictures-password.njk',
      {
        title: 'Jouw plaatjes',
        school,
        firstName: person.firstName,
        avatar: avatarById(login.avatar),
        csrf: csrfToken(req),
        action: `/login/pictures/${school.id}/pupils/${person.id}`,
        back: `/login/pictures/${school.id}`,
        error,
        ...pictureGridContext(),
      },
      status,
    );
  };

  router.get('/login/pictures/:schoolId/pupils/:personId', (req, res, next) => {
    pupilPage(req, res, 200).catch(next);
  });

  router.post('/login/pictures/:schoolId/pupils/:personId', form, requireCsrf, async (req, res) => {
    const school = await reachableSchool(req, res);
    if (!school) return;
    if (!isUuid(req.params.personId)) return unknownSchool(res);
    let sequence: string[];
    try {
      sequence = parsePictureSequence(String(req.body.sequence ?? ''));
    } catch (e) {
      if (e instanceof ValidationError) return pupilPage(req, res, 400, e.message);
      throw e;
    }
    const personId = String(req.params.personId);
    const result = await deps.pupilLogin.pictureLogin(personId, sequence, {
      actor: { type: 'anonymous', id: 'picture-login', ip: req.ip ?? null, requestId: String(res.locals.requestId ?? '') },
      knownDevice: deps.knownDevices.deviceFor(req, `pupil:${personId}`),
    });
    if (result.ok && result.person.schoolId !== school.id) return unknownSchool(res);
    await finishPupilLogin(
      req,
      res,
      result,
      'picture',
      () => pupilPage(req, res, 401, MESSAGES.wrongPictures),
      () => deps.knownDevices.remember(req, res, `pupil:${personId}`),
    );
  });

  return router;
}

/** The common end of the picture and card logins: a session, or the right friendly refusal. */
export async function finishPupilLogin(
  req: Request,
  res: Response,
  result: PupilLoginResult,
  method: 'picture' | 'card',
  onInvalid: () => unknown,
  onSuccess?: () => void,
): Promise<void> {
  if (result.ok) {
    onSuccess?.();
    await startLoggedInSession(req, { credentialId: result.credentialId, personId: result.person.id, method });
    res.redirect(303, afterLoginPath(req));
    return;
  }
  if (result.reason === 'throttled') return sendThrottledPage(res, result.retryAfterSeconds ?? 30);
  if (result.reason === 'outside_school_network') return sendOutsideNetworkPage(res);
  if (result.reason === 'school_suspended') return sendSchoolSuspendedPage(res);
  await onInvalid();
}

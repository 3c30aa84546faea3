import type { NextFunction, Request, Response } from 'express';
import { isSuspended, SUSPENDED_NOTICE } from '../../domain/misuse/suspension';
import type { Repositories } from '../../domain/ports';
import { endLogin } from '../session';

/**
 * A suspended school's live sessions stop at their next request (agreement art. 12), not at the next
 * login: pupils, staff and parents acting for a child alike. Both reads come from the schools and people
 * caches, so this costs nothing measurable; the suspension reaches every hub process through the change
 * feed. SSO and SLO run before this: SSO refuses with a signed RequestDenied and ends the login itself
 * (web/saml/sso.routes.ts), and logging out stays possible.
 */
export function schoolSuspension(repos: Pick<Repositories, 'audit' | 'people' | 'schools'>) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const auth = req.session?.auth;
    if (!auth) return next();
    const person = await repos.people.findById(auth.personId);
    const school = person ? await repos.schools.findById(person.schoolId) : null;
    if (school && isSuspended(school)) {
      await repos.audit.record({
        actor: { type: 'person', id: auth.personId, ip: req.ip ?? null },
        action: 'session.ended',
        outcome: 'success',
        schoolId: school.id,
        details: { reason: 'school suspended' },
      });
      endLogin(req, `${SUSPENDED_NOTICE.nl} / ${SUSPENDED_NOTICE.en}`);
    }
    next();
  };
}

import type { NextFunction, Request, Response } from 'express';
import type { Repositories } from '../../domain/ports';
import { endLogin } from '../session';

/**
 * A session a parent opened for their child lasts only while the school still lists that parent's address
 * for the child: removing the address ends the access on the next request, not at the next login.
 */
export function guardianLink(repos: Pick<Repositories, 'audit' | 'guardians'>) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const auth = req.session?.auth;
    if (!auth?.guardianKey) return next();
    if (!(await repos.guardians.childrenOf(auth.guardianKey)).includes(auth.personId)) {
      await repos.audit.record({
        actor: { type: 'person', id: auth.personId, ip: req.ip ?? null },
        action: 'session.ended',
        outcome: 'success',
        details: { reason: 'home-access address removed' },
      });
      endLogin(req, 'Thuistoegang met dit e-mailadres is beëindigd. / Home access with this e-mail address has ended.');
    }
    next();
  };
}

import type { Request, RequestHandler, Response } from 'express';
import { ForbiddenError } from '../../domain/errors';
import type { Operator, OperatorRole } from '../../domain/model';
import type { Repositories } from '../../domain/ports';

/**
 * The operator of this session, asked of the database on every request (a removed operator or a changed
 * role counts at once). `operatorAuth` is set only after password and TOTP, so having it means the
 * second factor was passed. null: not logged in as an operator (the stale marker is dropped).
 */
export async function sessionOperator(req: Request, repos: Pick<Repositories, 'operators'>): Promise<Operator | null> {
  const auth = req.session.operatorAuth;
  if (!auth) return null;
  const operator = await repos.operators.findById(auth.operatorId);
  if (!operator) delete req.session.operatorAuth;
  return operator;
}

/** Least privilege, enforced on the server: refuses (403) an operator without `role`. */
export function assertRole(operator: Operator, role: OperatorRole): void {
  if (!operator.roles.includes(role)) throw new ForbiddenError(`Hiervoor is de rol '${role}' nodig. / This needs the role '${role}'.`);
}

/** The audit actor for an operator's request. */
export const operatorActor = (req: Request, operator: Operator) => ({
  type: 'operator' as const,
  id: operator.id,
  ip: req.ip ?? null,
  requestId: (req.res?.locals.requestId as string | undefined) ?? null,
});

/**
 * The one access rule of the console's routes, checked on the server before the handler runs: the
 * session must belong to an operator (password + TOTP passed; else 303 to /login) holding `role`
 * (else 403; `'any'`: every operator). The operator is left on res.locals for the handler. A new console
 * page (e.g. the security officer's breach register) mounts `requireOperator(repos, 'security_officer')`
 * and gets a row in the access table of test/e2e/ops-roles-http.test.ts, which fails for a route without one.
 */
export function requireOperator(repos: Pick<Repositories, 'operators'>, role: OperatorRole | 'any'): RequestHandler {
  return (req, res, next) => {
    sessionOperator(req, repos)
      .then((operator) => {
        if (!operator) return res.redirect(303, '/login');
        if (role !== 'any') assertRole(operator, role);
        res.setHeader('Cache-Control', 'no-store');
        res.locals.operator = operator;
        next();
      })
      .catch(next);
  };
}

/** The operator `requireOperator` admitted. */
export const currentOperator = (res: Response): Operator => res.locals.operator as Operator;

import type { Request } from 'express';
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

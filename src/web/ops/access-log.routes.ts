import { Router } from 'express';
import type { Repositories } from '../../domain/ports';
import { render } from '../views';
import { requireOperator } from './operator';

const SUPPORT_ACTIONS = ['support.find', 'support.view', 'support.sessions_end', 'support.unlock', 'support.reset_link'] as const;

/**
 * Oversight of the helpdesk (data-processing agreement annex 2 I): the security officer sees who looked
 * at whom and why — the support entries of the audit log with the operator, the target's hub id (a
 * pseudonym, never a name) and the reason given. Read-only; only role `security_officer`.
 */
export function opsAccessLogRoutes(deps: { repos: Pick<Repositories, 'audit' | 'operators'> }): Router {
  const router = Router();
  router.get('/ops/access-log', requireOperator(deps.repos, 'security_officer'), async (_req, res) => {
    const names = new Map((await deps.repos.operators.list()).map((o) => [o.id, o.displayName]));
    const events = [];
    for (const action of SUPPORT_ACTIONS) events.push(...(await deps.repos.audit.list({ action, limit: 100 })));
    const rows = events
      .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())
      .slice(0, 100)
      .map((e) => ({
        at: e.occurredAt.toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }),
        who: e.actor.type === 'operator' ? (names.get(e.actor.id) ?? e.actor.id) : `${e.actor.type}:${e.actor.id}`,
        action: e.action,
        outcome: e.outcome,
        target: e.targetId ?? '–',
        reason: typeof e.details?.reason === 'string' ? e.details.reason : '',
      }));
    res.type('html').send(render('ops-access-log.njk', { title: 'Inzagelog', rows }));
  });
  return router;
}

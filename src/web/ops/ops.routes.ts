import express, { Router } from 'express';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { render } from '../views';
import { sessionOperator } from './operator';

import type { BreachService } from '../../domain/breaches/breach.service';
import { notificationState } from '../../domain/breaches/deadline';
import type { Repositories } from '../../domain/ports';

/**
 * Operator console entry. Reached only after password + TOTP (operators always enrol). What an operator
 * sees follows their roles (least privilege, data-processing agreement annex 2 I): helpdesk and security
 * officers see the schools list (no personal data) and the helpdesk finds one user to support
 * (support.routes.ts); DBAs see only platform facts (platform.routes.ts, maintenance.routes.ts).
 */
export function opsRoutes(deps: { repos: Pick<Repositories, 'audit' | 'operators' | 'schools'>; breaches: BreachService }): Router {
  const router = Router();

  router.get('/ops', async (req, res) => {
    const operator = await sessionOperator(req, deps.repos);
    if (!operator) return res.redirect(303, '/login');
    const seesSchools = operator.roles.includes('helpdesk') || operator.roles.includes('security_officer');
    const schools = seesSchools
      ? (await deps.repos.schools.list()).map((s) => ({
          brin: s.brin + (s.dependanceCode === '00' ? '' : s.dependanceCode),
          name: s.name,
          status: s.suspendedAt ? 'suspended' : s.status,
          homeAccess: s.homeAccessEnabled,
        }))
      : null;
    // A security officer sees at once when a breach's 24-hour notification deadline has passed.
    const breachOfficer = operator.roles.includes('security_officer');
    const now = new Date();
    const overdueBreaches = breachOfficer
      ? (await deps.breaches.list()).filter((b) => notificationState(b, now).state === 'overdue').length
      : 0;
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(
      render('ops.njk', {
        title: 'Beheerconsole',
        operator,
        schools,
        platform: operator.roles.includes('dba'),
        overdueBreaches,
        helpdesk: operator.roles.includes('helpdesk'),
        securityOfficer: operator.roles.includes('security_officer'),
        csrf: csrfToken(req),
      }),
    );
  });

  router.post('/ops/logout', express.urlencoded({ extended: false, limit: '2kb' }), requireCsrf, async (req, res) => {
    const auth = req.session.operatorAuth;
    if (auth)
      await deps.repos.audit.record({
        actor: { type: 'operator', id: auth.operatorId, ip: req.ip ?? null },
        action: 'logout',
        outcome: 'success',
      });
    await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
    res.redirect(303, '/login');
  });

  return router;
}

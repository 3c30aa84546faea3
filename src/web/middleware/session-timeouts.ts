import type { NextFunction, Request, Response } from 'express';
import type { Repositories } from '../../domain/ports';
import { endLogin } from '../session';

/**
 * Idle and absolute session limits. An expired login is ended (the session stays, without `auth`) and
 * the next login page says why. Activity is written at most once a minute, not on every request.
 */
export function sessionTimeouts(opts: { idleMinutes: number; maxHours: number; repos: Pick<Repositories, 'audit' | 'sessions'> }) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    // People and operators alike (an operator's login is `operatorAuth`).
    const auth = req.session?.auth ?? req.session?.operatorAuth;
    if (!auth) return next();
    const actor =
      'operatorId' in auth ? { type: 'operator' as const, id: auth.operatorId } : { type: 'person' as const, id: auth.personId };
    const now = Date.now();
    const lastSeen = req.session.lastSeenAt ? Date.parse(req.session.lastSeenAt) : Date.parse(auth.authnInstant);
    const idle = now - lastSeen > opts.idleMinutes * 60_000;
    const tooOld = now - Date.parse(auth.authnInstant) > opts.maxHours * 3_600_000;
    if (idle || tooOld) {
      await opts.repos.audit.record({
        actor: { ...actor, ip: req.ip ?? null },
        action: 'session.expired',
        outcome: 'success',
        details: { reason: idle ? 'idle' : 'maximum age' },
      });
      endLogin(
        req,
        idle
          ? 'Je was een tijd niet actief en bent uitgelogd. / You were inactive and have been logged out.'
          : 'Je sessie is verlopen; log opnieuw in. / Your session expired; please log in again.',
      );
    } else if (now - lastSeen > 60_000) {
      req.session.lastSeenAt = new Date(now).toISOString();
      await opts.repos.sessions.noteActivity(req.sessionID, new Date(now), req.get('user-agent') ?? null);
    }
    next();
  };
}

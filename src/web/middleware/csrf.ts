import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ForbiddenError } from '../../domain/errors';

/** Synchronizer-token CSRF protection: one random token per session, checked on every form POST. */
export function csrfToken(req: Request): string {
  req.session.csrf ??= crypto.randomBytes(32).toString('base64url');
  return req.session.csrf;
}

export function requireCsrf(req: Request, _res: Response, next: NextFunction): void {
  const expected = req.session?.csrf;
  const given = typeof req.body?._csrf === 'string' ? req.body._csrf : '';
  const ok = !!expected && given.length === expected.length && crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  next(
    ok
      ? undefined
      : new ForbiddenError(
          'Het formulier is verlopen of ongeldig; probeer het opnieuw. / The form expired or is invalid; please try again.',
        ),
  );
}

import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { RateLimitedError, UnauthenticatedError } from '../domain/errors';
import type { ApiClientService } from '../domain/federation/api-client.service';
import type { Participant } from '../domain/model';
import type { Repositories } from '../domain/ports';
import { ConcurrencyGate } from './concurrency-gate';
import { TOKEN_LIFETIME_SECONDS, type TokenService } from './tokens';

/** The repositories this module uses (and no others). */
type Repos = Pick<Repositories, 'apiClients' | 'audit' | 'participants' | 'rateLimits'>;

export const RATE_LIMIT_PER_MINUTE = 600;

/** The participant calling, once its bearer token checked out. */
export interface Caller {
  readonly clientId: string;
  readonly participant: Participant;
}

export const callerOf = (res: Response): Caller => res.locals.caller as Caller;

/** Client id and secret from the form or from HTTP Basic (RFC 6749 §2.3.1). */
function clientCredentials(req: Request): { clientId: string; clientSecret: string } {
  const basic = /^Basic (.+)$/i.exec(req.get('authorization') ?? '');
  if (basic) {
    const [id, secret] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    return { clientId: decodeURIComponent(id ?? ''), clientSecret: decodeURIComponent(secret ?? '') };
  }
  return {
    clientId: typeof req.body?.client_id === 'string' ? req.body.client_id : '',
    clientSecret: typeof req.body?.client_secret === 'string' ? req.body.client_secret : '',
  };
}

/** `POST /oauth/token` (client credentials). Its answers are OAuth-shaped (`error`, `error_description`). */
export function tokenRoutes(deps: { repos: Repos; clients: ApiClientService; tokens: TokenService }): Router {
  const router = Router();
  // At most two verifications at once per process (a short queue behind them): a flood from many
  // addresses is turned away at once and leaves hashing threads for real logins.
  const hashingGate = new ConcurrencyGate(2, 4);

  router.post('/oauth/token', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (req.body?.grant_type !== 'client_credentials')
      return res.status(400).json({ error: 'unsupported_grant_type', error_description: 'only grant_type=client_credentials' });
    const { clientId, clientSecret } = clientCredentials(req);
    const gated = await hashingGate.run(() => deps.clients.authenticate(clientId, clientSecret, req.ip));
    const result = gated?.value ?? ({ ok: false, reason: 'throttled', retryAfterSeconds: 1 } as const);
    if (!result.ok) {
      await deps.repos.audit.record({
        actor: { type: 'anonymous', id: 'api', ip: req.ip ?? null },
        action: 'api.token',
        outcome: 'failure',
        details: { reason: gated ? result.reason : 'busy' },
      });
      if (result.reason === 'throttled') {
        res.setHeader('Retry-After', String(result.retryAfterSeconds));
        return res
          .status(429)
          .json({ error: 'rate_limited', error_description: `too many attempts; retry after ${result.retryAfterSeconds} s` });
      }
      return res.status(401).json({ error: 'invalid_client', error_description: 'unknown client or wrong secret' });
    }
    const token = await deps.tokens.issue({ clientId: result.client.clientId, participantId: result.client.participantId });
    await deps.repos.apiClients.touch(result.client.clientId, new Date());
    res.json({ access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS });
  });
  return router;
}

/** Bearer token → the calling participant; then the per-client rate limit (counted in the database). */
export function authenticate(deps: { repos: Repos; tokens: TokenService }) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const bearer = /^Bearer ([A-Za-z0-9._-]+)$/.exec(req.get('authorization') ?? '');
    const claims = bearer ? await deps.tokens.verify(bearer[1]!) : null;
    if (!claims) throw new UnauthenticatedError('a valid Bearer access token is required (POST /api/v1/oauth/token)');
    const client = await deps.repos.apiClients.find(claims.clientId);
    const participant = client && !client.revokedAt ? await deps.repos.participants.findById(client.participantId) : null;
    if (!client || !participant || participant.id !== claims.participantId) throw new UnauthenticatedError('this client has been revoked');
    const now = Date.now();
    const windowStart = new Date(now - (now % 60_000));
    if ((await deps.repos.rateLimits.hit(client.clientId, windowStart)) > RATE_LIMIT_PER_MINUTE) {
      const retryAfter = Math.ceil((windowStart.getTime() + 60_000 - now) / 1000);
      throw new RateLimitedError(
        `rate limit of ${RATE_LIMIT_PER_MINUTE} requests per minute exceeded; retry after ${retryAfter} s`,
        retryAfter,
      );
    }
    res.locals.caller = { clientId: client.clientId, participant } satisfies Caller;
    next();
  };
}

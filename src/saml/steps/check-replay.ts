import { SamlRequestError } from '../../domain/errors';
import type { ReplayCache } from '../../domain/federation/ports';
import { step } from '../flow';
import type { SsoOutcome, SsoState } from '../sso-state';
import { CLOCK_SKEW_MS, MESSAGE_LIFETIME_MS } from '../time-limits';

/** A message ID is accepted once per issuer, remembered (in the database, for every hub process) as long as it could be valid. */
export async function checkReplay(cache: ReplayCache, issuer: string, id: string, now: Date, what: string): Promise<void> {
  const expiresAt = new Date(now.getTime() + MESSAGE_LIFETIME_MS + 2 * CLOCK_SKEW_MS);
  if (!(await cache.remember(issuer, id, expiresAt))) throw new SamlRequestError(`${what} ID '${id}' was already used (replay)`);
}

export const checkAuthnRequestReplay = step<SsoState, SsoOutcome>('check-replay', (ctx, s) => checkReplay(ctx.repos.replayCache, s.sp!.entityId, s.request!.id, s.now, 'AuthnRequest'));

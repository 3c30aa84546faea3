import { SamlRequestError } from '../../domain/errors';
import type { ReplayCache } from '../../domain/federation/ports';
import type { IdpContext } from '../idp-context';
import type { SsoState } from '../sso-state';
import { CLOCK_SKEW_MS, MESSAGE_LIFETIME_MS } from '../time-limits';

/** How long a message ID is remembered: as long as the message could still be accepted. */
export const replayExpiry = (now: Date) => new Date(now.getTime() + MESSAGE_LIFETIME_MS + 2 * CLOCK_SKEW_MS);

export const replayError = (what: string, id: string) => new SamlRequestError(`${what} ID '${id}' was already used (replay)`);

/** A message ID is accepted once per issuer, remembered (in the database, for every hub process) as long as it could be valid. */
export async function checkReplay(cache: ReplayCache, issuer: string, id: string, now: Date, what: string): Promise<void> {
  if (!(await cache.remember(issuer, id, replayExpiry(now)))) throw replayError(what, id);
}

/**
 * An AuthnRequest's ID is remembered once, where the hub first acts on it: handing it to the login,
 * answering it with an error — or, on the hot path, in the same group commit as the Response's ledger
 * row (record-ledger), so that a user with a live session costs no extra round trip.
 */
export async function rememberAuthnRequest(ctx: IdpContext, s: SsoState): Promise<void> {
  if (!s.request || s.requestRemembered) return;
  await checkReplay(ctx.repos.replayCache, s.sp!.entityId, s.request.id, s.now, 'AuthnRequest');
  s.requestRemembered = true;
}

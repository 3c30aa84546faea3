import { SamlRequestError } from '../../domain/errors';
import { step } from '../flow';
import type { SsoOutcome, SsoState } from '../sso-state';
import { CLOCK_SKEW_MS, MESSAGE_LIFETIME_MS } from '../time-limits';

/** Issued within the message lifetime (plus clock skew), and not in the future. */
export function checkIssueInstant(issueInstant: Date, now: Date, what: string): void {
  if (Number.isNaN(issueInstant.getTime())) throw new SamlRequestError(`${what} IssueInstant is not a valid time`);
  if (issueInstant.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new SamlRequestError(`${what} IssueInstant lies in the future`);
  if (issueInstant.getTime() < now.getTime() - MESSAGE_LIFETIME_MS - CLOCK_SKEW_MS)
    throw new SamlRequestError(`${what} is too old (IssueInstant ${issueInstant.toISOString()})`);
}

/** A message's own NotOnOrAfter (LogoutRequest), when it has one. */
export function checkNotOnOrAfter(notOnOrAfter: string | null, now: Date, what: string): void {
  if (notOnOrAfter && new Date(notOnOrAfter) <= now) throw new SamlRequestError(`${what} has expired (NotOnOrAfter)`);
}

export const checkAuthnRequestTime = step<SsoState, SsoOutcome>('check-time', (_ctx, s) =>
  checkIssueInstant(s.request!.issueInstant, s.now, 'AuthnRequest'),
);

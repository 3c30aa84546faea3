import { SamlRequestError } from '../../domain/errors';
import { step } from '../flow';
import type { SsoOutcome, SsoState } from '../sso-state';

export function checkDestination(destination: string | null, expected: string, what: string): void {
  if (destination === null) throw new SamlRequestError(`${what} has no Destination`);
  if (destination !== expected) throw new SamlRequestError(`${what} Destination '${destination}' is not this endpoint (${expected})`);
}

export const checkAuthnRequestDestination = step<SsoState, SsoOutcome>('check-destination', (ctx, s) =>
  checkDestination(s.request!.destination, ctx.ssoUrl, 'AuthnRequest'),
);

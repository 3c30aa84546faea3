import { checkRelayState } from '../bindings/inbound';
import { step } from '../flow';
import type { SsoOutcome, SsoState } from '../sso-state';

export const checkRelayStateStep = step<SsoState, SsoOutcome>('check-relay-state', (_ctx, s) => checkRelayState(s.message!.relayState));

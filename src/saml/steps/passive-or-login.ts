import { step } from '../flow';
import type { PendingSso, SsoOutcome, SsoState } from '../sso-state';
import { STATUS } from '../xml/namespaces';
import { rememberAuthnRequest } from './check-replay';
import { signedError } from './signed-error';

/**
 * Is somebody logged in, freshly enough? IsPassive without that is answered NoPassive; otherwise the
 * request waits (pending) while the login UI runs, and the flow resumes after it.
 */
export const passiveOrLogin = step<SsoState, SsoOutcome>('passive-or-force-authn', async (ctx, s) => {
  const request = s.request!;
  if (s.user && !request.forceAuthn) return;
  await rememberAuthnRequest(ctx, s);
  if (request.isPassive)
    return {
      kind: 'error-to-acs',
      target: s.target!,
      xml: signedError(ctx, s.target!, STATUS.noPassive, { topLevel: STATUS.responder, now: s.now }),
    };
  const pending: PendingSso = {
    spEntityId: s.sp!.entityId,
    requestId: request.id,
    acsUrl: s.target!.acsUrl,
    ...(s.target!.relayState !== undefined ? { relayState: s.target!.relayState } : {}),
    forceAuthn: request.forceAuthn,
    nameIdFormat: s.target!.nameIdFormat,
    receivedAt: s.now.toISOString(),
  };
  return { kind: 'need-login', pending };
});

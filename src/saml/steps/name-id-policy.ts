import type { ServiceProvider } from '../../domain/model';
import { step } from '../flow';
import type { SsoOutcome, SsoState } from '../sso-state';
import { NAMEID_FORMAT, STATUS } from '../xml/namespaces';
import { rememberAuthnRequest } from './check-replay';
import { signedError } from './signed-error';

/** The NameID format to issue: persistent (default) or transient; anything else cannot be served (null). */
export function resolveNameIdFormat(requested: string | null, sp: ServiceProvider): string | null {
  if (requested === null || requested === NAMEID_FORMAT.unspecified)
    return sp.nameIdFormat === NAMEID_FORMAT.transient ? NAMEID_FORMAT.transient : NAMEID_FORMAT.persistent;
  if (requested === NAMEID_FORMAT.persistent || requested === NAMEID_FORMAT.transient) return requested;
  return null;
}

/** The NameID format when nothing was requested (unsolicited responses). */
export const nameIdPolicyFor = (sp: ServiceProvider): string => resolveNameIdFormat(null, sp)!;

/** Fixes where the answer goes (the ACS is verified now); an unservable NameIDPolicy is answered there. */
export const nameIdPolicy = step<SsoState, SsoOutcome>('name-id-policy', async (ctx, s) => {
  const format = resolveNameIdFormat(s.request!.nameIdFormat, s.sp!);
  s.target = {
    acsUrl: s.acs!.location,
    inResponseTo: s.request!.id,
    ...(s.message!.relayState !== undefined ? { relayState: s.message!.relayState } : {}),
    nameIdFormat: format ?? '',
  };
  if (format === null) {
    await rememberAuthnRequest(ctx, s);
    return {
      kind: 'error-to-acs',
      target: s.target,
      xml: signedError(ctx, s.target, STATUS.invalidNameIdPolicy, { topLevel: STATUS.requester, now: s.now }),
    };
  }
});

import { step } from '../flow';
import type { SsoOutcome, SsoState } from '../sso-state';
import { nameIdPolicyFor } from './name-id-policy';
import { resolveAcs } from './resolve-acs';

/** Portal launch: the product's SP, only when it takes unsolicited responses; its default ACS and NameID format. */
export const launchTarget = step<SsoState, SsoOutcome>('launch-target', async (ctx, s) => {
  const sp = await ctx.repos.serviceProviders.findByProductId(s.productId!);
  if (!sp?.allowUnsolicited || !s.user) return { kind: 'not-launchable' };
  s.sp = sp;
  s.target = {
    acsUrl: resolveAcs(sp, { acsUrl: null, acsIndex: null, protocolBinding: null }).location,
    nameIdFormat: nameIdPolicyFor(sp),
  };
});

import type { IdpContext } from '../idp-context';
import { buildErrorResponse } from '../response/build-response';
import type { ResponseTarget } from '../sso-state';

/** A signed Response carrying an error status, for a verified ACS only. */
export function signedError(
  ctx: IdpContext,
  target: ResponseTarget,
  subStatus: string,
  opts: { topLevel?: string; message?: string; now?: Date } = {},
): string {
  return buildErrorResponse(
    {
      idpEntityId: ctx.idpEntityId,
      destination: target.acsUrl,
      inResponseTo: target.inResponseTo,
      subStatus,
      topLevel: opts.topLevel,
      message: opts.message,
      now: opts.now,
    },
    ctx.signingKeys.active,
  );
}

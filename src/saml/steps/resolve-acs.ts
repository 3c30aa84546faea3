import { SamlRequestError } from '../../domain/errors';
import type { IndexedEndpoint, ServiceProvider } from '../../domain/model';
import { step } from '../flow';
import type { SsoOutcome, SsoState } from '../sso-state';
import { BINDING } from '../xml/namespaces';

/**
 * The ACS endpoint: by URL (exact match, with the requested binding), by index, or the SP's default —
 * always one from the metadata. Responses go out over HTTP-POST only. Until this has run, nothing may
 * be sent to the SP.
 */
export function resolveAcs(
  sp: ServiceProvider,
  request: { acsUrl: string | null; acsIndex: number | null; protocolBinding: string | null },
): IndexedEndpoint {
  if (request.protocolBinding !== null && request.protocolBinding !== BINDING.post) {
    throw new SamlRequestError(`ProtocolBinding ${request.protocolBinding} is not supported (HTTP-POST only)`);
  }
  const postEndpoints = sp.acsEndpoints.filter((e) => e.binding === BINDING.post);
  if (request.acsUrl !== null) {
    const match = postEndpoints.find((e) => e.location === request.acsUrl);
    if (!match)
      throw new SamlRequestError(
        `AssertionConsumerServiceURL '${request.acsUrl}' is not in the SP's metadata (with the HTTP-POST binding)`,
      );
    return match;
  }
  if (request.acsIndex !== null) {
    const match = sp.acsEndpoints.find((e) => e.index === request.acsIndex);
    if (!match) throw new SamlRequestError(`AssertionConsumerServiceIndex ${request.acsIndex} is not in the SP's metadata`);
    if (match.binding !== BINDING.post)
      throw new SamlRequestError(`AssertionConsumerServiceIndex ${request.acsIndex} does not use HTTP-POST`);
    return match;
  }
  const byDefault = postEndpoints.find((e) => e.isDefault) ?? [...postEndpoints].sort((a, b) => a.index - b.index)[0];
  if (!byDefault) throw new SamlRequestError('the SP has no HTTP-POST AssertionConsumerService');
  return byDefault;
}

export const resolveAcsStep = step<SsoState, SsoOutcome>('resolve-acs', (_ctx, s) => {
  s.acs = resolveAcs(s.sp!, s.request!);
});

import { SamlRequestError } from '../../domain/errors';
import type { ServiceProvider } from '../../domain/model';
import type { ServiceProviderRepository } from '../../domain/federation/ports';
import { step } from '../flow';
import type { SsoOutcome, SsoState } from '../sso-state';

/** The registered SP a message names as its Issuer — only while its metadata is valid (SSO and SLO alike). */
export async function loadServiceProvider(
  serviceProviders: ServiceProviderRepository,
  issuer: string,
  now: Date,
): Promise<ServiceProvider> {
  const sp = await serviceProviders.findByEntityId(issuer);
  if (!sp) throw new SamlRequestError(`unknown Issuer '${issuer}': no SP with this entity ID is registered`);
  if (sp.metadataValidUntil && sp.metadataValidUntil <= now)
    throw new SamlRequestError(`the metadata of SP '${sp.entityId}' has expired; it must be registered again`);
  return sp;
}

export const loadServiceProviderStep = step<SsoState, SsoOutcome>('load-service-provider', async (ctx, s) => {
  s.sp = await loadServiceProvider(ctx.repos.serviceProviders, s.request!.issuer, s.now);
});

import { SamlRequestError } from '../../domain/errors';
import type { IndexedEndpoint, ServiceProvider } from '../../domain/model';
import type { ReplayCache, ServiceProviderRepository } from '../../domain/ports';
import { BINDING, NAMEID_FORMAT } from '../xml/namespaces';

/** Small single-purpose checks shared by the SSO and SLO flows. Each throws SamlRequestError. */

export const MESSAGE_LIFETIME_MS = 5 * 60 * 1000;
export const CLOCK_SKEW_MS = 60 * 1000;

/** The registered SP a message names as its Issuer — only while its metadata is valid (SSO and SLO alike). */
export async function loadServiceProvider(serviceProviders: ServiceProviderRepository, issuer: string, now: Date): Promise<ServiceProvider> {
  const sp = await serviceProviders.findByEntityId(issuer);
  if (!sp) throw new SamlRequestError(`unknown Issuer '${issuer}': no SP with this entity ID is registered`);
  if (sp.metadataValidUntil && sp.metadataValidUntil <= now) throw new SamlRequestError(`the metadata of SP '${sp.entityId}' has expired; it must be registered again`);
  return sp;
}

export function checkDestination(destination: string | null, expected: string, what: string): void {
  if (destination === null) throw new SamlRequestError(`${what} has no Destination`);
  if (destination !== expected) throw new SamlRequestError(`${what} Destination '${destination}' is not this endpoint (${expected})`);
}

export function checkIssueInstant(issueInstant: Date, now: Date, what: string): void {
  if (Number.isNaN(issueInstant.getTime())) throw new SamlRequestError(`${what} IssueInstant is not a valid time`);
  if (issueInstant.getTime() > now.getTime() + CLOCK_SKEW_MS) throw new SamlRequestError(`${what} IssueInstant lies in the future`);
  if (issueInstant.getTime() < now.getTime() - MESSAGE_LIFETIME_MS - CLOCK_SKEW_MS) throw new SamlRequestError(`${what} is too old (IssueInstant ${issueInstant.toISOString()})`);
}

export async function checkReplay(cache: ReplayCache, issuer: string, id: string, now: Date, what: string): Promise<void> {
  const expiresAt = new Date(now.getTime() + MESSAGE_LIFETIME_MS + 2 * CLOCK_SKEW_MS);
  if (!(await cache.remember(issuer, id, expiresAt))) throw new SamlRequestError(`${what} ID '${id}' was already used (replay)`);
}

/**
 * The ACS endpoint: by URL (exact match, with the requested binding), by index, or the SP's default —
 * always one from the metadata. Responses go out over HTTP-POST only.
 */
export function resolveAcs(sp: ServiceProvider, request: { acsUrl: string | null; acsIndex: number | null; protocolBinding: string | null }): IndexedEndpoint {
  if (request.protocolBinding !== null && request.protocolBinding !== BINDING.post) {
    throw new SamlRequestError(`ProtocolBinding ${request.protocolBinding} is not supported (HTTP-POST only)`);
  }
  const postEndpoints = sp.acsEndpoints.filter((e) => e.binding === BINDING.post);
  if (request.acsUrl !== null) {
    const match = postEndpoints.find((e) => e.location === request.acsUrl);
    if (!match) throw new SamlRequestError(`AssertionConsumerServiceURL '${request.acsUrl}' is not in the SP's metadata (with the HTTP-POST binding)`);
    return match;
  }
  if (request.acsIndex !== null) {
    const match = sp.acsEndpoints.find((e) => e.index === request.acsIndex);
    if (!match) throw new SamlRequestError(`AssertionConsumerServiceIndex ${request.acsIndex} is not in the SP's metadata`);
    if (match.binding !== BINDING.post) throw new SamlRequestError(`AssertionConsumerServiceIndex ${request.acsIndex} does not use HTTP-POST`);
    return match;
  }
  const byDefault = postEndpoints.find((e) => e.isDefault) ?? [...postEndpoints].sort((a, b) => a.index - b.index)[0];
  if (!byDefault) throw new SamlRequestError('the SP has no HTTP-POST AssertionConsumerService');
  return byDefault;
}

/** The NameID format to issue: persistent (default) or transient; anything else is refused. */
export function resolveNameIdFormat(requested: string | null, sp: ServiceProvider): string | null {
  if (requested === null || requested === NAMEID_FORMAT.unspecified) return sp.nameIdFormat === NAMEID_FORMAT.transient ? NAMEID_FORMAT.transient : NAMEID_FORMAT.persistent;
  if (requested === NAMEID_FORMAT.persistent || requested === NAMEID_FORMAT.transient) return requested;
  return null;
}

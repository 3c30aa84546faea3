import { ValidationError } from '../domain/errors';
import type { Actor } from '../domain/model';
import type { Hub } from '../main';
import { fetchLimited } from '../net/fetch-limited';
import { MAX_METADATA_BYTES, parseSpMetadata, registrationFromMetadata } from '../saml/metadata/sp-metadata';

/**
 * Registers the demo publisher's SP the way an operator onboards a real one (`sp add --metadata URL`):
 * its metadata fetched from its URL, checked, and registered with its RequestedAttributes as the wish
 * list (the release pipeline still gives only what the annex and the participant's recorded needs
 * allow), linked to the product. Unchanged metadata is left alone, so every `npm start` does not
 * write an `sp.update` to the audit log. Returns the SP's entity ID.
 */
export async function onboardFromMetadataUrl(
  hub: Hub,
  input: { metadataUrl: string; participant: string; product: string },
  actor: Actor,
): Promise<string> {
  if (hub.config.isProduction) throw new ValidationError('the demo publisher is not registered in production');
  const { body } = await fetchLimited(input.metadataUrl, { what: 'metadata', maxBytes: MAX_METADATA_BYTES, allowPrivateAddresses: true });
  const xml = body.toString('utf8');
  // The demo publisher runs on this machine over plain http: allowed on loopback outside production only.
  const parsed = parseSpMetadata(xml, { httpOnLoopback: true });
  const existing = await hub.db.repositories.serviceProviders.findByEntityId(parsed.entityId);
  if (existing?.metadataXml === xml) return existing.entityId;
  const registered = await hub.services.serviceProviders.register(
    input.participant,
    registrationFromMetadata(xml, parsed, { signResponse: true }),
    actor,
    [input.product],
  );
  return registered.serviceProvider.entityId;
}

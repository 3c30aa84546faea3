import { fetchLimited } from './fetch-limited';

const MAX_FETCH_BYTES = 512 * 1024;

/**
 * Reads SP metadata from an https URL (http only on loopback), with a timeout and a size cap: reading
 * stops at the cap. An operator registers it (`sp add`, the console's SP page), so internal hosts are allowed.
 */
export async function fetchSpMetadata(url: string): Promise<string> {
  return fetchMetadataDocument(url, true);
}

/**
 * Reads metadata from an https URL with the same caps. `allowPrivateAddresses` off for URLs a school's
 * delegate gives (and the scheduled refresh of them): no request from the hub into its own network.
 */
export async function fetchMetadataDocument(url: string, allowPrivateAddresses: boolean): Promise<string> {
  const { body } = await fetchLimited(url, { what: 'metadata', maxBytes: MAX_FETCH_BYTES, allowPrivateAddresses });
  return body.toString('utf8');
}

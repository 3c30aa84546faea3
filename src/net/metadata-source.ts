import { fetchLimited } from './fetch-limited';

const MAX_FETCH_BYTES = 512 * 1024;

/**
 * Reads SP metadata from an https URL (http only on loopback), with a timeout and a size cap: reading
 * stops at the cap. An operator registers it (`sp add`, the console's SP page), so internal hosts are allowed.
 */
export async function fetchSpMetadata(url: string): Promise<string> {
  const { body } = await fetchLimited(url, { what: 'metadata', maxBytes: MAX_FETCH_BYTES, allowPrivateAddresses: true });
  return body.toString('utf8');
}

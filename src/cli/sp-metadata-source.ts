import { fetchLimited } from '../net/fetch-limited';
import { readTextFile } from './io';

const MAX_FETCH_BYTES = 512 * 1024;

/**
 * Reads metadata from a file or an https URL (http only on loopback), with a timeout and a size cap:
 * reading stops at the cap. The operator registers it, so internal hosts are allowed.
 */
export async function readMetadataSource(source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) {
    const { body } = await fetchLimited(source, { what: 'metadata', maxBytes: MAX_FETCH_BYTES, allowPrivateAddresses: true });
    return body.toString('utf8');
  }
  return readTextFile(source, 'metadata file');
}

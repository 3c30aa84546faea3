import { fetchSpMetadata } from '../net/metadata-source';
import { readTextFile } from './io';

/** Reads metadata from a file or an https URL (http only on loopback); see net/metadata-source. */
export async function readMetadataSource(source: string): Promise<string> {
  if (/^https?:\/\//i.test(source)) return fetchSpMetadata(source);
  return readTextFile(source, 'metadata file');
}

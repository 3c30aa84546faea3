import crypto from 'node:crypto';
import { ValidationError } from '../domain/errors';
import type { IconFetcher } from '../domain/licensing/ports';
import type { ProductIcon } from '../domain/model';
import { fetchLimited } from './fetch-limited';

export const MAX_ICON_BYTES = 256 * 1024;

/** The image type from the bytes themselves (never from the publisher's Content-Type header). */
export function sniffImageType(data: Buffer): ProductIcon['contentType'] | null {
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  if (/^GIF8[79]a/.test(data.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  const head = data
    .subarray(0, 1024)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  if (/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(head)) return 'image/svg+xml';
  return null;
}

/**
 * Fetches a product icon once, at registration: PNG, JPEG, GIF, WebP or SVG (no DOCTYPE), at most
 * 256 KiB. The hub then serves it itself, so a pupil's portal never makes their browser contact a
 * publisher.
 */
export class HttpIconFetcher implements IconFetcher {
  constructor(private readonly allowPrivateAddresses: boolean) {}

  async fetch(url: string): Promise<ProductIcon> {
    const { body } = await fetchLimited(url, { what: 'icon', maxBytes: MAX_ICON_BYTES, allowPrivateAddresses: this.allowPrivateAddresses });
    const contentType = sniffImageType(body);
    if (!contentType) throw new ValidationError(`the icon at ${url} is not a PNG, JPEG, GIF, WebP or SVG image`);
    if (contentType === 'image/svg+xml' && /<!DOCTYPE|<!ENTITY/i.test(body.toString('utf8')))
      throw new ValidationError(`the SVG icon at ${url} contains a DOCTYPE`);
    return { contentType, data: body, sha256: crypto.createHash('sha256').update(body).digest('hex') };
  }
}

import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { SamlRequestError } from '../../domain/errors';

/**
 * The asynchronous inflate, on purpose: zlib.inflateRawSync throws on corrupt input without closing
 * its zlib handle, and in Node 20 every such call keeps ~2 KB of heap and ~8 KB of memory for good —
 * a stream of broken Redirect requests would exhaust the hub's memory (seen in the fuzz run's heap
 * figures). The callback API closes the handle on error.
 */
const inflateRaw = promisify(zlib.inflateRaw) as (buffer: Buffer, options: zlib.ZlibOptions) => Promise<Buffer>;

/** Caps applied before any parsing: raw query, decoded bytes, and after inflating (zip bombs). */
export const LIMITS = Object.freeze({
  rawQueryBytes: 8 * 1024,
  postFieldBytes: 96 * 1024,
  xmlBytes: 64 * 1024,
  relayStateBytes: 80,
});

export type MessageKind = 'SAMLRequest' | 'SAMLResponse';

export interface InboundMessage {
  readonly binding: 'redirect' | 'post';
  readonly kind: MessageKind;
  readonly xml: string;
  readonly relayState: string | undefined;
  /** Redirect binding only: the query signature and the exact octets it covers. */
  readonly querySignature?: { readonly sigAlg: string; readonly signature: string; readonly signedOctets: string };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(value: string, what: string): Buffer {
  const compact = value.replace(/[\r\n\t ]/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact)) throw new SamlRequestError(`${what} is not valid base64`);
  return Buffer.from(compact, 'base64');
}

function decodeUtf8(bytes: Buffer, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new SamlRequestError(`${what} is not valid UTF-8`);
  }
}

/** Parses a raw query string keeping each value exactly as received (for signature checks). */
function rawQueryPairs(rawQuery: string): Map<string, { raw: string; value: string }> {
  const pairs = new Map<string, { raw: string; value: string }>();
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const raw = eq === -1 ? '' : part.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      throw new SamlRequestError('malformed query string');
    }
    if (pairs.has(key)) throw new SamlRequestError(`query parameter ${key} appears more than once`);
    pairs.set(key, { raw, value });
  }
  return pairs;
}

export async function decodeRedirect(rawQuery: string, kinds: readonly MessageKind[]): Promise<InboundMessage> {
  if (Buffer.byteLength(rawQuery, 'utf8') > LIMITS.rawQueryBytes)
    throw new SamlRequestError(`query string larger than ${LIMITS.rawQueryBytes} bytes`);
  const q = rawQueryPairs(rawQuery);
  const present = kinds.filter((k) => q.has(k));
  if (present.length !== 1) throw new SamlRequestError(`expected exactly one of ${kinds.join(', ')}`);
  const kind = present[0]!;
  const deflated = decodeBase64(q.get(kind)!.value, kind);
  let inflated: Buffer;
  try {
    inflated = await inflateRaw(deflated, { maxOutputLength: LIMITS.xmlBytes });
  } catch (e) {
    const tooLarge =
      (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /too large|maxOutputLength/i.test((e as Error).message);
    throw new SamlRequestError(
      tooLarge ? `${kind} larger than ${LIMITS.xmlBytes} bytes after inflating` : `${kind} is not DEFLATE-compressed`,
    );
  }
  const relayState = q.get('RelayState');
  const sigAlg = q.get('SigAlg');
  const signature = q.get('Signature');
  if (!!sigAlg !== !!signature) throw new SamlRequestError('SigAlg and Signature must come together');
  let querySignature: InboundMessage['querySignature'];
  if (sigAlg && signature) {
    const signedOctets = [
      `${kind}=${q.get(kind)!.raw}`,
      ...(relayState ? [`RelayState=${relayState.raw}`] : []),
      `SigAlg=${sigAlg.raw}`,
    ].join('&');
    querySignature = { sigAlg: sigAlg.value, signature: signature.value, signedOctets };
  }
  return { binding: 'redirect', kind, xml: decodeUtf8(inflated, kind), relayState: relayState?.value, querySignature };
}

export function decodePost(body: unknown, kinds: readonly MessageKind[]): InboundMessage {
  if (!body || typeof body !== 'object') throw new SamlRequestError('expected a form-encoded POST body');
  const b = body as Record<string, unknown>;
  const present = kinds.filter((k) => b[k] !== undefined);
  if (present.length !== 1) throw new SamlRequestError(`expected exactly one of ${kinds.join(', ')}`);
  const kind = present[0]!;
  const field = b[kind];
  const relayState = b.RelayState;
  if (typeof field !== 'string') throw new SamlRequestError(`${kind} must appear once`);
  if (relayState !== undefined && typeof relayState !== 'string') throw new SamlRequestError('RelayState must appear once');
  if (field.length > LIMITS.postFieldBytes) throw new SamlRequestError(`${kind} larger than ${LIMITS.postFieldBytes} bytes`);
  const bytes = decodeBase64(field, kind);
  if (bytes.length > LIMITS.xmlBytes) throw new SamlRequestError(`${kind} larger than ${LIMITS.xmlBytes} bytes`);
  return { binding: 'post', kind, xml: decodeUtf8(bytes, kind), relayState: relayState as string | undefined };
}

/** RelayState: at most 80 bytes (bindings §3.4.3) and no markup or control characters; returned unchanged. */
export function checkRelayState(relayState: string | undefined): void {
  if (relayState === undefined) return;
  if (Buffer.byteLength(relayState, 'utf8') > LIMITS.relayStateBytes)
    throw new SamlRequestError(`RelayState longer than ${LIMITS.relayStateBytes} bytes`);
  if (/[<>"'`\u0000-\u001f\u007f]/.test(relayState)) throw new SamlRequestError('RelayState contains markup or control characters');
}

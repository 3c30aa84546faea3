import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { ValidationError } from '../domain/errors';

export interface FetchOptions {
  /** What is fetched, for messages ("metadata", "icon"). */
  readonly what: string;
  /** Reading stops (and the connection is closed) as soon as the body exceeds this. */
  readonly maxBytes: number;
  /** Idle time without a byte before the fetch gives up. */
  readonly timeoutMs?: number;
  /**
   * The whole fetch, however the bytes trickle in: a server sending one byte now and then never trips the
   * idle timeout, and a scheduled refresh of many schools must not wait on one of them.
   */
  readonly deadlineMs?: number;
  /**
   * Allow loopback, private and link-local addresses (and plain http on loopback). Off for URLs that
   * participants give the hub (no request from the hub into its own network); on for what an operator
   * registers from the command line, and outside production.
   */
  readonly allowPrivateAddresses: boolean;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Metadata and icons are small: 20 s in all is generous even for a slow school server. */
const DEFAULT_DEADLINE_MS = 20_000;

/** Public unicast addresses only, unless private ones are allowed. */
function addressAllowed(address: string, allowPrivate: boolean): boolean {
  if (allowPrivate) return true;
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'unicast';
}

/**
 * Fetches a URL with a size cap, a timeout, no redirects and no credentials in the URL. The address
 * check happens at connect time, on the address actually connected to (a DNS answer cannot point the
 * hub at its own network after a check). Every failure is a ValidationError naming the URL.
 */
export function fetchLimited(source: string, opts: FetchOptions): Promise<{ body: Buffer; contentType: string | null }> {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return Promise.reject(new ValidationError(`${opts.what}: '${source}' is not a valid URL`));
  }
  const plainHttpAllowed = opts.allowPrivateAddresses && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && plainHttpAllowed))
    return Promise.reject(new ValidationError(`${opts.what}: '${source}' must use https`));
  if (url.username || url.password) return Promise.reject(new ValidationError(`${opts.what}: '${source}' must not contain credentials`));
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(literal) && !addressAllowed(literal, opts.allowPrivateAddresses))
    return Promise.reject(new ValidationError(`${opts.what}: '${source}' points to a private or reserved address`));

  const lookup: LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      if (list.length === 0 || list.some((a) => !addressAllowed(a.address, opts.allowPrivateAddresses))) {
        return callback(Object.assign(new Error('resolves to a private or reserved address'), { code: 'EADDRNOTALLOWED' }), '', 4);
      }
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };

  const fail = (reason: string) => new ValidationError(`cannot fetch ${opts.what} from ${source}: ${reason}`);
  const deadlineMs = opts.deadlineMs ?? DEFAULT_DEADLINE_MS;
  return new Promise<{ body: Buffer; contentType: string | null }>((resolveFetch, rejectFetch) => {
    const deadline = setTimeout(() => {
      request.destroy();
      reject(fail(`took longer than ${deadlineMs / 1000} s in all`));
    }, deadlineMs);
    const resolve = (v: { body: Buffer; contentType: string | null }) => {
      clearTimeout(deadline);
      resolveFetch(v);
    };
    const reject = (e: Error) => {
      clearTimeout(deadline);
      rejectFetch(e);
    };
    const request = (url.protocol === 'https:' ? https : http).get(
      url,
      { lookup, timeout: opts.timeoutMs ?? 10_000, headers: { accept: '*/*', 'user-agent': 'Leerpoort' } },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status !== 200) {
          response.resume();
          request.destroy();
          return reject(fail(status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`));
        }
        const declared = Number(response.headers['content-length'] ?? NaN);
        if (declared > opts.maxBytes) {
          request.destroy();
          return reject(fail(`larger than ${Math.round(opts.maxBytes / 1024)} KiB`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes) {
            request.destroy();
            return reject(fail(`larger than ${Math.round(opts.maxBytes / 1024)} KiB`));
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ body: Buffer.concat(chunks), contentType: response.headers['content-type'] ?? null }));
        response.on('error', (e) => reject(fail(e.message)));
      },
    );
    request.on('timeout', () => {
      request.destroy();
      reject(fail('timed out'));
    });
    request.on('error', (e) =>
      reject(fail((e as NodeJS.ErrnoException).code === 'EADDRNOTALLOWED' ? 'it resolves to a private or reserved address' : e.message)),
    );
  });
}

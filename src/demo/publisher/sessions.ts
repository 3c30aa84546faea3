import crypto from 'node:crypto';

/** Who logged in at the publisher, as the hub's assertion said. */
export interface PublisherSession {
  readonly nameId: string;
  readonly nameIdFormat: string;
  readonly sessionIndex: string;
  /** Every attribute exactly as it arrived: Name → values, in the order of the assertion. */
  readonly attributes: ReadonlyArray<{ readonly name: string; readonly values: readonly string[] }>;
  readonly issuer: string;
  readonly loggedInAt: Date;
}

/**
 * A small bounded store with expiry: the demo keeps its state in memory (a restart logs everyone out of
 * the publisher, which is fine for a demo). Oldest entries go first when it is full, so a flood of
 * login clicks cannot grow it without bound.
 */
export class BoundedStore<T> {
  private readonly entries = new Map<string, { value: T; expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 1000,
  ) {}

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  get(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expires <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return e.value;
  }

  /** Reads and removes: for one-time values (an AuthnRequest ID is answered once). */
  take(key: string): T | undefined {
    const value = this.get(key);
    this.entries.delete(key);
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Removes every entry the predicate picks (a LogoutRequest from the hub names a person, not a cookie). */
  deleteWhere(pick: (value: T) => boolean): number {
    let n = 0;
    for (const [k, e] of this.entries) if (pick(e.value) && this.entries.delete(k)) n++;
    return n;
  }
}

export const newId = () => crypto.randomBytes(24).toString('base64url');

/** The publisher's cookie: its own name, since cookies are shared between ports of one host (the hub's too). */
export const COOKIE = 'rekenrijk.sid';

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

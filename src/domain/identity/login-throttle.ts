import type { ThrottlePolicy } from './ports';
import type { Repositories } from '../ports';
import { normaliseAddress } from './school-network';

/**
 * Guessing protection shared by every way in (password, picture password, login card, parents, second
 * factor, API client secrets, mail-sending forms), stored in the database so every hub process counts
 * together. An attempt is counted on every key that guards it *before* the expensive check (argon2id,
 * a TOTP code), every key in one atomic statement (an upsert per key row, all rows in one round trip): a
 * burst of parallel requests is evaluated at most up to the limit and the rest is answered 429 with
 * Retry-After. (An attempt refused on one key is counted on its other keys for a moment, until the same
 * request takes it back: stricter, never looser.) From the limit on, each admitted attempt makes
 * the next one wait (30 s, doubling, at most 15 min); the window only restarts after 15 quiet minutes.
 *
 * Keys, so that guessing cannot lock the real user out and strangers cannot lock each other out:
 *  - per account and client (the browser's known-device id, else its address): 5;
 *  - per account for clients it has never used: 20 — a browser that logged in to the account before
 *    (known-device cookie) is never held back by it;
 *  - per address over all accounts: 30, but 300 for an address inside a school's registered network,
 *    because a whole class shares one public address;
 *  - per login card (never one key for all cards), per second factor of an account (5), per API client.
 */
export const THROTTLE = Object.freeze({
  windowMs: 15 * 60 * 1000,
  baseDelayMs: 30 * 1000,
  maxDelayMs: 15 * 60 * 1000,
  perAccountAndClient: 5,
  perAccountFromUnknownClients: 20,
  perAddress: 30,
  perSchoolAddress: 300,
  perCard: 10,
  secondFactor: 5,
  perApiClient: 10,
  apiPerAddress: 30,
  mailsPerAddress: 10,
  mailsPerSchoolAddress: 30,
  mailsPerTarget: 3,
});

/** Per-address limits by purpose: outside any school network, and inside one (a class shares an address). */
const ADDRESS_LIMITS = {
  login: { outside: THROTTLE.perAddress, school: THROTTLE.perSchoolAddress },
  api: { outside: THROTTLE.apiPerAddress, school: THROTTLE.apiPerAddress },
  mail: { outside: THROTTLE.mailsPerAddress, school: THROTTLE.mailsPerSchoolAddress },
} as const;

export const policy = (limit: number): ThrottlePolicy => ({
  limit,
  windowMs: THROTTLE.windowMs,
  baseDelayMs: THROTTLE.baseDelayMs,
  maxDelayMs: THROTTLE.maxDelayMs,
});

/** One counter an attempt must pass. `onSuccess`: forget the count (the account's own key), or take this one attempt back. */
export interface Guard {
  readonly key: string;
  readonly limit: number;
  readonly onSuccess: 'clear' | 'release' | 'keep';
}

export interface ThrottleSubject {
  /** Something that names the account (username, pupil id, parent's e-mail); hashed before storing. */
  readonly account: string;
  readonly ip: string | null | undefined;
  /** The id from this browser's known-device cookie for this account, when it has one. */
  readonly knownDevice: string | null;
}

/** An admitted attempt: tell the throttle how it ended (a failure needs no word: it stays counted). */
export interface Attempt {
  succeeded(): Promise<void>;
  /** Nothing secret was checked after all (e.g. refused for another reason): take the attempt back. */
  withdrawn(): Promise<void>;
}

export interface AccountThrottleState {
  /** The account waits until then on at least one of its keys; null: not held back. */
  readonly blockedUntil: Date | null;
  /** The highest count of attempts on any of its keys in the current window. */
  readonly failedAttempts: number;
}

export type Admission = { readonly ok: true; readonly attempt: Attempt } | { readonly ok: false; readonly retryAfterSeconds: number };

export class LoginThrottle {
  constructor(
    private readonly repos: Pick<Repositories, 'schoolNetworks' | 'throttle'>,
    /** Keyed hash: the throttle table must not hold usernames or addresses in clear. */
    private readonly hashKey: (value: string) => string,
  ) {}

  /** The per-address key; its limit is higher inside a school's registered network (a classroom). */
  async addressGuard(purpose: keyof typeof ADDRESS_LIMITS, ip: string | null | undefined): Promise<Guard> {
    const address = normaliseAddress(ip);
    const atSchool = address !== null && (await this.repos.schoolNetworks.isSchoolAddress(address));
    const limits = ADDRESS_LIMITS[purpose];
    return {
      key: `${purpose}-ip:${this.hashKey(address ?? 'unknown')}`,
      limit: atSchool ? limits.school : limits.outside,
      onSuccess: 'release',
    };
  }

  /** The keys guarding a login of `subject` (see the class comment). */
  async loginGuards(s: ThrottleSubject): Promise<Guard[]> {
    const account = this.hashKey(s.account);
    const ownKey: Guard = {
      key: `account:${account}:${s.knownDevice ? `device:${s.knownDevice}` : `ip:${this.hashKey(normaliseAddress(s.ip) ?? 'unknown')}`}`,
      limit: THROTTLE.perAccountAndClient,
      onSuccess: 'clear',
    };
    // A known device has logged in to this account before: the account-wide and address-wide keys that
    // guessers fill up do not hold it back.
    if (s.knownDevice) return [ownKey];
    return [
      ownKey,
      { key: `account:${account}:unknown-clients`, limit: THROTTLE.perAccountFromUnknownClients, onSuccess: 'release' },
      await this.addressGuard('login', s.ip),
    ];
  }

  /** A login card with a valid signature: counted per card, never under one key for every card. */
  cardGuard(cardId: string): Guard {
    return { key: `card:${cardId}`, limit: THROTTLE.perCard, onSuccess: 'release' };
  }

  /** The second step of an account, over every browser and session: logging in again does not reset it. */
  secondFactorGuard(credentialId: string): Guard {
    return { key: `second-factor:${credentialId}`, limit: THROTTLE.secondFactor, onSuccess: 'clear' };
  }

  /** Any other named counter (API clients, mail targets): `what` is hashed. */
  guard(namespace: string, what: string, limit: number, onSuccess: Guard['onSuccess']): Guard {
    return { key: `${namespace}:${this.hashKey(what)}`, limit, onSuccess };
  }

  /**
   * Counts the attempt on every guard in one statement. When one refuses, the attempts counted on the
   * others are taken back (the attempt never ran) and the caller answers 429 with the wait. Settling
   * afterwards is one statement too: a password login writes its counters in two round trips.
   */
  async admit(guards: readonly Guard[], now = new Date()): Promise<Admission> {
    const entries = guards.map((g) => ({ key: g.key, policy: policy(g.limit) }));
    const results = await this.repos.throttle.reserveAll(entries, now);
    const counted = entries.filter((_, i) => results[i]!.admitted);
    const refusal = results.reduce((wait, r) => (r.admitted ? wait : Math.max(wait, r.retryAfterMs)), -1);
    if (refusal >= 0) {
      await this.repos.throttle.settle(counted.map((e) => ({ ...e, clear: false })));
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(refusal / 1000)) };
    }
    const onSuccess = new Map(guards.map((g) => [g.key, g.onSuccess]));
    return {
      ok: true,
      attempt: {
        succeeded: () =>
          this.repos.throttle.settle(
            counted.filter((e) => onSuccess.get(e.key) !== 'keep').map((e) => ({ ...e, clear: onSuccess.get(e.key) === 'clear' })),
          ),
        withdrawn: () => this.repos.throttle.settle(counted.map((e) => ({ ...e, clear: false }))),
      },
    };
  }

  /**
   * The throttle state of one account over all its keys (every client, the unknown-clients key, the
   * second factor): for the helpdesk's "why can't I log in". `accounts`: the names it is counted under
   * (its username; `pupil:<id>` for the picture login).
   */
  async accountState(accounts: readonly string[], credentialId: string, now = new Date()): Promise<AccountThrottleState> {
    const rows = [];
    for (const a of accounts) rows.push(...(await this.repos.throttle.listByPrefix(`account:${this.hashKey(a)}:`)));
    const second = await this.repos.throttle.get(this.secondFactorGuard(credentialId).key);
    if (second) rows.push({ key: 'second-factor', ...second });
    const blocked = rows.map((r) => r.blockedUntil).filter((d): d is Date => d !== null && d > now);
    return {
      blockedUntil: blocked.length ? new Date(Math.max(...blocked.map((d) => d.getTime()))) : null,
      failedAttempts: rows.reduce((n, r) => Math.max(n, r.attempts), 0),
    };
  }

  /** Forgets every counter of the account (a helpdesk unlock); the address-wide keys are left alone. */
  async unlockAccount(accounts: readonly string[], credentialId: string): Promise<number> {
    let cleared = 0;
    for (const a of accounts) cleared += await this.repos.throttle.clearByPrefix(`account:${this.hashKey(a)}:`);
    const key = this.secondFactorGuard(credentialId).key;
    if (await this.repos.throttle.get(key)) {
      await this.repos.throttle.clear(key);
      cleared++;
    }
    return cleared;
  }

  /** Counts a request from this address alone (forms that send mail). */
  async admitAddress(purpose: keyof typeof ADDRESS_LIMITS, ip: string | null | undefined, now = new Date()): Promise<Admission> {
    return this.admit([await this.addressGuard(purpose, ip)], now);
  }

  /** The usual login: every key of `loginGuards`. */
  async admitLogin(s: ThrottleSubject, now = new Date()): Promise<Admission> {
    return this.admit(await this.loginGuards(s), now);
  }
}

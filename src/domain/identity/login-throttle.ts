import type { Repositories, ThrottleState } from '../ports';

/**
 * Guessing protection shared by every way of logging in (password, picture password, login card,
 * parents), stored in the database so every hub process counts together.
 *
 * Keys, so that guessing cannot lock the real user out:
 *  - per account and client (the browser's known-device id, else its address): 5 failures → back-off;
 *  - per account for unknown clients only: 20 failures → back-off for clients the account has not used
 *    before; a browser that logged in to the account before (known-device cookie) is never held back by it;
 *  - per address over all accounts: 30 failures → back-off.
 */
export const THROTTLE = Object.freeze({
  windowMs: 15 * 60 * 1000,
  blockFromUnknownClientFailures: 20,
  /** From this many failures in the window on, each further attempt waits (30 s, doubling, at most 15 min). */
  blockFromAccountFailures: 5,
  blockFromIpFailures: 30,
  baseDelayMs: 30 * 1000,
  maxDelayMs: 15 * 60 * 1000,
});

export interface ThrottleSubject {
  /** Something that names the account (username, pupil id, parent's e-mail); hashed before storing. */
  readonly account: string;
  readonly ip: string | null | undefined;
  /** The id from this browser's known-device cookie for this account, when it has one. */
  readonly knownDevice: string | null;
}

export class LoginThrottle {
  constructor(
    private readonly repos: Repositories,
    /** Keyed hash: the throttle table must not hold usernames or addresses in clear. */
    private readonly hashKey: (value: string) => string,
  ) {}

  private keys(s: ThrottleSubject) {
    const account = this.hashKey(s.account);
    const ip = `ip:${this.hashKey(s.ip ?? 'unknown')}`;
    const client = s.knownDevice ? `device:${s.knownDevice}` : ip;
    return { account: `account:${account}:${client}`, unknownClients: `account:${account}:unknown-clients`, ip };
  }

  private async blockedFor(key: string, now: Date): Promise<number> {
    const state = await this.repos.throttle.get(key);
    return state?.blockedUntil && state.blockedUntil > now ? Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000) : 0;
  }

  private async recordFailure(key: string, blockFrom: number, now: Date): Promise<void> {
    const previous = await this.repos.throttle.get(key);
    const fresh = !previous || now.getTime() - previous.windowStartedAt.getTime() > THROTTLE.windowMs;
    const failures = fresh ? 1 : previous.failures + 1;
    const delay = failures >= blockFrom ? Math.min(THROTTLE.baseDelayMs * 2 ** (failures - blockFrom), THROTTLE.maxDelayMs) : 0;
    const state: ThrottleState = { failures, windowStartedAt: fresh ? now : previous.windowStartedAt, blockedUntil: delay ? new Date(now.getTime() + delay) : null };
    await this.repos.throttle.put(key, state);
  }

  /** Seconds this subject must still wait (0: may try now). */
  async waitSeconds(s: ThrottleSubject, now: Date): Promise<number> {
    const k = this.keys(s);
    return Math.max(await this.blockedFor(k.account, now), s.knownDevice ? 0 : await this.blockedFor(k.unknownClients, now), s.knownDevice ? 0 : await this.blockedFor(k.ip, now));
  }

  async failed(s: ThrottleSubject, now: Date): Promise<void> {
    const k = this.keys(s);
    await this.recordFailure(k.account, THROTTLE.blockFromAccountFailures, now);
    if (!s.knownDevice) await this.recordFailure(k.unknownClients, THROTTLE.blockFromUnknownClientFailures, now);
    await this.recordFailure(k.ip, THROTTLE.blockFromIpFailures, now);
  }

  async succeeded(s: ThrottleSubject): Promise<void> {
    await this.repos.throttle.clear(this.keys(s).account);
  }
}

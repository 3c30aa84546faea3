import type { EntityManager } from 'typeorm';
import type { ThrottleEntry, ThrottlePolicy, ThrottleRepository, ThrottleReservation } from '../../domain/identity/ports';
import type { ThrottleState } from '../../domain/model';
import { affectedRows } from './sql';

/**
 * Attempt counters in one table, changed only by single atomic statements (INSERT … ON CONFLICT DO
 * UPDATE … RETURNING takes the row lock), so parallel requests and several hub processes count together
 * and none of them can slip between a check and a write. SET expressions read the row as it was before
 * this statement; `$2` is the time of the attempt.
 */
const ms = (expr: string) => `(${expr}::double precision * interval '1 millisecond')`;

/**
 * One statement counts an attempt on every key it names (a login's account-and-browser, account and
 * address keys at once). Each key's policy is looked up from the parameter arrays by the key's position
 * ($1 keys, $3 windows, $4 limits, $5 base delays, $6 maximum delays). Rows are inserted in key order, so
 * two statements sharing keys lock them in the same order and never deadlock.
 */
const policyOf = (param: number, type: string) => `($${param}::${type}[])[array_position($1::text[], t.key)]`;
const WINDOW = policyOf(3, 'double precision');
const LIMIT = policyOf(4, 'int');
const BASE = policyOf(5, 'double precision');
const MAX = policyOf(6, 'double precision');
const BLOCKED = '(t.blocked_until IS NOT NULL AND t.blocked_until > $2::timestamptz)';
/** No attempt within the window: the count starts again. While attempts keep coming it never does. */
const NEXT_COUNT = `(CASE WHEN t.last_attempt_at < $2::timestamptz - ${ms(WINDOW)} THEN 1 ELSE t.attempts + 1 END)`;
/** From the limit on, each admitted attempt sets the back-off for the next: base × 2^(count − limit), capped. */
const backOff = (count: string, limit: string, base: string, max: string) =>
  `($2::timestamptz + LEAST(${base} * power(2, ${count} - ${limit}), ${max}) * interval '1 millisecond')`;

const RESERVE = `
  INSERT INTO login_throttle AS t (key, attempts, last_attempt_at, blocked_until, refused)
  SELECT v.key, 1, $2, CASE WHEN 1 >= v.lim THEN ${backOff('1', 'v.lim', 'v.base', 'v.max')} END, false
  FROM unnest($1::text[], $4::int[], $5::double precision[], $6::double precision[]) AS v(key, lim, base, max)
  ORDER BY v.key
  ON CONFLICT (key) DO UPDATE SET
    attempts = CASE WHEN ${BLOCKED} THEN t.attempts ELSE ${NEXT_COUNT} END,
    blocked_until = CASE WHEN ${BLOCKED} THEN t.blocked_until WHEN ${NEXT_COUNT} >= ${LIMIT} THEN ${backOff(NEXT_COUNT, LIMIT, BASE, MAX)} ELSE NULL END,
    refused = ${BLOCKED},
    last_attempt_at = $2
  RETURNING key, refused, blocked_until`;

/**
 * One statement settles every key of an attempt: `clear` ones forget their count (attempts 0, no
 * back-off; the idle row goes with purgeIdle), the others take this one attempt back (below the limit
 * again: nothing left to back off from). The rows are locked in key order first (FOR UPDATE after the
 * sort), as RESERVE locks them, so concurrent statements over shared keys cannot deadlock.
 */
const SETTLE = `
  UPDATE login_throttle AS t SET
    attempts = CASE WHEN v.clear THEN 0 ELSE GREATEST(t.attempts - 1, 0) END,
    blocked_until = CASE WHEN v.clear OR t.attempts - 1 < v.lim THEN NULL ELSE t.blocked_until END
  FROM (
    SELECT l.key, i.lim, i.clear
    FROM login_throttle l JOIN unnest($1::text[], $2::int[], $3::boolean[]) AS i(key, lim, clear) ON i.key = l.key
    ORDER BY l.key
    FOR UPDATE OF l
  ) AS v
  WHERE t.key = v.key`;

export class TypeOrmThrottleRepository implements ThrottleRepository {
  constructor(private readonly em: EntityManager) {}

  async reserve(key: string, policy: ThrottlePolicy, now: Date): Promise<ThrottleReservation> {
    return (await this.reserveAll([{ key, policy }], now))[0]!;
  }

  async reserveAll(entries: readonly ThrottleEntry[], now: Date): Promise<ThrottleReservation[]> {
    if (entries.length === 0) return [];
    assertDistinct(entries);
    const rows: Array<{ key: string; refused: boolean; blocked_until: Date | string | null }> = await this.em.query(RESERVE, [
      entries.map((e) => e.key),
      now,
      entries.map((e) => e.policy.windowMs),
      entries.map((e) => e.policy.limit),
      entries.map((e) => e.policy.baseDelayMs),
      entries.map((e) => e.policy.maxDelayMs),
    ]);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    return entries.map((e): ThrottleReservation => {
      const row = byKey.get(e.key)!;
      if (!row.refused) return { admitted: true };
      return { admitted: false, retryAfterMs: Math.max(0, new Date(row.blocked_until!).getTime() - now.getTime()) };
    });
  }

  async release(key: string, policy: ThrottlePolicy): Promise<void> {
    await this.settle([{ key, policy, clear: false }]);
  }

  async settle(entries: ReadonlyArray<ThrottleEntry & { readonly clear: boolean }>): Promise<void> {
    if (entries.length === 0) return;
    assertDistinct(entries);
    await this.em.query(SETTLE, [entries.map((e) => e.key), entries.map((e) => e.policy.limit), entries.map((e) => e.clear)]);
  }

  async clear(key: string): Promise<void> {
    await this.em.query('DELETE FROM login_throttle WHERE key = $1', [key]);
  }

  async get(key: string): Promise<ThrottleState | null> {
    const rows: Array<{ attempts: number; last_attempt_at: Date | string; blocked_until: Date | string | null }> = await this.em.query(
      'SELECT attempts, last_attempt_at, blocked_until FROM login_throttle WHERE key = $1',
      [key],
    );
    const r = rows[0];
    return r
      ? {
          attempts: Number(r.attempts),
          lastAttemptAt: new Date(r.last_attempt_at),
          blockedUntil: r.blocked_until ? new Date(r.blocked_until) : null,
        }
      : null;
  }

  // left(…) = prefix, not LIKE: the hashed parts of a key may contain LIKE's wildcards.
  async listByPrefix(prefix: string): Promise<Array<ThrottleState & { key: string }>> {
    const rows: Array<{ key: string; attempts: number; last_attempt_at: Date | string; blocked_until: Date | string | null }> =
      await this.em.query(
        'SELECT key, attempts, last_attempt_at, blocked_until FROM login_throttle WHERE left(key, length($1)) = $1 ORDER BY key',
        [prefix],
      );
    return rows.map((r) => ({
      key: r.key,
      attempts: Number(r.attempts),
      lastAttemptAt: new Date(r.last_attempt_at),
      blockedUntil: r.blocked_until ? new Date(r.blocked_until) : null,
    }));
  }

  async clearByPrefix(prefix: string): Promise<number> {
    return affectedRows(this.em, 'DELETE FROM login_throttle WHERE left(key, length($1)) = $1', [prefix]);
  }

  async purgeIdle(before: Date): Promise<number> {
    const affected = await affectedRows(
      this.em,
      'DELETE FROM login_throttle WHERE last_attempt_at < $1 AND (blocked_until IS NULL OR blocked_until < $1)',
      [before],
    );
    return affected;
  }
}

/** One statement cannot count or settle the same key twice (ON CONFLICT would refuse it): a caller's bug. */
function assertDistinct(entries: ReadonlyArray<{ readonly key: string }>): void {
  if (new Set(entries.map((e) => e.key)).size !== entries.length) throw new Error('throttle: the same key twice in one attempt');
}

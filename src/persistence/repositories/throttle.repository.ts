import type { EntityManager } from 'typeorm';
import type { ThrottlePolicy, ThrottleRepository, ThrottleReservation } from '../../domain/identity/ports';
import type { ThrottleState } from '../../domain/model';
import { affectedRows } from './sql';

/**
 * Attempt counters in one table, changed only by single atomic statements (INSERT … ON CONFLICT DO
 * UPDATE … RETURNING takes the row lock), so parallel requests and several hub processes count together
 * and none of them can slip between a check and a write. SET expressions read the row as it was before
 * this statement; `$2` is the time of the attempt.
 */
const ms = (param: string) => `(${param}::double precision * interval '1 millisecond')`;
const BLOCKED = '(t.blocked_until IS NOT NULL AND t.blocked_until > $2::timestamptz)';
/** No attempt within the window: the count starts again. While attempts keep coming it never does. */
const NEXT_COUNT = `(CASE WHEN t.last_attempt_at < $2::timestamptz - ${ms('$3')} THEN 1 ELSE t.attempts + 1 END)`;
/** From the limit on, each admitted attempt sets the back-off for the next: base × 2^(count − limit), capped. */
const backOff = (count: string) =>
  `($2::timestamptz + LEAST($5::double precision * power(2, ${count} - $4), $6::double precision) * interval '1 millisecond')`;

const RESERVE = `
  INSERT INTO login_throttle AS t (key, attempts, last_attempt_at, blocked_until, refused)
  VALUES ($1, 1, $2, CASE WHEN 1 >= $4 THEN ${backOff('1')} END, false)
  ON CONFLICT (key) DO UPDATE SET
    attempts = CASE WHEN ${BLOCKED} THEN t.attempts ELSE ${NEXT_COUNT} END,
    blocked_until = CASE WHEN ${BLOCKED} THEN t.blocked_until WHEN ${NEXT_COUNT} >= $4 THEN ${backOff(NEXT_COUNT)} ELSE NULL END,
    refused = ${BLOCKED},
    last_attempt_at = $2
  RETURNING refused, blocked_until`;

export class TypeOrmThrottleRepository implements ThrottleRepository {
  constructor(private readonly em: EntityManager) {}

  async reserve(key: string, policy: ThrottlePolicy, now: Date): Promise<ThrottleReservation> {
    const rows: Array<{ refused: boolean; blocked_until: Date | string | null }> = await this.em.query(RESERVE, [
      key,
      now,
      policy.windowMs,
      policy.limit,
      policy.baseDelayMs,
      policy.maxDelayMs,
    ]);
    const row = rows[0]!;
    if (!row.refused) return { admitted: true };
    return { admitted: false, retryAfterMs: Math.max(0, new Date(row.blocked_until!).getTime() - now.getTime()) };
  }

  async release(key: string, policy: ThrottlePolicy): Promise<void> {
    // Below the limit again (the attempt succeeded): nothing left to back off from.
    await this.em.query(
      'UPDATE login_throttle SET attempts = GREATEST(attempts - 1, 0), blocked_until = CASE WHEN attempts - 1 < $2 THEN NULL ELSE blocked_until END WHERE key = $1',
      [key, policy.limit],
    );
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

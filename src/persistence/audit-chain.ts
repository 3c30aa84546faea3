import type { DataSource, EntityManager } from 'typeorm';
import {
  type ChainEntry,
  type ChainProblem,
  type ChainReport,
  type ChainStatement,
  chainHash,
  describeProblem,
  GENESIS_HASH,
  walkChain,
} from '../domain/audit/chain';
import type { AuditChainStore, SignatureCheck } from '../domain/audit/ports';
import { ValidationError } from '../domain/errors';

/**
 * The audit chain on PostgreSQL and PGlite.
 *
 * Design (issue 15 item 5): entries are chained by a single **sealer after commit**, not at insert time.
 *  - Why not at insert: chaining at insert needs the chain head locked by every transaction that writes an
 *    audit entry, from that write until its commit. Every audited transaction (an import writing audit rows
 *    for seconds, a login) would then queue behind every other, and the SSO group commit of each worker
 *    behind all of them: a global lock on the hot path. bigserial ids do not help either: they are handed
 *    out at INSERT, not in commit order.
 *  - The sealer: the SSO path and every other writer insert as before (one extra partial-index entry per
 *    row, nothing more). The sealer (a job inside `serve`, every few seconds, one at a time under an
 *    advisory lock) takes the committed rows not yet sealed — it can only see committed rows — and gives
 *    each the next chain position and hash in the order it finds them. A row whose transaction commits
 *    later (a lower id included) simply gets a later position: the chain is in sealing order, never forks
 *    (one sealer, head under the lock) and needs no horizon.
 *  - Within a batch, rows go in order of occurred_at (then id): the chain stays close to chronological, so
 *    the purge by age (which removes a prefix of the chain) reaches old entries promptly.
 *  - The trade-off: between commit and sealing (seconds while the hub runs; until the next `serve` or
 *    `audit seal` for rows the CLI wrote while no hub ran) an entry is protected by the append-only trigger
 *    and the database privileges only, not yet by the chain. `audit verify` reports such rows as pending.
 */

/** The advisory lock the sealer and the purge hold (a fixed key, "LPAU"): one chain writer at a time. */
const CHAIN_LOCK_KEY = 0x4c504155;
const SEAL_BATCH = 1000;
const PAGE = 1000;

const FIELDS = `chain_seq::text AS seq, id::text AS id,
  to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
  actor_type, actor_id, ip::text AS ip, request_id, school_id::text AS school_id, action, outcome,
  target_type, target_id, details::text AS details, chain_hash`;

type Row = {
  seq: string | null;
  id: string;
  occurred_at: string;
  actor_type: string;
  actor_id: string;
  ip: string | null;
  request_id: string | null;
  school_id: string | null;
  action: string;
  outcome: string;
  target_type: string | null;
  target_id: string | null;
  details: string;
  chain_hash: string | null;
  expired?: boolean;
};

const toEntry = (r: Row, seq: string): ChainEntry => ({
  seq,
  id: r.id,
  occurredAt: r.occurred_at,
  actorType: r.actor_type,
  actorId: r.actor_id,
  ip: r.ip,
  requestId: r.request_id,
  schoolId: r.school_id,
  action: r.action,
  outcome: r.outcome,
  targetType: r.target_type,
  targetId: r.target_id,
  details: r.details,
});

type Signed = { seq: string; hash: string; signature: string };

async function lockChain(m: EntityManager, wait: boolean): Promise<boolean> {
  if (wait) {
    await m.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
    return true;
  }
  const [{ ok }] = (await m.query('SELECT pg_try_advisory_xact_lock($1) AS ok', [CHAIN_LOCK_KEY])) as Array<{ ok: boolean }>;
  return ok;
}

async function readHead(m: EntityManager): Promise<Signed | null> {
  const rows: Signed[] = await m.query('SELECT seq::text AS seq, hash, signature FROM audit_chain_head');
  return rows[0] ?? null;
}

async function readCheckpoint(m: EntityManager): Promise<(Signed & { purged: number; before: string }) | null> {
  const rows: Array<Signed & { purged: number; before: string }> = await m.query(
    `SELECT upto_seq::text AS seq, upto_hash AS hash, signature, purged_entries AS purged,
            to_char(purged_before AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS before
       FROM audit_checkpoints ORDER BY upto_seq DESC LIMIT 1`,
  );
  return rows[0] ?? null;
}

/** A signed statement must be valid and say exactly what its row says. */
async function checkStatement(
  check: (jws: string) => Promise<SignatureCheck>,
  what: 'head' | 'checkpoint',
  row: Signed,
): Promise<ChainProblem | null> {
  const result = await check(row.signature);
  if (!result.ok) return { kind: 'bad-signature', what, detail: `${result.reason}: ${result.detail}` };
  let stmt: ChainStatement;
  try {
    stmt = JSON.parse(result.payload) as ChainStatement;
  } catch {
    return { kind: 'bad-signature', what, detail: 'the signed statement is not JSON' };
  }
  const type = what === 'head' ? 'leerpoort-audit-head' : 'leerpoort-audit-checkpoint';
  if (stmt.type !== type || stmt.seq !== row.seq || stmt.hash !== row.hash)
    return { kind: 'bad-signature', what, detail: `the signed ${what} says #${stmt.seq}, the stored one #${row.seq}` };
  return null;
}

/** Sealed entries after `from`, in chain order, a page at a time (keyset pagination). */
async function* sealedAfter(m: EntityManager, from: bigint, expiredBefore?: Date): AsyncGenerator<Row> {
  let after = from;
  const expired = expiredBefore ? ', occurred_at < $2 AS expired' : '';
  for (;;) {
    const rows: Row[] = await m.query(
      `SELECT ${FIELDS}${expired} FROM audit_events WHERE chain_seq IS NOT NULL AND chain_seq > $1 ORDER BY chain_seq LIMIT ${PAGE}`,
      expiredBefore ? [after.toString(), expiredBefore] : [after.toString()],
    );
    for (const r of rows) yield r;
    if (rows.length < PAGE) return;
    after = BigInt(rows[rows.length - 1]!.seq!);
  }
}

export class SqlAuditChainStore implements AuditChainStore {
  constructor(private readonly dataSource: DataSource) {}

  async seal(sign: (statement: string) => Promise<string>): Promise<{ sealed: number; head: { seq: string; hash: string } | null }> {
    let total = 0;
    let head: { seq: string; hash: string } | null = null;
    for (;;) {
      const round = await this.dataSource.transaction(async (m) => {
        if (!(await lockChain(m, false))) return null; // another process is sealing right now
        const current = await readHead(m);
        const rows: Row[] = await m.query(
          `SELECT ${FIELDS} FROM audit_events WHERE chain_seq IS NULL ORDER BY occurred_at, id LIMIT ${SEAL_BATCH}`,
        );
        if (rows.length === 0) return { sealed: 0, head: current ? { seq: current.seq, hash: current.hash } : null };
        let seq = BigInt(current?.seq ?? '0');
        let hash = current?.hash ?? GENESIS_HASH;
        const ids: string[] = [];
        const seqs: string[] = [];
        const hashes: string[] = [];
        for (const r of rows) {
          seq += 1n;
          hash = chainHash(hash, toEntry(r, seq.toString()));
          ids.push(r.id);
          seqs.push(seq.toString());
          hashes.push(hash);
        }
        await m.query(
          `UPDATE audit_events a SET chain_seq = u.seq, chain_hash = u.hash
             FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS u(id, seq, hash) WHERE a.id = u.id`,
          [ids, seqs, hashes],
        );
        const statement: ChainStatement = { type: 'leerpoort-audit-head', seq: seq.toString(), hash, at: new Date().toISOString() };
        const signature = await sign(JSON.stringify(statement));
        await m.query(
          `INSERT INTO audit_chain_head (singleton, seq, hash, signature, updated_at) VALUES (true, $1, $2, $3, now())
           ON CONFLICT (singleton) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, signature = EXCLUDED.signature, updated_at = now()`,
          [seq.toString(), hash, signature],
        );
        return { sealed: rows.length, head: { seq: seq.toString(), hash } };
      });
      if (!round) return { sealed: total, head };
      total += round.sealed;
      head = round.head;
      if (round.sealed < SEAL_BATCH) return { sealed: total, head };
    }
  }

  async verify(
    check: (jws: string) => Promise<SignatureCheck>,
    onProgress?: (checked: number, total: number) => void,
  ): Promise<ChainReport> {
    // One snapshot for the whole walk: a sealer running meanwhile must not make a consistent chain look broken.
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const [{ pending, sealed }] = (await m.query(
        'SELECT count(*) FILTER (WHERE chain_seq IS NULL)::int AS pending, count(*) FILTER (WHERE chain_seq IS NOT NULL)::int AS sealed FROM audit_events',
      )) as Array<{ pending: number; sealed: number }>;
      const head = await readHead(m);
      const checkpoint = await readCheckpoint(m);
      const start = checkpoint ? { seq: BigInt(checkpoint.seq), hash: checkpoint.hash } : { seq: 0n, hash: GENESIS_HASH };
      const report = (problem: ChainProblem | null, entries: number): ChainReport => ({
        ok: problem === null,
        entries,
        pending,
        from: start.seq.toString(),
        head: head?.seq ?? null,
        problem,
      });
      if (checkpoint) {
        const bad = await checkStatement(check, 'checkpoint', checkpoint);
        if (bad) return report(bad, 0);
      }
      if (!head) {
        // Never sealed: fine only while nothing was ever chained or purged.
        if (sealed > 0 || checkpoint) return report({ kind: 'head-mismatch', seq: '0' }, 0);
        return report(null, 0);
      }
      const badHead = await checkStatement(check, 'head', head);
      if (badHead) return report(badHead, 0);
      const headSeq = BigInt(head.seq);
      let checked = 0;
      let beyond: ChainProblem | null = null;
      const entries = async function* () {
        for await (const r of sealedAfter(m, start.seq)) {
          if (BigInt(r.seq!) > headSeq) {
            beyond = { kind: 'beyond-head', seq: r.seq!, id: r.id };
            return;
          }
          yield { ...toEntry(r, r.seq!), storedHash: r.chain_hash! };
        }
      };
      const walked = await walkChain(start, entries(), () => {
        checked++;
        if (onProgress && checked % PAGE === 0) onProgress(checked, sealed);
      });
      onProgress?.(checked, sealed);
      if (walked.problem) return report(walked.problem, walked.count);
      if (beyond) return report(beyond, walked.count);
      // Fewer links than the signed head counts (a deleted tail), or a different last hash (a rewritten one).
      if (walked.last.seq !== headSeq || walked.last.hash !== head.hash)
        return report({ kind: 'head-mismatch', seq: head.seq }, walked.count);
      return report(null, walked.count);
    });
  }

  async purge(
    before: Date,
    sign: (statement: string) => Promise<string>,
    check: (jws: string) => Promise<SignatureCheck>,
    opts: { dryRun: boolean },
  ): Promise<{ purged: number; checkpoint: string | null }> {
    return this.dataSource.transaction(async (m) => {
      await lockChain(m, true);
      const checkpoint = await readCheckpoint(m);
      if (checkpoint) {
        const bad = await checkStatement(check, 'checkpoint', checkpoint);
        if (bad) throw new ValidationError(`audit purge refused: the last checkpoint is not valid (${bad.kind})`);
      }
      const start = checkpoint ? { seq: BigInt(checkpoint.seq), hash: checkpoint.hash } : { seq: 0n, hash: GENESIS_HASH };
      // Walk the expired prefix, checking every link: a checkpoint must never vouch for a chain that was
      // already tampered with.
      const expiredPrefix = async function* () {
        for await (const r of sealedAfter(m, start.seq, before)) {
          if (!r.expired) return;
          yield { ...toEntry(r, r.seq!), storedHash: r.chain_hash! };
        }
      };
      const walked = await walkChain(start, expiredPrefix());
      if (walked.problem)
        throw new ValidationError(`audit purge refused: ${describeProblem(walked.problem)}; run \`leerpoort audit verify\``);
      if (walked.count === 0 || opts.dryRun) return { purged: walked.count, checkpoint: null };
      const statement: ChainStatement = {
        type: 'leerpoort-audit-checkpoint',
        seq: walked.last.seq.toString(),
        hash: walked.last.hash,
        purgedEntries: walked.count,
        purgedBefore: before.toISOString(),
        at: new Date().toISOString(),
      };
      const signature = await sign(JSON.stringify(statement));
      await m.query(
        'INSERT INTO audit_checkpoints (upto_seq, upto_hash, purged_entries, purged_before, signature) VALUES ($1, $2, $3, $4, $5)',
        [statement.seq, statement.hash, walked.count, before, signature],
      );
      const [{ n }] = (await m.query('SELECT leerpoort_audit_purge($1) AS n', [statement.seq])) as Array<{ n: number }>;
      return { purged: Number(n), checkpoint: statement.seq };
    });
  }
}

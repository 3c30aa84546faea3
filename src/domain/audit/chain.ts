import { createHash } from 'node:crypto';

/**
 * The audit trail as a hash chain (security annex B, "onweerlegbaarheid"). Every sealed entry carries
 * hash(n) = SHA-256(hash(n-1) ‖ "\n" ‖ canonical(entry n)), where canonical() lists the entry's position,
 * id and every column in a fixed order, as PostgreSQL prints them. Editing a column, moving, inserting or
 * removing an entry changes a hash from there on; recomputing the rest of the chain is caught by the
 * signed head (and, after a purge, by the signed checkpoint the chain starts from): only the hub key can
 * sign those.
 */

/** The hash before the first entry of a chain that was never purged. */
export const GENESIS_HASH = '0'.repeat(64);

/** One audit entry as the chain sees it: every column as text, exactly as the database prints it. */
export interface ChainEntry {
  readonly seq: string;
  readonly id: string;
  readonly occurredAt: string;
  readonly actorType: string;
  readonly actorId: string;
  readonly ip: string | null;
  readonly requestId: string | null;
  readonly schoolId: string | null;
  readonly action: string;
  readonly outcome: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  /** The jsonb column's text form (PostgreSQL prints jsonb canonically: sorted keys, normalised spacing). */
  readonly details: string;
}

export function canonicalEntry(e: ChainEntry): string {
  return JSON.stringify([
    e.seq,
    e.id,
    e.occurredAt,
    e.actorType,
    e.actorId,
    e.ip,
    e.requestId,
    e.schoolId,
    e.action,
    e.outcome,
    e.targetType,
    e.targetId,
    e.details,
  ]);
}

export function chainHash(previous: string, entry: ChainEntry): string {
  return createHash('sha256').update(previous).update('\n').update(canonicalEntry(entry)).digest('hex');
}

/** What the hub signs about its chain: the head after sealing, or a checkpoint after purging a prefix. */
export interface ChainStatement {
  readonly type: 'leerpoort-audit-head' | 'leerpoort-audit-checkpoint';
  readonly seq: string;
  readonly hash: string;
  /** Checkpoints: entries purged and the age limit they were older than. */
  readonly purgedEntries?: number;
  readonly purgedBefore?: string;
  readonly at: string;
}

export type ChainProblem =
  | { readonly kind: 'broken'; readonly seq: string; readonly id: string }
  | { readonly kind: 'missing'; readonly seq: string }
  | { readonly kind: 'beyond-head'; readonly seq: string; readonly id: string }
  | { readonly kind: 'head-mismatch'; readonly seq: string }
  | { readonly kind: 'bad-signature'; readonly what: 'head' | 'checkpoint'; readonly detail: string }
  | { readonly kind: 'checkpoint-mismatch'; readonly seq: string };

export interface ChainReport {
  readonly ok: boolean;
  /** Sealed entries checked. */
  readonly entries: number;
  /** Entries written but not sealed yet (the sealer chains them within seconds while the hub runs). */
  readonly pending: number;
  /** Where the chain starts: 0, or the newest checkpoint's position. */
  readonly from: string;
  readonly head: string | null;
  readonly problem: ChainProblem | null;
}

export function describeProblem(p: ChainProblem): string {
  switch (p.kind) {
    case 'broken':
      return `audit entry #${p.seq} (id ${p.id}) does not match the chain: it was changed, inserted or moved after it was sealed`;
    case 'missing':
      return `audit entry #${p.seq} is missing (deleted)`;
    case 'beyond-head':
      return `audit entry #${p.seq} (id ${p.id}) lies beyond the signed head: it was added to the chain without the hub key`;
    case 'head-mismatch':
      return `the chain does not end at the signed head (#${p.seq}): entries at the end were deleted or rewritten`;
    case 'bad-signature':
      return `the ${p.what}'s signature is not valid: ${p.detail}`;
    case 'checkpoint-mismatch':
      return `the chain does not continue from the signed checkpoint at #${p.seq}`;
  }
}

/**
 * Walks sealed entries in chain order from a starting point and returns the first problem. `entries`
 * yields the rows with chain_seq > from (as stored: their own chain_hash included), in seq order.
 */
export async function walkChain(
  start: { seq: bigint; hash: string },
  entries: AsyncIterable<ChainEntry & { storedHash: string }>,
  onEntry?: () => void,
): Promise<{ last: { seq: bigint; hash: string }; count: number; problem: ChainProblem | null }> {
  let expectedSeq = start.seq + 1n;
  let previous = start.hash;
  let count = 0;
  for await (const e of entries) {
    const seq = BigInt(e.seq);
    if (seq > expectedSeq)
      return { last: { seq: expectedSeq - 1n, hash: previous }, count, problem: { kind: 'missing', seq: String(expectedSeq) } };
    const hash = chainHash(previous, e);
    if (hash !== e.storedHash)
      return { last: { seq: expectedSeq - 1n, hash: previous }, count, problem: { kind: 'broken', seq: e.seq, id: e.id } };
    previous = hash;
    expectedSeq = seq + 1n;
    count++;
    onEntry?.();
  }
  return { last: { seq: expectedSeq - 1n, hash: previous }, count, problem: null };
}

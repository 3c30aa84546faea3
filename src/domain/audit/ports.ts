import type { ChainReport } from './chain';
import type { AuditEvent, AuditEventInput, LedgerRow, ReleaseLedgerEntryInput } from '../model';

/** The audit log and the release ledger. persistence/ implements these for PostgreSQL and PGlite; the contract suite runs against both. */

export interface AuditQuery {
  schoolId?: string;
  action?: string;
  /** Events about this object (e.g. a person's hub id). */
  targetId?: string;
  /** Events by this actor id. */
  actorId?: string;
  limit?: number;
  offset?: number;
}

export interface AuditLog {
  record(event: AuditEventInput): Promise<void>;
  list(query: AuditQuery): Promise<AuditEvent[]>;
}

export interface LedgerQuery {
  schoolId: string;
  participantId?: string;
  since?: Date;
  /** Exclusive upper bound. */
  until?: Date;
  limit?: number;
}

export interface ReleaseLedger {
  list(query: LedgerQuery): Promise<LedgerRow[]>;
  record(entry: ReleaseLedgerEntryInput): Promise<void>;
  /** The categories actually released to a participant (any school, any channel) since a moment (null: ever). */
  categoriesReleased(participantId: string, since: Date | null): Promise<string[]>;
  /** The ledger row and its audit event, atomically, in one round trip (the SSO hot path). */
  recordWithAudit(entry: ReleaseLedgerEntryInput, event: AuditEventInput): Promise<void>;
}

/** What one SAML Response releases, to be committed before it leaves the hub. */
export interface ReleaseRecord {
  /** The ID of the request it answers: remembered for replay detection (absent for an unsolicited Response). */
  readonly replay?: { readonly issuer: string; readonly messageId: string; readonly expiresAt: Date };
  readonly ledger: ReleaseLedgerEntryInput;
  readonly audit: AuditEventInput;
}

/**
 * The SSO hot path's one write: the replay entry, the ledger row and the audit event of a Response in one
 * transaction, shared with every other Response of the same moment (group commit). 'replayed': the
 * request ID was answered before — nothing is recorded and the Response must not go out.
 */
export interface ReleaseRecorder {
  record(entry: ReleaseRecord): Promise<'recorded' | 'replayed'>;
}

/** The result of checking a hub signature (a destruction certificate, the audit chain's head or a checkpoint). */
export type SignatureCheck =
  | { readonly ok: true; readonly payload: string; readonly signer: string }
  /** 'tampered': a known hub key, but the content or signature was changed; 'unknown-key': signed by another key; 'malformed': not a hub signature at all. */
  | { readonly ok: false; readonly reason: 'tampered' | 'unknown-key' | 'malformed'; readonly detail: string };

/** Signs statements with the hub's key (the SAML signing key), and checks them against every key the hub publishes. */
export interface HubSigner {
  /** A compact JWS (RS256) over the UTF-8 text given, with the signing certificate's SHA-256 thumbprint as `x5t#S256`. */
  sign(payload: string): Promise<string>;
  verify(jws: string): Promise<SignatureCheck>;
}

/**
 * The hash chain over audit_events (domain/audit/chain.ts defines the hashes). persistence/ implements it
 * for PostgreSQL and PGlite; every method is its own transaction.
 */
export interface AuditChainStore {
  /** Chains every committed, unsealed entry behind the head and signs the new head. At most one sealer at a time. */
  seal(sign: (statement: string) => Promise<string>): Promise<{ sealed: number; head: { seq: string; hash: string } | null }>;
  /** Checks the whole chain: checkpoint signature, every link, the signed head. */
  verify(check: (jws: string) => Promise<SignatureCheck>, onProgress?: (checked: number, total: number) => void): Promise<ChainReport>;
  /**
   * Deletes the sealed prefix of the chain whose entries occurred before `before`, after checking it, and
   * leaves a signed checkpoint at its end so the rest still verifies.
   */
  purge(
    before: Date,
    sign: (statement: string) => Promise<string>,
    check: (jws: string) => Promise<SignatureCheck>,
    opts: { dryRun: boolean },
  ): Promise<{ purged: number; checkpoint: string | null }>;
}

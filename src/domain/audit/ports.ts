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

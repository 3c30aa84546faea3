/** What retention deletes and keeps as proof. persistence/ implements it for PostgreSQL and PGlite; the retention suite runs against both. */

/**
 * Kinds of rows that expire, each with its own rule of what `cutoff` means (see the retention steps):
 * expiry-based ones are purged when `expires_at` lies before the cutoff, age-based ones when created before it.
 */
export type PurgeTarget =
  /** Sessions past their expiry, logged-out tombstones included (with their school-IdP logins); expired requests to school IdPs. */
  | 'sessions'
  /** SAML request IDs remembered for replay detection, past their expiry. */
  | 'replay-entries'
  /** Password-reset tokens and parents' password links, past their expiry (used or not). */
  | 'reset-tokens'
  /** Uploaded LAS files awaiting confirmation, past their expiry. */
  | 'import-uploads'
  /** Mails created before the cutoff (sent or not: their links have long expired). */
  | 'outbox'
  /** Release-ledger rows (the log of what was released) that occurred before the cutoff. */
  | 'release-ledger'
  /** API rate windows that started before the cutoff. */
  | 'api-rate-windows'
  /** The OpenID Connect provider's sessions, interactions, grants, codes and tokens, past their expiry. */
  | 'oidc-payloads';

export interface DestructionCertificateRecord {
  readonly id: string;
  readonly schoolId: string;
  readonly brin: string;
  readonly destroyedAt: Date;
  /** The signed document as mailed (JSON text). */
  readonly document: string;
}

export interface RetentionStore {
  /** Deletes the expired rows of one kind (or, with dryRun, counts them). */
  purge(target: PurgeTarget, cutoff: Date, dryRun: boolean): Promise<number>;
  /** Rows per table that destroying this school removes (its own rows and everything hanging off them). */
  countSchoolRows(schoolId: string): Promise<Record<string, number>>;
  saveCertificate(certificate: DestructionCertificateRecord): Promise<void>;
  listCertificates(brin?: string): Promise<DestructionCertificateRecord[]>;
}

/**
 * Scheduled jobs shared by every hub process: a job is claimed (a lease on its row) so exactly one process
 * runs it at a time, and only when its interval has passed since it last started anywhere.
 */
export interface JobClaims {
  /** true when this process got the job; false when another holds it or it ran less than `everyMs` ago. */
  claim(job: string, owner: string, everyMs: number, leaseMs: number, now?: Date): Promise<boolean>;
  finish(job: string, owner: string, outcome: string): Promise<void>;
  /** Every scheduled job's last run as recorded (the operator's jobs page). */
  list(): Promise<JobRun[]>;
}

export interface JobRun {
  readonly name: string;
  readonly lastStartedAt: Date | null;
  readonly lastFinishedAt: Date | null;
  readonly lastOutcome: string | null;
  /** Claimed by a process right now (lease not expired). */
  readonly running: boolean;
}

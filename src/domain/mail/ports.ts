import type { OutboxMail } from '../model';

/** Mail waiting to be sent. persistence/ implements these for PostgreSQL and PGlite; the contract suite runs against both. */

/** Mails waiting to be sent (or, without SMTP, to be read by an operator). Recipient and body encrypted. */
export interface Outbox {
  add(mail: { to: string; subject: string; body: string }): Promise<string>;
  list(): Promise<OutboxMail[]>;
  /**
   * Claims up to `limit` undelivered mails (oldest first) for `claimSeconds`, so that no other hub process
   * sends them meanwhile; `firstAttemptOnly` claims only mails never tried.
   */
  claimUnsent(limit: number, claimSeconds: number, firstAttemptOnly: boolean): Promise<OutboxMail[]>;
  markSent(id: string, at: Date): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  /** Counts only (no recipients, subjects or bodies): the platform operator's view of the queue. */
  stats(): Promise<OutboxStats>;
}

export interface OutboxStats {
  /** Not sent yet and still to be tried. */
  readonly waiting: number;
  /** Tried and not delivered (the last attempt failed). */
  readonly failing: number;
  readonly sent: number;
  readonly oldestWaitingAt: Date | null;
  readonly lastSentAt: Date | null;
}

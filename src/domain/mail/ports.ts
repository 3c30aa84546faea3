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
  /** Mails not sent yet that will still be tried (the queue depth /metrics reports). */
  countPending(): Promise<number>;
}

import nodemailer, { type Transporter } from 'nodemailer';
import type { Outbox } from '../domain/mail/ports';
import type { Logger } from '../logger';

/**
 * Delivers the outbox. Mail is written to the outbox in the same transaction as the change that causes
 * it (no mail for a rolled-back change, no change without its mail); this job sends it:
 *  - with SMTP_URL: over SMTP, retried up to 10 times, each mail claimed so two hub processes never send
 *    it twice;
 *  - without: the mail stays in the outbox and the log says so (subject and id only — bodies hold
 *    one-time links); an operator reads it with `leerpoort outbox`.
 */
export class MailDispatcher {
  private readonly transport: Transporter | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly outbox: Outbox,
    private readonly logger: Logger,
    smtpUrl: string | undefined,
    private readonly from = 'Leerpoort <no-reply@leerpoort.invalid>',
  ) {
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  }

  /** Told of every pass and whether it ran through (monitoring's job runs). */
  onPass: ((outcome: 'success' | 'failure') => void) | null = null;

  /** One pass; returns how many mails were delivered. Overlapping calls share one pass. */
  flush(): Promise<number> {
    this.running ??= this.pass()
      .then(
        (sent) => {
          this.onPass?.('success');
          return sent;
        },
        (e: unknown) => {
          this.onPass?.('failure');
          throw e;
        },
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async pass(): Promise<number> {
    const mails = await this.outbox.claimUnsent(20, 60, this.transport === null);
    let sent = 0;
    for (const mail of mails) {
      if (!this.transport) {
        this.logger.warn(
          { mailId: mail.id, subject: mail.subject },
          'mail kept in the outbox (no SMTP_URL); read it with `leerpoort outbox`',
        );
        await this.outbox.markFailed(mail.id, 'no SMTP_URL configured');
        continue;
      }
      try {
        await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.body });
        await this.outbox.markSent(mail.id, new Date());
        this.logger.info({ mailId: mail.id, subject: mail.subject }, 'mail sent');
        sent++;
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        await this.outbox.markFailed(mail.id, reason);
        this.logger.error({ mailId: mail.id, err: reason }, 'mail delivery failed; will retry');
      }
    }
    return sent;
  }

  start(intervalMs = 5_000): void {
    this.timer = setInterval(() => {
      this.flush().catch((e) => this.logger.error({ err: e }, 'mail dispatcher pass failed'));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the periodic passes (flush() still works); e.g. to drive delivery step by step. */
  stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async stop(): Promise<void> {
    this.stopPolling();
    await this.running?.catch(() => undefined);
    this.transport?.close();
  }
}

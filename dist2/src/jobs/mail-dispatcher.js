"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MailDispatcher = void 0;
const nodemailer_1 = __importDefault(require("nodemailer"));
/**
 * Delivers the outbox. Mail is written to the outbox in the same transaction as the change that causes
 * it (no mail for a rolled-back change, no change without its mail); this job sends it:
 *  - with SMTP_URL: over SMTP, retried up to 10 times, each mail claimed so two hub processes never send
 *    it twice;
 *  - without: the mail stays in the outbox and the log says so (subject and id only — bodies hold
 *    one-time links); an operator reads it with `leerpoort outbox`.
 */
class MailDispatcher {
    outbox;
    logger;
    from;
    transport;
    timer = null;
    running = null;
    constructor(outbox, logger, smtpUrl, from = 'Leerpoort <no-reply@leerpoort.invalid>') {
        this.outbox = outbox;
        this.logger = logger;
        this.from = from;
        this.transport = smtpUrl ? nodemailer_1.default.createTransport(smtpUrl) : null;
    }
    /** One pass; returns how many mails were delivered. Overlapping calls share one pass. */
    flush() {
        this.running ??= this.pass().finally(() => {
            this.running = null;
        });
        return this.running;
    }
    async pass() {
        const mails = await this.outbox.claimUnsent(20, 60, this.transport === null);
        let sent = 0;
        for (const mail of mails) {
            if (!this.transport) {
                this.logger.warn({ mailId: mail.id, subject: mail.subject }, 'mail kept in the outbox (no SMTP_URL); read it with `leerpoort outbox`');
                await this.outbox.markFailed(mail.id, 'no SMTP_URL configured');
                continue;
            }
            try {
                await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.body });
                await this.outbox.markSent(mail.id, new Date());
                this.logger.info({ mailId: mail.id, subject: mail.subject }, 'mail sent');
                sent++;
            }
            catch (e) {
                const reason = e instanceof Error ? e.message : String(e);
                await this.outbox.markFailed(mail.id, reason);
                this.logger.error({ mailId: mail.id, err: reason }, 'mail delivery failed; will retry');
            }
        }
        return sent;
    }
    start(intervalMs = 5_000) {
        this.timer = setInterval(() => {
            this.flush().catch((e) => this.logger.error({ err: e }, 'mail dispatcher pass failed'));
        }, intervalMs);
        this.timer.unref();
    }
    /** Stops the periodic passes (flush() still works); e.g. to drive delivery step by step. */
    stopPolling() {
        if (this.timer)
            clearInterval(this.timer);
        this.timer = null;
    }
    async stop() {
        this.stopPolling();
        await this.running?.catch(() => undefined);
        this.transport?.close();
    }
}
exports.MailDispatcher = MailDispatcher;
//# sourceMappingURL=mail-dispatcher.js.map
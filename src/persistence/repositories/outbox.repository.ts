import type { EntityManager } from 'typeorm';
import type { Outbox, OutboxStats } from '../../domain/mail/ports';
import type { OutboxMail } from '../../domain/model';
import { fieldCipher } from '../field-encryption';

export class TypeOrmOutboxRepository implements Outbox {
  constructor(private readonly em: EntityManager) {}

  async add(mail: { to: string; subject: string; body: string }): Promise<string> {
    const c = fieldCipher();
    const rows: Array<{ id: string }> = await this.em.query(
      'INSERT INTO outbox (recipient_enc, subject, body_enc) VALUES ($1, $2, $3) RETURNING id',
      [c.encrypt(mail.to, 'outbox.recipient'), mail.subject, c.encrypt(mail.body, 'outbox.body')],
    );
    return rows[0]!.id;
  }

  async list(): Promise<OutboxMail[]> {
    const c = fieldCipher();
    const rows: Array<{ id: string; recipient_enc: string; subject: string; body_enc: string; created_at: Date }> = await this.em.query(
      'SELECT id, recipient_enc, subject, body_enc, created_at FROM outbox ORDER BY created_at, id',
    );
    return rows.map((r) => ({
      id: r.id,
      to: c.decrypt(r.recipient_enc, 'outbox.recipient'),
      subject: r.subject,
      body: c.decrypt(r.body_enc, 'outbox.body'),
      createdAt: new Date(r.created_at),
    }));
  }

  async claimUnsent(limit: number, claimSeconds: number, firstAttemptOnly: boolean): Promise<OutboxMail[]> {
    const c = fieldCipher();
    const rows: Array<{ id: string; recipient_enc: string; subject: string; body_enc: string; created_at: Date }> = await this.em
      .query(
        `UPDATE outbox SET claimed_until = now() + make_interval(secs => $2) WHERE id IN (
         SELECT id FROM outbox WHERE sent_at IS NULL AND attempts < $3 AND (claimed_until IS NULL OR claimed_until < now())
         ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING id, recipient_enc, subject, body_enc, created_at`,
        [limit, claimSeconds, firstAttemptOnly ? 1 : 10],
      )
      .then((r: unknown) => (Array.isArray(r) && Array.isArray(r[0]) ? r[0] : r) as never);
    return rows.map((r) => ({
      id: r.id,
      to: c.decrypt(r.recipient_enc, 'outbox.recipient'),
      subject: r.subject,
      body: c.decrypt(r.body_enc, 'outbox.body'),
      createdAt: new Date(r.created_at),
    }));
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.em.query('UPDATE outbox SET sent_at = $2, attempts = attempts + 1, last_error = NULL, claimed_until = NULL WHERE id = $1', [
      id,
      at,
    ]);
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.em.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2, claimed_until = NULL WHERE id = $1', [
      id,
      error.slice(0, 500),
    ]);
  }

  async stats(): Promise<OutboxStats> {
    const rows: Array<{ waiting: number; failing: number; sent: number; oldest: Date | string | null; last_sent: Date | string | null }> =
      await this.em.query(
        `SELECT count(*) FILTER (WHERE sent_at IS NULL)::int AS waiting,
                count(*) FILTER (WHERE sent_at IS NULL AND last_error IS NOT NULL)::int AS failing,
                count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent,
                min(created_at) FILTER (WHERE sent_at IS NULL) AS oldest,
                max(sent_at) AS last_sent
           FROM outbox`,
      );
    const r = rows[0]!;
    return {
      waiting: Number(r.waiting),
      failing: Number(r.failing),
      sent: Number(r.sent),
      oldestWaitingAt: r.oldest ? new Date(r.oldest) : null,
      lastSentAt: r.last_sent ? new Date(r.last_sent) : null,
    };
  }
}

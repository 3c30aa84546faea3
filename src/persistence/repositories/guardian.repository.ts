import type { EntityManager } from 'typeorm';
import type { GuardianRepository } from '../../domain/identity/ports';
import { blindIndex } from '../field-encryption';
import { INDEX, normaliseEmail } from './person.repository';
import { affectedRows } from './sql';

export class TypeOrmGuardianRepository implements GuardianRepository {
  constructor(private readonly em: EntityManager) {}

  /** The same keyed hash the pupil's home-access address is indexed by. */
  emailKey(email: string): string {
    return blindIndex(normaliseEmail(email), INDEX.homeEmail);
  }

  async passwordHash(emailKey: string): Promise<string | null> {
    const rows: Array<{ password_hash: string | null }> = await this.em.query(
      'SELECT password_hash FROM guardian_accounts WHERE email_hmac = $1',
      [emailKey],
    );
    return rows[0]?.password_hash ?? null;
  }

  async setPassword(emailKey: string, hash: string): Promise<void> {
    await this.em.query(
      `INSERT INTO guardian_accounts (email_hmac, password_hash) VALUES ($1, $2)
       ON CONFLICT (email_hmac) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()`,
      [emailKey, hash],
    );
  }

  async childrenOf(emailKey: string): Promise<string[]> {
    const rows: Array<{ person_id: string }> = await this.em.query(
      `SELECT e.person_id FROM pupil_home_emails e JOIN people p ON p.id = e.person_id AND p.status = 'active' WHERE e.email_hmac = $1 ORDER BY e.person_id`,
      [emailKey],
    );
    return rows.map((r) => r.person_id);
  }

  async createLink(tokenHash: string, emailKey: string, expiresAt: Date): Promise<void> {
    await this.em.query('INSERT INTO guardian_password_links (token_hash, email_hmac, expires_at) VALUES ($1, $2, $3)', [
      tokenHash,
      emailKey,
      expiresAt,
    ]);
  }

  async findLink(tokenHash: string, now: Date): Promise<string | null> {
    const rows: Array<{ email_hmac: string }> = await this.em.query(
      'SELECT email_hmac FROM guardian_password_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2',
      [tokenHash, now],
    );
    return rows[0]?.email_hmac ?? null;
  }

  async consumeLink(tokenHash: string, now: Date): Promise<boolean> {
    const affected = await affectedRows(
      this.em,
      'UPDATE guardian_password_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2',
      [tokenHash, now],
    );
    return affected === 1;
  }
}

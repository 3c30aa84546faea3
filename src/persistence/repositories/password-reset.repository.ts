import type { EntityManager } from 'typeorm';
import type { PasswordResetRepository } from '../../domain/identity/ports';
import { affectedRows } from './sql';

export class TypeOrmPasswordResetRepository implements PasswordResetRepository {
  constructor(private readonly em: EntityManager) {}

  async create(tokenHash: string, credentialId: string, expiresAt: Date): Promise<void> {
    await this.em.query('INSERT INTO password_resets (token_hash, credential_id, expires_at) VALUES ($1, $2, $3)', [
      tokenHash,
      credentialId,
      expiresAt,
    ]);
  }

  async find(tokenHash: string, now: Date): Promise<string | null> {
    const rows: Array<{ credential_id: string }> = await this.em.query(
      'SELECT credential_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2',
      [tokenHash, now],
    );
    return rows[0]?.credential_id ?? null;
  }

  async consume(tokenHash: string, now: Date): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected].
    const affected = await affectedRows(
      this.em,
      'UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2',
      [tokenHash, now],
    );
    return affected === 1;
  }
}

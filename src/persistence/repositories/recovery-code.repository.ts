import type { EntityManager } from 'typeorm';
import type { RecoveryCodeRepository } from '../../domain/identity/ports';
import { affectedRows } from './sql';

export class TypeOrmRecoveryCodeRepository implements RecoveryCodeRepository {
  constructor(private readonly em: EntityManager) {}

  async replace(credentialId: string, codes: ReadonlyArray<{ lookup: string; hash: string }>): Promise<void> {
    await this.em.query('DELETE FROM recovery_codes WHERE credential_id = $1', [credentialId]);
    for (const c of codes)
      await this.em.query('INSERT INTO recovery_codes (credential_id, lookup, code_hash) VALUES ($1, $2, $3)', [
        credentialId,
        c.lookup,
        c.hash,
      ]);
  }

  async find(credentialId: string, lookup: string): Promise<string | null> {
    const rows: Array<{ code_hash: string }> = await this.em.query(
      'SELECT code_hash FROM recovery_codes WHERE credential_id = $1 AND lookup = $2',
      [credentialId, lookup],
    );
    return rows[0]?.code_hash ?? null;
  }

  /** One DELETE: of two requests using the same code at once, exactly one removes the row. */
  async consume(credentialId: string, lookup: string): Promise<boolean> {
    const affected = await affectedRows(this.em, 'DELETE FROM recovery_codes WHERE credential_id = $1 AND lookup = $2', [
      credentialId,
      lookup,
    ]);
    return affected === 1;
  }

  async count(credentialId: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.em.query('SELECT count(*)::int AS n FROM recovery_codes WHERE credential_id = $1', [
      credentialId,
    ]);
    return Number(rows[0]!.n);
  }
}

import type { EntityManager } from 'typeorm';
import type { LoginCardRepository } from '../../domain/identity/ports';
import type { LoginCard } from '../../domain/model';
import { affectedRows } from './sql';

type CardRow = { id: string; person_id: string; issued_at: Date; expires_at: Date; revoked_at: Date | null };
const toCard = (r: CardRow): LoginCard => ({
  id: r.id,
  personId: r.person_id,
  issuedAt: new Date(r.issued_at),
  expiresAt: new Date(r.expires_at),
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
});

export class TypeOrmLoginCardRepository implements LoginCardRepository {
  constructor(private readonly em: EntityManager) {}

  async issue(personId: string, expiresAt: Date): Promise<LoginCard> {
    const rows: CardRow[] = await this.em.query('INSERT INTO login_cards (person_id, expires_at) VALUES ($1, $2) RETURNING *', [
      personId,
      expiresAt,
    ]);
    return toCard(rows[0]!);
  }

  async find(id: string): Promise<LoginCard | null> {
    const rows: CardRow[] = await this.em.query('SELECT * FROM login_cards WHERE id = $1', [id]);
    return rows[0] ? toCard(rows[0]) : null;
  }

  async revokeAllFor(personId: string, at: Date): Promise<number> {
    const affected = await affectedRows(this.em, 'UPDATE login_cards SET revoked_at = $2 WHERE person_id = $1 AND revoked_at IS NULL', [
      personId,
      at,
    ]);
    return affected;
  }

  async listFor(personId: string): Promise<LoginCard[]> {
    const rows: CardRow[] = await this.em.query('SELECT * FROM login_cards WHERE person_id = $1 ORDER BY issued_at DESC, id', [personId]);
    return rows.map(toCard);
  }
}

import type { EntityManager } from 'typeorm';
import type { Operator, OperatorRole } from '../../domain/model';
import type { OperatorRepository } from '../../domain/identity/ports';
import { ConflictError } from '../../domain/errors';
import { blindIndex, fieldCipher } from '../field-encryption';
import { translateViolations } from './db-errors';
import { normaliseEmail } from './person.repository';

type OperatorRow = { id: string; display_name_enc: string; email_enc: string; roles: OperatorRole[] | string };
const OPERATOR_EMAIL_INDEX = 'operators.email';

export class TypeOrmOperatorRepository implements OperatorRepository {
  constructor(private readonly em: EntityManager) {}

  private toOperator(r: OperatorRow): Operator {
    const c = fieldCipher();
    // node-postgres parses text[]; PGlite may hand back the array literal.
    const roles = Array.isArray(r.roles)
      ? r.roles
      : (r.roles
          .replace(/^\{|\}$/g, '')
          .split(',')
          .filter(Boolean) as OperatorRole[]);
    return {
      id: r.id,
      displayName: c.decrypt(r.display_name_enc, 'operators.display_name'),
      email: c.decrypt(r.email_enc, 'operators.email'),
      roles,
    };
  }

  async insert(o: { displayName: string; email: string; roles: readonly OperatorRole[] }): Promise<Operator> {
    const c = fieldCipher();
    const email = normaliseEmail(o.email);
    const rows: OperatorRow[] = await translateViolations(
      this.em.query(
        'INSERT INTO operators (display_name_enc, email_enc, email_hmac, roles) VALUES ($1, $2, $3, $4::text[]) RETURNING id, display_name_enc, email_enc, roles',
        [
          c.encrypt(o.displayName, 'operators.display_name'),
          c.encrypt(email, 'operators.email'),
          blindIndex(email, OPERATOR_EMAIL_INDEX),
          [...o.roles],
        ],
      ),
      { operators_email_unique: () => new ConflictError(`an operator with e-mail address '${email}' already exists`) },
    );
    return this.toOperator(rows[0]!);
  }

  async findById(id: string): Promise<Operator | null> {
    const rows: OperatorRow[] = await this.em.query(
      "SELECT id, display_name_enc, email_enc, roles FROM operators WHERE id = $1 AND status = 'active'",
      [id],
    );
    return rows[0] ? this.toOperator(rows[0]) : null;
  }

  async list(): Promise<Operator[]> {
    const rows: OperatorRow[] = await this.em.query(
      "SELECT id, display_name_enc, email_enc, roles FROM operators WHERE status = 'active' ORDER BY created_at, id",
    );
    return rows.map((r) => this.toOperator(r));
  }
}

import type { EntityManager } from 'typeorm';
import type { Operator, OperatorRole } from '../../domain/model';
import type { GuardianRepository, LoginCard, LoginCardRepository, OperatorRepository, SchoolNetworkRepository } from '../../domain/ports';
import { ConflictError } from '../../domain/errors';
import { blindIndex, fieldCipher } from '../field-encryption';
import { translateViolations } from './db-errors';
import { INDEX, normaliseEmail } from './person.repository';
import { affectedRows } from './sql';

/** Raw SQL: small tables, simple statements; identical on PostgreSQL and PGlite. */

export class SqlSchoolNetworkRepository implements SchoolNetworkRepository {
  constructor(private readonly em: EntityManager) {}

  async replace(schoolId: string, networks: readonly string[]): Promise<void> {
    await this.em.query('DELETE FROM school_networks WHERE school_id = $1', [schoolId]);
    for (const network of new Set(networks)) await this.em.query('INSERT INTO school_networks (school_id, network) VALUES ($1, $2::cidr)', [schoolId, network]);
  }

  async list(schoolId: string): Promise<string[]> {
    const rows: Array<{ network: string }> = await this.em.query('SELECT network::text AS network FROM school_networks WHERE school_id = $1 ORDER BY network', [schoolId]);
    return rows.map((r) => r.network);
  }

  async isSchoolAddress(address: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query('SELECT 1 FROM school_networks WHERE network >>= $1::inet LIMIT 1', [address]);
    return rows.length > 0;
  }
}

type CardRow = { id: string; person_id: string; issued_at: Date; expires_at: Date; revoked_at: Date | null };
const toCard = (r: CardRow): LoginCard => ({ id: r.id, personId: r.person_id, issuedAt: new Date(r.issued_at), expiresAt: new Date(r.expires_at), revokedAt: r.revoked_at ? new Date(r.revoked_at) : null });

export class SqlLoginCardRepository implements LoginCardRepository {
  constructor(private readonly em: EntityManager) {}

  async issue(personId: string, expiresAt: Date): Promise<LoginCard> {
    const rows: CardRow[] = await this.em.query('INSERT INTO login_cards (person_id, expires_at) VALUES ($1, $2) RETURNING *', [personId, expiresAt]);
    return toCard(rows[0]!);
  }

  async find(id: string): Promise<LoginCard | null> {
    const rows: CardRow[] = await this.em.query('SELECT * FROM login_cards WHERE id = $1', [id]);
    return rows[0] ? toCard(rows[0]) : null;
  }

  async revokeAllFor(personId: string, at: Date): Promise<number> {
    const affected = await affectedRows(this.em, 'UPDATE login_cards SET revoked_at = $2 WHERE person_id = $1 AND revoked_at IS NULL', [personId, at]);
    return affected;
  }

  async listFor(personId: string): Promise<LoginCard[]> {
    const rows: CardRow[] = await this.em.query('SELECT * FROM login_cards WHERE person_id = $1 ORDER BY issued_at DESC, id', [personId]);
    return rows.map(toCard);
  }
}

export class SqlGuardianRepository implements GuardianRepository {
  constructor(private readonly em: EntityManager) {}

  /** The same keyed hash the pupil's home-access address is indexed by. */
  emailKey(email: string): string {
    return blindIndex(normaliseEmail(email), INDEX.homeEmail);
  }

  async passwordHash(emailKey: string): Promise<string | null> {
    const rows: Array<{ password_hash: string | null }> = await this.em.query('SELECT password_hash FROM guardian_accounts WHERE email_hmac = $1', [emailKey]);
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
    await this.em.query('INSERT INTO guardian_password_links (token_hash, email_hmac, expires_at) VALUES ($1, $2, $3)', [tokenHash, emailKey, expiresAt]);
  }

  async findLink(tokenHash: string, now: Date): Promise<string | null> {
    const rows: Array<{ email_hmac: string }> = await this.em.query('SELECT email_hmac FROM guardian_password_links WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2', [tokenHash, now]);
    return rows[0]?.email_hmac ?? null;
  }

  async consumeLink(tokenHash: string, now: Date): Promise<boolean> {
    const affected = await affectedRows(this.em, 'UPDATE guardian_password_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2', [tokenHash, now]);
    return affected === 1;
  }
}

type OperatorRow = { id: string; display_name_enc: string; email_enc: string; roles: OperatorRole[] | string };
const OPERATOR_EMAIL_INDEX = 'operators.email';

export class SqlOperatorRepository implements OperatorRepository {
  constructor(private readonly em: EntityManager) {}

  private toOperator(r: OperatorRow): Operator {
    const c = fieldCipher();
    // node-postgres parses text[]; PGlite may hand back the array literal.
    const roles = Array.isArray(r.roles) ? r.roles : (r.roles.replace(/^\{|\}$/g, '').split(',').filter(Boolean) as OperatorRole[]);
    return { id: r.id, displayName: c.decrypt(r.display_name_enc, 'operators.display_name'), email: c.decrypt(r.email_enc, 'operators.email'), roles };
  }

  async insert(o: { displayName: string; email: string; roles: readonly OperatorRole[] }): Promise<Operator> {
    const c = fieldCipher();
    const email = normaliseEmail(o.email);
    const rows: OperatorRow[] = await translateViolations(this.em.query(
      'INSERT INTO operators (display_name_enc, email_enc, email_hmac, roles) VALUES ($1, $2, $3, $4::text[]) RETURNING id, display_name_enc, email_enc, roles',
      [c.encrypt(o.displayName, 'operators.display_name'), c.encrypt(email, 'operators.email'), blindIndex(email, OPERATOR_EMAIL_INDEX), [...o.roles]],
    ), { operators_email_unique: () => new ConflictError(`an operator with e-mail address '${email}' already exists`) });
    return this.toOperator(rows[0]!);
  }

  async findById(id: string): Promise<Operator | null> {
    const rows: OperatorRow[] = await this.em.query("SELECT id, display_name_enc, email_enc, roles FROM operators WHERE id = $1 AND status = 'active'", [id]);
    return rows[0] ? this.toOperator(rows[0]) : null;
  }

  async list(): Promise<Operator[]> {
    const rows: OperatorRow[] = await this.em.query("SELECT id, display_name_enc, email_enc, roles FROM operators WHERE status = 'active' ORDER BY created_at, id");
    return rows.map((r) => this.toOperator(r));
  }
}

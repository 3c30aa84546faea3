import { type EntityManager, In } from 'typeorm';
import { ConflictError } from '../../domain/errors';
import type { Credential } from '../../domain/model';
import type { CredentialRepository, NewCredential } from '../../domain/identity/ports';
import { CredentialEntity, TOTP_SECRET_COLUMN } from '../entities/credential.entity';
import { blindIndex, fieldCipher } from '../field-encryption';
import { translateViolations } from './db-errors';
import { affectedRows } from './sql';

export const USERNAME_INDEX = 'credentials.username';
/** Usernames compare case-insensitively: "Emma.J" and "emma.j" are one account. */
export const normaliseUsername = (username: string) => username.trim().toLowerCase();

/** The hash is read (to know whether there is one) but never handed out, except by findLoginSecret. */
const toCredential = (e: CredentialEntity): Credential => ({
  id: e.id,
  personId: e.personId,
  operatorId: e.operatorId,
  username: e.username,
  hasPassword: e.passwordHash != null,
  totpEnabled: e.totpEnabled,
});

export class TypeOrmCredentialRepository implements CredentialRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(c: NewCredential): Promise<Credential> {
    const repo = this.em.getRepository(CredentialEntity);
    const username = normaliseUsername(c.username);
    const saved = await translateViolations(
      repo.save(
        repo.create({
          personId: c.personId ?? null,
          operatorId: c.operatorId ?? null,
          username,
          usernameHmac: blindIndex(username, USERNAME_INDEX),
          passwordHash: c.passwordHash,
          passwordChangedAt: c.passwordHash ? new Date() : null,
          mustChangePassword: c.mustChangePassword ?? false,
        }),
      ),
      {
        credentials_username_unique: () => new ConflictError(`username '${username}' is already taken`),
        credentials_person_unique: () => new ConflictError('this person already has an account'),
      },
    );
    return toCredential(saved);
  }

  private withHash() {
    return this.em.getRepository(CredentialEntity).createQueryBuilder('c').addSelect('c.passwordHash');
  }

  private byUsername(username: string) {
    return this.withHash()
      .where('c.username_hmac = :h', { h: blindIndex(normaliseUsername(username), USERNAME_INDEX) })
      .getOne();
  }

  async findByUsername(username: string): Promise<Credential | null> {
    const e = await this.byUsername(username);
    return e ? toCredential(e) : null;
  }

  /** The password hash with the account: the one read the password login needs it for. */
  async findLoginSecret(username: string): Promise<{ credential: Credential; passwordHash: string | null } | null> {
    const e = await this.byUsername(username);
    return e ? { credential: toCredential(e), passwordHash: e.passwordHash ?? null } : null;
  }

  async findById(id: string): Promise<Credential | null> {
    const e = await this.withHash().where('c.id = :id', { id }).getOne();
    return e ? toCredential(e) : null;
  }

  async findByPersonId(personId: string): Promise<Credential | null> {
    const e = await this.withHash().where('c.person_id = :personId', { personId }).getOne();
    return e ? toCredential(e) : null;
  }

  async usernamesOf(personIds: readonly string[]): Promise<Map<string, string>> {
    if (personIds.length === 0) return new Map();
    const rows = await this.em
      .getRepository(CredentialEntity)
      .find({ where: { personId: In([...personIds]) }, select: { personId: true, username: true } });
    return new Map(rows.map((r) => [r.personId!, r.username]));
  }

  async twoFactorState(credentialId: string) {
    const e = await this.em
      .getRepository(CredentialEntity)
      .createQueryBuilder('c')
      .addSelect('c.totpSecret')
      .where('c.id = :id', { id: credentialId })
      .getOneOrFail();
    return { secret: e.totpSecret ?? null, enabled: e.totpEnabled, lastStep: e.totpLastStep === null ? null : Number(e.totpLastStep) };
  }

  /** The condition is part of the UPDATE: two enrolments racing each other cannot both win. */
  async enableTotpIfNone(credentialId: string, secret: string, acceptedStep: number): Promise<boolean> {
    return this.storeTotp(credentialId, secret, acceptedStep, 'NOT totp_enabled');
  }

  async replaceTotp(credentialId: string, secret: string, acceptedStep: number): Promise<boolean> {
    return this.storeTotp(credentialId, secret, acceptedStep, 'totp_enabled');
  }

  private async storeTotp(
    credentialId: string,
    secret: string,
    acceptedStep: number,
    condition: 'NOT totp_enabled' | 'totp_enabled',
  ): Promise<boolean> {
    const sql = `UPDATE credentials SET totp_secret_enc = $2, totp_enabled = true, totp_last_step = $3, updated_at = now() WHERE id = $1 AND ${condition}`;
    return (await affectedRows(this.em, sql, [credentialId, fieldCipher().encrypt(secret, TOTP_SECRET_COLUMN), acceptedStep])) === 1;
  }

  async disableTotp(credentialId: string): Promise<boolean> {
    const affected = await affectedRows(
      this.em,
      'UPDATE credentials SET totp_secret_enc = NULL, totp_enabled = false, totp_last_step = NULL, updated_at = now() WHERE id = $1 AND totp_enabled',
      [credentialId],
    );
    return affected === 1;
  }

  async acceptTotpStep(credentialId: string, step: number): Promise<boolean> {
    const affected = await affectedRows(
      this.em,
      'UPDATE credentials SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)',
      [credentialId, step],
    );
    return affected === 1;
  }

  async setPasswordHash(credentialId: string, passwordHash: string): Promise<void> {
    await this.em
      .getRepository(CredentialEntity)
      .update({ id: credentialId }, { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false, updatedAt: new Date() });
  }

  async setPicturePassword(credentialId: string, avatar: string, hash: string): Promise<void> {
    await this.em.query('UPDATE credentials SET picture_avatar = $2, picture_password_hash = $3, updated_at = now() WHERE id = $1', [
      credentialId,
      avatar,
      hash,
    ]);
  }

  async pictureLogin(personId: string): Promise<{ credentialId: string; avatar: string; hash: string } | null> {
    const rows: Array<{ id: string; picture_avatar: string; picture_password_hash: string }> = await this.em.query(
      'SELECT id, picture_avatar, picture_password_hash FROM credentials WHERE person_id = $1 AND picture_password_hash IS NOT NULL',
      [personId],
    );
    const r = rows[0];
    return r ? { credentialId: r.id, avatar: r.picture_avatar, hash: r.picture_password_hash } : null;
  }

  async pictureAccountsInGroup(groupId: string): Promise<Array<{ personId: string; avatar: string }>> {
    const rows: Array<{ person_id: string; picture_avatar: string }> = await this.em.query(
      `SELECT c.person_id, c.picture_avatar FROM group_memberships m
         JOIN people p ON p.id = m.person_id AND p.role = 'pupil' AND p.status = 'active'
         JOIN credentials c ON c.person_id = p.id AND c.picture_password_hash IS NOT NULL
        WHERE m.group_id = $1 AND m.role_in_group = 'member'`,
      [groupId],
    );
    return rows.map((r) => ({ personId: r.person_id, avatar: r.picture_avatar }));
  }
}

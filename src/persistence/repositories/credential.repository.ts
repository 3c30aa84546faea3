import type { EntityManager } from 'typeorm';
import { ConflictError } from '../../domain/errors';
import type { Credential } from '../../domain/model';
import type { CredentialRepository, NewCredential } from '../../domain/ports';
import { CredentialEntity } from '../entities/credential.entity';
import { blindIndex } from '../field-encryption';
import { translateViolations } from './db-errors';

const USERNAME_INDEX = 'credentials.username';
/** Usernames compare case-insensitively: "Emma.J" and "emma.j" are one account. */
export const normaliseUsername = (username: string) => username.trim().toLowerCase();

const toCredential = (e: CredentialEntity): Credential => ({
  id: e.id,
  personId: e.personId,
  operatorId: e.operatorId,
  username: e.username,
  passwordHash: e.passwordHash ?? null,
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

  /** Includes the password hash: this is the one lookup the login needs it for. */
  async findByUsername(username: string): Promise<Credential | null> {
    const e = await this.em
      .getRepository(CredentialEntity)
      .createQueryBuilder('c')
      .addSelect('c.passwordHash')
      .where('c.username_hmac = :h', { h: blindIndex(normaliseUsername(username), USERNAME_INDEX) })
      .getOne();
    return e ? toCredential(e) : null;
  }

  async findByPersonId(personId: string): Promise<Credential | null> {
    const e = await this.em.getRepository(CredentialEntity).findOneBy({ personId });
    return e ? toCredential(e) : null;
  }

  async twoFactorState(credentialId: string) {
    const e = await this.em
      .getRepository(CredentialEntity)
      .createQueryBuilder('c')
      .addSelect(['c.totpSecret', 'c.recoveryCodeHashes'])
      .where('c.id = :id', { id: credentialId })
      .getOneOrFail();
    return { secret: e.totpSecret ?? null, enabled: e.totpEnabled, recoveryCodeHashes: e.recoveryCodeHashes ?? [], lastStep: e.totpLastStep === null ? null : Number(e.totpLastStep) };
  }

  async enableTotp(credentialId: string, secret: string, recoveryCodeHashes: string[]): Promise<void> {
    await this.em.getRepository(CredentialEntity).update({ id: credentialId }, { totpSecret: secret, totpEnabled: true, recoveryCodeHashes, totpLastStep: null, updatedAt: new Date() });
  }

  async acceptTotpStep(credentialId: string, step: number): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affectedCount] (on PostgreSQL and PGlite alike).
    const [, affected] = (await this.em.query('UPDATE credentials SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)', [credentialId, step])) as [unknown[], number];
    return affected === 1;
  }

  async setRecoveryCodeHashes(credentialId: string, hashes: string[]): Promise<void> {
    await this.em.getRepository(CredentialEntity).update({ id: credentialId }, { recoveryCodeHashes: hashes, updatedAt: new Date() });
  }

  async setPasswordHash(credentialId: string, passwordHash: string): Promise<void> {
    await this.em
      .getRepository(CredentialEntity)
      .update({ id: credentialId }, { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false, updatedAt: new Date() });
  }
}

import { NotFoundError, ValidationError } from '../errors';
import type { Actor, Credential, Person } from '../model';
import type { NewPerson, PasswordHasher, UnitOfWork } from '../ports';
import { checkPasswordPolicy } from './password-policy';

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export function checkUsername(username: string): string {
  const normalised = username.trim().toLowerCase();
  if (!USERNAME.test(normalised)) {
    throw new ValidationError(`invalid username '${username}': 3–64 characters, letters, digits, '.', '_' or '-'`);
  }
  return normalised;
}

export class AccountService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
  ) {}

  /** Creates a person with a login in one transaction; the password is hashed (argon2id), never stored or logged. */
  async createPersonWithAccount(person: NewPerson, username: string, password: string, actor: Actor): Promise<{ person: Person; credential: Credential }> {
    const normalised = checkUsername(username);
    checkPasswordPolicy(person.role, password);
    const hash = await this.hasher.hash(password);
    return this.uow.run(async (repos) => {
      const created = await repos.people.insert(person);
      const credential = await repos.credentials.insert({ personId: created.id, username: normalised, passwordHash: hash });
      await repos.audit.record({ actor, action: 'person.create', outcome: 'success', schoolId: created.schoolId, targetType: 'person', targetId: created.id, details: { role: created.role } });
      return { person: created, credential };
    });
  }

  async setPassword(username: string, password: string, actor: Actor): Promise<void> {
    const credential = await this.uow.run((repos) => repos.credentials.findByUsername(username));
    if (!credential) throw new NotFoundError(`unknown user '${username}'`);
    const person = credential.personId ? await this.uow.run((repos) => repos.people.findById(credential.personId!)) : null;
    checkPasswordPolicy(person?.role ?? 'operator', password);
    const hash = await this.hasher.hash(password);
    await this.uow.run(async (repos) => {
      await repos.credentials.setPasswordHash(credential.id, hash);
      await repos.audit.record({ actor, action: 'credential.set_password', outcome: 'success', schoolId: person?.schoolId ?? null, targetType: 'credential', targetId: credential.id });
    });
  }
}

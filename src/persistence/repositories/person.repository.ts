import crypto from 'node:crypto';
import { MoreThanOrEqual, type EntityManager } from 'typeorm';
import { ConflictError, ValidationError } from '../../domain/errors';
import type { HomeAccessEmail, Person, PersonRole } from '../../domain/model';
import type { NewPerson, PersonRepository } from '../../domain/roster/ports';
import { PersonEntity, PupilHomeEmailEntity } from '../entities/person.entity';
import { blindIndex, fieldCipher } from '../field-encryption';
import { translateViolations } from './db-errors';
import { affectedRows } from './sql';

/** Blind-index purposes: separate spaces, so an e-mail index never matches an ECK iD index. */
export const INDEX = Object.freeze({ eckId: 'people.eck_id', staffEmail: 'people.staff_email', homeEmail: 'pupil_home_emails.email' });

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const toPerson = (e: PersonEntity): Person => ({
  id: e.id,
  schoolId: e.schoolId,
  role: e.role,
  lasKey: e.lasKey,
  eckId: e.eckId,
  firstName: e.firstName,
  infix: e.infix,
  lastName: e.lastName,
  birthDate: e.birthDate,
  gender: e.gender,
  staffEmail: e.staffEmail,
  status: e.status,
});

export class TypeOrmPersonRepository implements PersonRepository {
  constructor(private readonly em: EntityManager) {}

  private entityFor(p: NewPerson): PersonEntity {
    const staffEmail = p.staffEmail ? normaliseEmail(p.staffEmail) : null;
    return this.em.getRepository(PersonEntity).create({
      schoolId: p.schoolId,
      role: p.role,
      lasKey: p.lasKey ?? null,
      eckId: p.eckId ?? null,
      eckIdHmac: p.eckId ? blindIndex(p.eckId, INDEX.eckId) : null,
      firstName: p.firstName,
      infix: p.infix ?? null,
      lastName: p.lastName,
      birthDate: p.birthDate ?? null,
      gender: p.gender ?? null,
      staffEmail,
      staffEmailHmac: staffEmail ? blindIndex(staffEmail, INDEX.staffEmail) : null,
    });
  }

  /**
   * One statement for the whole list (an import's new people): the rows travel as one array per column
   * and unnest back into rows — no per-row SQL text or parameters to build, ids made here so their order
   * is certain. Personal fields are encrypted and blind-indexed exactly as for a single insert.
   */
  async insertMany(people: readonly NewPerson[]): Promise<string[]> {
    if (people.length === 0) return [];
    const cipher = fieldCipher();
    const enc = (v: string | null | undefined, column: string) => (v == null ? null : cipher.encrypt(v, column));
    const ids = people.map(() => crypto.randomUUID());
    const emails = people.map((p) => (p.staffEmail ? normaliseEmail(p.staffEmail) : null));
    const columns = [
      ids,
      people.map((p) => p.schoolId),
      people.map((p) => p.role),
      people.map((p) => p.lasKey ?? null),
      people.map((p) => enc(p.eckId, 'people.eck_id')),
      people.map((p) => (p.eckId ? blindIndex(p.eckId, INDEX.eckId) : null)),
      people.map((p) => enc(p.firstName, 'people.first_name')),
      people.map((p) => enc(p.infix, 'people.infix')),
      people.map((p) => enc(p.lastName, 'people.last_name')),
      people.map((p) => enc(p.birthDate, 'people.birth_date')),
      people.map((p) => p.gender ?? null),
      emails.map((e) => enc(e, 'people.staff_email')),
      emails.map((e) => (e ? blindIndex(e, INDEX.staffEmail) : null)),
    ];
    await translateViolations(
      this.em.query(
        `INSERT INTO people (id, school_id, role, las_key, eck_id_enc, eck_id_hmac, first_name_enc, infix_enc, last_name_enc, birth_date_enc, gender, staff_email_enc, staff_email_hmac)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::char(1)[], $12::text[], $13::text[])`,
        columns,
      ),
      {
        people_pupil_las_key_unique: () => new ConflictError('a pupil LAS key in this import already exists at this school'),
        people_staff_las_key_unique: () => new ConflictError('a staff LAS key in this import already exists at this school'),
        people_eck_id_unique: () => new ConflictError('an ECK iD in this import is already registered for another person'),
        people_staff_email_only_staff: () => new ValidationError('pupils have no staff e-mail address; use a home-access address'),
      },
    );
    return ids;
  }

  async insert(p: NewPerson): Promise<Person> {
    const repo = this.em.getRepository(PersonEntity);
    const entity = this.entityFor(p);
    const saved = await translateViolations(repo.save(entity), {
      people_pupil_las_key_unique: () => new ConflictError(`a pupil with LAS key '${p.lasKey}' already exists at this school`),
      people_staff_las_key_unique: () => new ConflictError(`a staff member with LAS key '${p.lasKey}' already exists at this school`),
      people_eck_id_unique: () => new ConflictError('this ECK iD is already registered for another person'),
      people_staff_email_only_staff: () => new ValidationError('pupils have no staff e-mail address; use a home-access address'),
    });
    return toPerson(saved);
  }

  async findById(id: string): Promise<Person | null> {
    const e = await this.em.getRepository(PersonEntity).findOneBy({ id });
    return e ? toPerson(e) : null;
  }

  async findByLasKey(schoolId: string, role: PersonRole, lasKey: string): Promise<Person | null> {
    const e = await this.em.getRepository(PersonEntity).findOneBy({ schoolId, role, lasKey });
    return e ? toPerson(e) : null;
  }

  async findByEckId(eckId: string): Promise<Person | null> {
    const e = await this.em.getRepository(PersonEntity).findOneBy({ eckIdHmac: blindIndex(eckId, INDEX.eckId) });
    return e ? toPerson(e) : null;
  }

  async findByStaffEmail(email: string): Promise<Person | null> {
    const e = await this.em.getRepository(PersonEntity).findOneBy({ staffEmailHmac: blindIndex(normaliseEmail(email), INDEX.staffEmail) });
    return e ? toPerson(e) : null;
  }

  async findAllByStaffEmail(email: string): Promise<Person[]> {
    const rows = await this.em.getRepository(PersonEntity).find({
      where: { staffEmailHmac: blindIndex(normaliseEmail(email), INDEX.staffEmail) },
      take: 10,
    });
    return rows.map(toPerson);
  }

  async listBySchool(schoolId: string): Promise<Person[]> {
    return (await this.em.getRepository(PersonEntity).find({ where: { schoolId }, order: { createdAt: 'ASC' } })).map(toPerson);
  }

  async update(id: string, changes: Partial<Omit<NewPerson, 'schoolId' | 'role'>> & { status?: 'active' | 'inactive' }): Promise<void> {
    const values: Partial<PersonEntity> = { updatedAt: new Date() };
    if (changes.lasKey !== undefined) values.lasKey = changes.lasKey;
    if (changes.firstName !== undefined) values.firstName = changes.firstName;
    if (changes.infix !== undefined) values.infix = changes.infix;
    if (changes.lastName !== undefined) values.lastName = changes.lastName;
    if (changes.birthDate !== undefined) values.birthDate = changes.birthDate;
    if (changes.gender !== undefined) values.gender = changes.gender;
    if (changes.eckId !== undefined) {
      values.eckId = changes.eckId;
      values.eckIdHmac = changes.eckId ? blindIndex(changes.eckId, INDEX.eckId) : null;
    }
    if (changes.staffEmail !== undefined) {
      const email = changes.staffEmail ? normaliseEmail(changes.staffEmail) : null;
      values.staffEmail = email;
      values.staffEmailHmac = email ? blindIndex(email, INDEX.staffEmail) : null;
    }
    if (changes.status !== undefined) {
      values.status = changes.status;
      values.deactivatedAt = changes.status === 'inactive' ? new Date() : null;
    }
    await translateViolations(this.em.getRepository(PersonEntity).update({ id }, values), {
      people_eck_id_unique: () => new ConflictError('this ECK iD is already registered for another person'),
      people_pupil_las_key_unique: () => new ConflictError(`a pupil with LAS key '${changes.lasKey}' already exists at this school`),
    });
  }

  async listDeactivatedBefore(before: Date): Promise<Array<{ id: string; schoolId: string }>> {
    const rows: Array<{ id: string; school_id: string }> = await this.em.query(
      "SELECT id, school_id FROM people WHERE status = 'inactive' AND deactivated_at < $1 ORDER BY deactivated_at",
      [before],
    );
    return rows.map((r) => ({ id: r.id, schoolId: r.school_id }));
  }

  async delete(id: string): Promise<void> {
    await this.em.getRepository(PersonEntity).delete({ id });
  }

  async activeIds(schoolId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.em.query("SELECT id FROM people WHERE school_id = $1 AND status = 'active'", [schoolId]);
    return rows.map((r) => r.id);
  }

  async listChanged(schoolId: string, since: Date | null): Promise<Array<Person & { updatedAt: Date }>> {
    const rows = await this.em.getRepository(PersonEntity).find({
      where: since ? { schoolId, updatedAt: MoreThanOrEqual(since) } : { schoolId },
      order: { updatedAt: 'ASC', id: 'ASC' },
    });
    return rows.map((e) => ({ ...toPerson(e), updatedAt: e.updatedAt }));
  }

  async addHomeAccessEmail(personId: string, email: string): Promise<HomeAccessEmail> {
    const repo = this.em.getRepository(PupilHomeEmailEntity);
    const normalised = normaliseEmail(email);
    const taken = new Set((await repo.findBy({ personId })).map((r) => r.position));
    // A third address fails on the database's CHECK (position IN (1, 2)), whatever the code does.
    const position = ([1, 2] as const).find((n) => !taken.has(n)) ?? ((taken.size + 1) as 1 | 2);
    const saved = await translateViolations(
      repo.save(repo.create({ personId, position, email: normalised, emailHmac: blindIndex(normalised, INDEX.homeEmail) })),
      {
        pupil_home_emails_at_most_two: () => new ValidationError('a pupil can have at most two home-access e-mail addresses'),
        pupil_home_emails_person_fk: () => new ValidationError('home-access e-mail addresses are only for pupils'),
        pupil_home_emails_email_unique_per_pupil: () => new ConflictError('this e-mail address is already registered for this pupil'),
      },
    );
    return { personId, position: saved.position, email: saved.email };
  }

  async homeAccessEmails(personId: string): Promise<HomeAccessEmail[]> {
    const rows = await this.em.getRepository(PupilHomeEmailEntity).find({ where: { personId }, order: { position: 'ASC' } });
    return rows.map((r) => ({ personId: r.personId, position: r.position, email: r.email }));
  }

  async removeHomeAccessEmail(personId: string, email: string): Promise<boolean> {
    const affected = await affectedRows(this.em, 'DELETE FROM pupil_home_emails WHERE person_id = $1 AND email_hmac = $2', [
      personId,
      blindIndex(normaliseEmail(email), INDEX.homeEmail),
    ]);
    return affected > 0;
  }
}

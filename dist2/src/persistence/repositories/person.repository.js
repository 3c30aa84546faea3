"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmPersonRepository = exports.normaliseEmail = exports.INDEX = void 0;
const node_crypto_1 = __importDefault(require("node:crypto"));
const typeorm_1 = require("typeorm");
const errors_1 = require("../../domain/errors");
const person_entity_1 = require("../entities/person.entity");
const field_encryption_1 = require("../field-encryption");
const db_errors_1 = require("./db-errors");
const sql_1 = require("./sql");
/** Blind-index purposes: separate spaces, so an e-mail index never matches an ECK iD index. */
exports.INDEX = Object.freeze({ eckId: 'people.eck_id', staffEmail: 'people.staff_email', homeEmail: 'pupil_home_emails.email' });
const normaliseEmail = (email) => email.trim().toLowerCase();
exports.normaliseEmail = normaliseEmail;
const toPerson = (e) => ({
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
class TypeOrmPersonRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    entityFor(p) {
        const staffEmail = p.staffEmail ? (0, exports.normaliseEmail)(p.staffEmail) : null;
        return this.em.getRepository(person_entity_1.PersonEntity).create({
            schoolId: p.schoolId,
            role: p.role,
            lasKey: p.lasKey ?? null,
            eckId: p.eckId ?? null,
            eckIdHmac: p.eckId ? (0, field_encryption_1.blindIndex)(p.eckId, exports.INDEX.eckId) : null,
            firstName: p.firstName,
            infix: p.infix ?? null,
            lastName: p.lastName,
            birthDate: p.birthDate ?? null,
            gender: p.gender ?? null,
            staffEmail,
            staffEmailHmac: staffEmail ? (0, field_encryption_1.blindIndex)(staffEmail, exports.INDEX.staffEmail) : null,
        });
    }
    /**
     * One statement for the whole list (an import's new people): the rows travel as one array per column
     * and unnest back into rows — no per-row SQL text or parameters to build, ids made here so their order
     * is certain. Personal fields are encrypted and blind-indexed exactly as for a single insert.
     */
    async insertMany(people) {
        if (people.length === 0)
            return [];
        const cipher = (0, field_encryption_1.fieldCipher)();
        const enc = (v, column) => (v == null ? null : cipher.encrypt(v, column));
        const ids = people.map(() => node_crypto_1.default.randomUUID());
        const emails = people.map((p) => (p.staffEmail ? (0, exports.normaliseEmail)(p.staffEmail) : null));
        const columns = [
            ids,
            people.map((p) => p.schoolId),
            people.map((p) => p.role),
            people.map((p) => p.lasKey ?? null),
            people.map((p) => enc(p.eckId, 'people.eck_id')),
            people.map((p) => (p.eckId ? (0, field_encryption_1.blindIndex)(p.eckId, exports.INDEX.eckId) : null)),
            people.map((p) => enc(p.firstName, 'people.first_name')),
            people.map((p) => enc(p.infix, 'people.infix')),
            people.map((p) => enc(p.lastName, 'people.last_name')),
            people.map((p) => enc(p.birthDate, 'people.birth_date')),
            people.map((p) => p.gender ?? null),
            emails.map((e) => enc(e, 'people.staff_email')),
            emails.map((e) => (e ? (0, field_encryption_1.blindIndex)(e, exports.INDEX.staffEmail) : null)),
        ];
        await (0, db_errors_1.translateViolations)(this.em.query(`INSERT INTO people (id, school_id, role, las_key, eck_id_enc, eck_id_hmac, first_name_enc, infix_enc, last_name_enc, birth_date_enc, gender, staff_email_enc, staff_email_hmac)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::char(1)[], $12::text[], $13::text[])`, columns), {
            people_pupil_las_key_unique: () => new errors_1.ConflictError('a pupil LAS key in this import already exists at this school'),
            people_staff_las_key_unique: () => new errors_1.ConflictError('a staff LAS key in this import already exists at this school'),
            people_eck_id_unique: () => new errors_1.ConflictError('an ECK iD in this import is already registered for another person'),
            people_staff_email_only_staff: () => new errors_1.ValidationError('pupils have no staff e-mail address; use a home-access address'),
        });
        return ids;
    }
    async insert(p) {
        const repo = this.em.getRepository(person_entity_1.PersonEntity);
        const entity = this.entityFor(p);
        const saved = await (0, db_errors_1.translateViolations)(repo.save(entity), {
            people_pupil_las_key_unique: () => new errors_1.ConflictError(`a pupil with LAS key '${p.lasKey}' already exists at this school`),
            people_staff_las_key_unique: () => new errors_1.ConflictError(`a staff member with LAS key '${p.lasKey}' already exists at this school`),
            people_eck_id_unique: () => new errors_1.ConflictError('this ECK iD is already registered for another person'),
            people_staff_email_only_staff: () => new errors_1.ValidationError('pupils have no staff e-mail address; use a home-access address'),
        });
        return toPerson(saved);
    }
    async findById(id) {
        const e = await this.em.getRepository(person_entity_1.PersonEntity).findOneBy({ id });
        return e ? toPerson(e) : null;
    }
    async findByLasKey(schoolId, role, lasKey) {
        const e = await this.em.getRepository(person_entity_1.PersonEntity).findOneBy({ schoolId, role, lasKey });
        return e ? toPerson(e) : null;
    }
    async findByEckId(eckId) {
        const e = await this.em.getRepository(person_entity_1.PersonEntity).findOneBy({ eckIdHmac: (0, field_encryption_1.blindIndex)(eckId, exports.INDEX.eckId) });
        return e ? toPerson(e) : null;
    }
    async findByStaffEmail(email) {
        const e = await this.em.getRepository(person_entity_1.PersonEntity).findOneBy({ staffEmailHmac: (0, field_encryption_1.blindIndex)((0, exports.normaliseEmail)(email), exports.INDEX.staffEmail) });
        return e ? toPerson(e) : null;
    }
    async listBySchool(schoolId) {
        return (await this.em.getRepository(person_entity_1.PersonEntity).find({ where: { schoolId }, order: { createdAt: 'ASC' } })).map(toPerson);
    }
    async update(id, changes) {
        const values = { updatedAt: new Date() };
        if (changes.lasKey !== undefined)
            values.lasKey = changes.lasKey;
        if (changes.firstName !== undefined)
            values.firstName = changes.firstName;
        if (changes.infix !== undefined)
            values.infix = changes.infix;
        if (changes.lastName !== undefined)
            values.lastName = changes.lastName;
        if (changes.birthDate !== undefined)
            values.birthDate = changes.birthDate;
        if (changes.gender !== undefined)
            values.gender = changes.gender;
        if (changes.eckId !== undefined) {
            values.eckId = changes.eckId;
            values.eckIdHmac = changes.eckId ? (0, field_encryption_1.blindIndex)(changes.eckId, exports.INDEX.eckId) : null;
        }
        if (changes.staffEmail !== undefined) {
            const email = changes.staffEmail ? (0, exports.normaliseEmail)(changes.staffEmail) : null;
            values.staffEmail = email;
            values.staffEmailHmac = email ? (0, field_encryption_1.blindIndex)(email, exports.INDEX.staffEmail) : null;
        }
        if (changes.status !== undefined) {
            values.status = changes.status;
            values.deactivatedAt = changes.status === 'inactive' ? new Date() : null;
        }
        await (0, db_errors_1.translateViolations)(this.em.getRepository(person_entity_1.PersonEntity).update({ id }, values), {
            people_eck_id_unique: () => new errors_1.ConflictError('this ECK iD is already registered for another person'),
            people_pupil_las_key_unique: () => new errors_1.ConflictError(`a pupil with LAS key '${changes.lasKey}' already exists at this school`),
        });
    }
    async listDeactivatedBefore(before) {
        const rows = await this.em.query("SELECT id, school_id FROM people WHERE status = 'inactive' AND deactivated_at < $1 ORDER BY deactivated_at", [before]);
        return rows.map((r) => ({ id: r.id, schoolId: r.school_id }));
    }
    async delete(id) {
        await this.em.getRepository(person_entity_1.PersonEntity).delete({ id });
    }
    async activeIds(schoolId) {
        const rows = await this.em.query("SELECT id FROM people WHERE school_id = $1 AND status = 'active'", [schoolId]);
        return rows.map((r) => r.id);
    }
    async listChanged(schoolId, since) {
        const rows = await this.em.getRepository(person_entity_1.PersonEntity).find({
            where: since ? { schoolId, updatedAt: (0, typeorm_1.MoreThanOrEqual)(since) } : { schoolId },
            order: { updatedAt: 'ASC', id: 'ASC' },
        });
        return rows.map((e) => ({ ...toPerson(e), updatedAt: e.updatedAt }));
    }
    async addHomeAccessEmail(personId, email) {
        const repo = this.em.getRepository(person_entity_1.PupilHomeEmailEntity);
        const normalised = (0, exports.normaliseEmail)(email);
        const taken = new Set((await repo.findBy({ personId })).map((r) => r.position));
        // A third address fails on the database's CHECK (position IN (1, 2)), whatever the code does.
        const position = [1, 2].find((n) => !taken.has(n)) ?? (taken.size + 1);
        const saved = await (0, db_errors_1.translateViolations)(repo.save(repo.create({ personId, position, email: normalised, emailHmac: (0, field_encryption_1.blindIndex)(normalised, exports.INDEX.homeEmail) })), {
            pupil_home_emails_at_most_two: () => new errors_1.ValidationError('a pupil can have at most two home-access e-mail addresses'),
            pupil_home_emails_person_fk: () => new errors_1.ValidationError('home-access e-mail addresses are only for pupils'),
            pupil_home_emails_email_unique_per_pupil: () => new errors_1.ConflictError('this e-mail address is already registered for this pupil'),
        });
        return { personId, position: saved.position, email: saved.email };
    }
    async homeAccessEmails(personId) {
        const rows = await this.em.getRepository(person_entity_1.PupilHomeEmailEntity).find({ where: { personId }, order: { position: 'ASC' } });
        return rows.map((r) => ({ personId: r.personId, position: r.position, email: r.email }));
    }
    async removeHomeAccessEmail(personId, email) {
        const affected = await (0, sql_1.affectedRows)(this.em, 'DELETE FROM pupil_home_emails WHERE person_id = $1 AND email_hmac = $2', [
            personId,
            (0, field_encryption_1.blindIndex)((0, exports.normaliseEmail)(email), exports.INDEX.homeEmail),
        ]);
        return affected > 0;
    }
}
exports.TypeOrmPersonRepository = TypeOrmPersonRepository;
//# sourceMappingURL=person.repository.js.map
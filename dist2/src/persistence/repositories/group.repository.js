"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmGroupRepository = void 0;
const node_crypto_1 = __importDefault(require("node:crypto"));
const errors_1 = require("../../domain/errors");
const group_entity_1 = require("../entities/group.entity");
const db_errors_1 = require("./db-errors");
const toGroup = (e) => ({
    id: e.id,
    schoolId: e.schoolId,
    lasKey: e.lasKey,
    name: e.name,
    yearGroup: e.yearGroup,
    kind: e.kind,
});
class TypeOrmGroupRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async insert(group) {
        const repo = this.em.getRepository(group_entity_1.GroupEntity);
        const saved = await (0, db_errors_1.translateViolations)(repo.save(repo.create(group)), {
            groups_school_las_key_unique: () => new errors_1.ConflictError(`group with LAS key '${group.lasKey}' already exists at this school`),
        });
        return toGroup(saved);
    }
    /** Many groups in one statement (an import's new groups), returned in the same order. */
    async insertMany(groups) {
        if (groups.length === 0)
            return [];
        const stored = groups.map((g) => ({ id: node_crypto_1.default.randomUUID(), ...g }));
        await (0, db_errors_1.translateViolations)(this.em.query('INSERT INTO groups (id, school_id, las_key, name, year_group, kind) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::smallint[], $6::text[])', [
            stored.map((g) => g.id),
            stored.map((g) => g.schoolId),
            stored.map((g) => g.lasKey),
            stored.map((g) => g.name),
            stored.map((g) => g.yearGroup),
            stored.map((g) => g.kind),
        ]), { groups_school_las_key_unique: () => new errors_1.ConflictError('a group LAS key in this import already exists at this school') });
        return stored.map((g) => ({ id: g.id, schoolId: g.schoolId, lasKey: g.lasKey, name: g.name, yearGroup: g.yearGroup, kind: g.kind }));
    }
    async findByLasKey(schoolId, lasKey) {
        const e = await this.em.getRepository(group_entity_1.GroupEntity).findOneBy({ schoolId, lasKey });
        return e ? toGroup(e) : null;
    }
    async findById(id) {
        const e = await this.em.getRepository(group_entity_1.GroupEntity).findOneBy({ id });
        return e ? toGroup(e) : null;
    }
    async listBySchool(schoolId) {
        return (await this.em.getRepository(group_entity_1.GroupEntity).find({ where: { schoolId }, order: { name: 'ASC' } })).map(toGroup);
    }
    async addMember(m) {
        await this.em.getRepository(group_entity_1.GroupMembershipEntity).upsert(m, ['groupId', 'personId']);
    }
    async update(id, changes) {
        await this.em.getRepository(group_entity_1.GroupEntity).update({ id }, { ...changes, updatedAt: new Date() });
    }
    async addMemberships(memberships) {
        if (memberships.length === 0)
            return;
        await this.em.query('INSERT INTO group_memberships (group_id, person_id, role_in_group) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])', [memberships.map((m) => m.groupId), memberships.map((m) => m.personId), memberships.map((m) => m.roleInGroup)]);
    }
    async setMemberships(personId, memberships) {
        const repo = this.em.getRepository(group_entity_1.GroupMembershipEntity);
        await repo.delete({ personId });
        if (memberships.length)
            await repo.insert(memberships.map((m) => ({ personId, groupId: m.groupId, roleInGroup: m.roleInGroup })));
    }
    async memberIds(groupId) {
        return (await this.em.getRepository(group_entity_1.GroupMembershipEntity).find({ where: { groupId }, select: { personId: true } })).map((m) => m.personId);
    }
    async membershipsAtSchool(schoolId) {
        const rows = await this.em.query('SELECT m.group_id, m.person_id, m.role_in_group FROM group_memberships m JOIN groups g ON g.id = m.group_id WHERE g.school_id = $1', [schoolId]);
        return rows.map((r) => ({ groupId: r.group_id, personId: r.person_id, roleInGroup: r.role_in_group }));
    }
    async membershipsOf(personId) {
        const rows = await this.em.getRepository(group_entity_1.GroupMembershipEntity).findBy({ personId });
        return rows.map((r) => ({ groupId: r.groupId, personId: r.personId, roleInGroup: r.roleInGroup }));
    }
}
exports.TypeOrmGroupRepository = TypeOrmGroupRepository;
//# sourceMappingURL=group.repository.js.map
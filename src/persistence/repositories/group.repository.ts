import crypto from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ConflictError } from '../../domain/errors';
import type { Group, GroupMembership } from '../../domain/model';
import type { GroupRepository, NewGroup } from '../../domain/roster/ports';
import { GroupEntity, GroupMembershipEntity } from '../entities/group.entity';
import { translateViolations } from './db-errors';

const toGroup = (e: GroupEntity): Group => ({
  id: e.id,
  schoolId: e.schoolId,
  lasKey: e.lasKey,
  name: e.name,
  yearGroup: e.yearGroup,
  kind: e.kind,
});

export class TypeOrmGroupRepository implements GroupRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(group: NewGroup): Promise<Group> {
    const repo = this.em.getRepository(GroupEntity);
    const saved = await translateViolations(repo.save(repo.create(group)), {
      groups_school_las_key_unique: () => new ConflictError(`group with LAS key '${group.lasKey}' already exists at this school`),
    });
    return toGroup(saved);
  }

  /** Many groups in one statement (an import's new groups), returned in the same order. */
  async insertMany(groups: readonly NewGroup[]): Promise<Group[]> {
    if (groups.length === 0) return [];
    const stored = groups.map((g) => ({ id: crypto.randomUUID(), ...g }));
    await translateViolations(
      this.em.query(
        'INSERT INTO groups (id, school_id, las_key, name, year_group, kind) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::smallint[], $6::text[])',
        [
          stored.map((g) => g.id),
          stored.map((g) => g.schoolId),
          stored.map((g) => g.lasKey),
          stored.map((g) => g.name),
          stored.map((g) => g.yearGroup),
          stored.map((g) => g.kind),
        ],
      ),
      { groups_school_las_key_unique: () => new ConflictError('a group LAS key in this import already exists at this school') },
    );
    return stored.map((g) => ({ id: g.id, schoolId: g.schoolId, lasKey: g.lasKey, name: g.name, yearGroup: g.yearGroup, kind: g.kind }));
  }

  async findByLasKey(schoolId: string, lasKey: string): Promise<Group | null> {
    const e = await this.em.getRepository(GroupEntity).findOneBy({ schoolId, lasKey });
    return e ? toGroup(e) : null;
  }

  async findById(id: string): Promise<Group | null> {
    const e = await this.em.getRepository(GroupEntity).findOneBy({ id });
    return e ? toGroup(e) : null;
  }

  async listBySchool(schoolId: string): Promise<Group[]> {
    return (await this.em.getRepository(GroupEntity).find({ where: { schoolId }, order: { name: 'ASC' } })).map(toGroup);
  }

  async addMember(m: GroupMembership): Promise<void> {
    await this.em.getRepository(GroupMembershipEntity).upsert(m, ['groupId', 'personId']);
  }

  async update(id: string, changes: Partial<Pick<NewGroup, 'name' | 'yearGroup' | 'kind'>>): Promise<void> {
    await this.em.getRepository(GroupEntity).update({ id }, { ...changes, updatedAt: new Date() });
  }

  async addMemberships(memberships: readonly GroupMembership[]): Promise<void> {
    if (memberships.length === 0) return;
    await this.em.query(
      'INSERT INTO group_memberships (group_id, person_id, role_in_group) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[])',
      [memberships.map((m) => m.groupId), memberships.map((m) => m.personId), memberships.map((m) => m.roleInGroup)],
    );
  }

  async setMemberships(
    personId: string,
    memberships: ReadonlyArray<{ groupId: string; roleInGroup: 'member' | 'teacher' }>,
  ): Promise<void> {
    const repo = this.em.getRepository(GroupMembershipEntity);
    await repo.delete({ personId });
    if (memberships.length) await repo.insert(memberships.map((m) => ({ personId, groupId: m.groupId, roleInGroup: m.roleInGroup })));
  }

  async memberIds(groupId: string): Promise<string[]> {
    return (await this.em.getRepository(GroupMembershipEntity).find({ where: { groupId }, select: { personId: true } })).map(
      (m) => m.personId,
    );
  }

  async membershipsAtSchool(schoolId: string): Promise<GroupMembership[]> {
    const rows: Array<{ group_id: string; person_id: string; role_in_group: 'member' | 'teacher' }> = await this.em.query(
      'SELECT m.group_id, m.person_id, m.role_in_group FROM group_memberships m JOIN groups g ON g.id = m.group_id WHERE g.school_id = $1',
      [schoolId],
    );
    return rows.map((r) => ({ groupId: r.group_id, personId: r.person_id, roleInGroup: r.role_in_group }));
  }

  async membershipsOf(personId: string): Promise<GroupMembership[]> {
    const rows = await this.em.getRepository(GroupMembershipEntity).findBy({ personId });
    return rows.map((r) => ({ groupId: r.groupId, personId: r.personId, roleInGroup: r.roleInGroup }));
  }
}

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
    for (let i = 0; i < memberships.length; i += 1000) {
      await this.em.getRepository(GroupMembershipEntity).insert(memberships.slice(i, i + 1000).map((m) => ({ ...m })));
    }
  }

  async setMemberships(personId: string, memberships: ReadonlyArray<{ groupId: string; roleInGroup: 'member' | 'teacher' }>): Promise<void> {
    const repo = this.em.getRepository(GroupMembershipEntity);
    await repo.delete({ personId });
    if (memberships.length) await repo.insert(memberships.map((m) => ({ personId, groupId: m.groupId, roleInGroup: m.roleInGroup })));
  }

  async memberIds(groupId: string): Promise<string[]> {
    return (await this.em.getRepository(GroupMembershipEntity).find({ where: { groupId }, select: { personId: true } })).map((m) => m.personId);
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

import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('groups')
export class GroupEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) schoolId!: string;
  @Column({ type: 'text' }) lasKey!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'smallint', nullable: true }) yearGroup!: number | null;
  @Column({ type: 'text', default: 'stamgroep' }) kind!: 'stamgroep' | 'samengestelde_groep';
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('group_memberships')
export class GroupMembershipEntity {
  @PrimaryColumn({ type: 'uuid' }) groupId!: string;
  @PrimaryColumn({ type: 'uuid' }) personId!: string;
  @Column({ type: 'text', default: 'member' }) roleInGroup!: 'member' | 'teacher';
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('licences')
export class LicenceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) schoolId!: string;
  @Column({ type: 'uuid' }) productId!: string;
  @Column({ type: 'timestamptz' }) validFrom!: Date;
  @Column({ type: 'timestamptz' }) validUntil!: Date;
  @Column({ type: 'integer', nullable: true }) seats!: number | null;
  @Column({ type: 'text' }) scope!: 'all' | 'assigned';
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('licence_assignments')
export class LicenceAssignmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) licenceId!: string;
  @Column({ type: 'uuid', nullable: true }) groupId!: string | null;
  @Column({ type: 'uuid', nullable: true }) personId!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

@Entity('activations')
export class ActivationEntity {
  @PrimaryColumn({ type: 'uuid' }) schoolId!: string;
  @PrimaryColumn({ type: 'uuid' }) participantId!: string;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ type: 'text' }) changedBy!: string;
  @Column({ type: 'timestamptz' }) changedAt!: Date;
  @Column({ type: 'text', array: true, nullable: true }) acceptedCategories!: string[] | null;
  @Column({ type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) acceptedBy!: string | null;
}

@Entity('activation_history')
export class ActivationHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid' }) schoolId!: string;
  @Column({ type: 'uuid' }) participantId!: string;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ type: 'text' }) changedBy!: string;
  @Column({ type: 'timestamptz' }) changedAt!: Date;
}

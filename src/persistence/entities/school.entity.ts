import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('schools')
export class SchoolEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'char', length: 4 }) brin!: string;
  @Column({ type: 'char', length: 2 }) dependanceCode!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) assuNumber!: string | null;
  @Column({ type: 'text', nullable: true }) visitingStreet!: string | null;
  @Column({ type: 'text', nullable: true }) visitingHouseNumber!: string | null;
  @Column({ type: 'text', nullable: true }) visitingPostalCode!: string | null;
  @Column({ type: 'text', nullable: true }) visitingCity!: string | null;
  @Column({ type: 'text', default: 'active' }) status!: 'active' | 'terminating' | 'terminated';
  @Column({ type: 'text', default: 'pending' }) agreementState!: 'pending' | 'accepted' | 'superseded';
  @Column({ type: 'timestamptz', nullable: true }) terminationRequestedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) destructionDueAt!: Date | null;
  @Column({ type: 'boolean', default: false }) homeAccessEnabled!: boolean;
  @Column({ type: 'boolean', name: 'teacher_2fa_required', default: false }) teacher2faRequired!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) suspendedAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

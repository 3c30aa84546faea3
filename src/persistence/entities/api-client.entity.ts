import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('api_clients')
export class ApiClientEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) clientId!: string;
  @Column({ type: 'text', select: false }) secretHash!: string;
  @Column({ type: 'uuid' }) participantId!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastUsedAt!: Date | null;
}

import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LedgerChannel } from '../../domain/model';

@Entity('agreement_versions')
export class AgreementVersionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) version!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) publishedAt!: Date;
  @Column({ type: 'timestamptz' }) effectiveFrom!: Date;
  @Column({ type: 'text' }) publishedBy!: string;
}

@Entity('agreement_acceptances')
export class AgreementAcceptanceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) schoolId!: string;
  @Column({ type: 'uuid' }) agreementVersionId!: string;
  @Column({ type: 'uuid' }) acceptedBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) acceptedAt!: Date;
  @Column({ type: 'inet', nullable: true }) acceptedFromIp!: string | null;
}

@Entity('audit_events')
export class AuditEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) occurredAt!: Date;
  @Column({ type: 'text' }) actorType!: string;
  @Column({ type: 'text' }) actorId!: string;
  @Column({ type: 'uuid', nullable: true }) schoolId!: string | null;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'text' }) outcome!: 'success' | 'failure';
  @Column({ type: 'text', nullable: true }) targetType!: string | null;
  @Column({ type: 'text', nullable: true }) targetId!: string | null;
  @Column({ type: 'inet', nullable: true }) ip!: string | null;
  @Column({ type: 'text', nullable: true }) requestId!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) details!: Record<string, unknown>;
}

@Entity('release_ledger')
export class ReleaseLedgerEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) occurredAt!: Date;
  @Column({ type: 'uuid' }) schoolId!: string;
  @Column({ type: 'uuid' }) participantId!: string;
  @Column({ type: 'uuid', nullable: true }) serviceProviderId!: string | null;
  @Column({ type: 'text', nullable: true }) apiClientId!: string | null;
  @Column({ type: 'text', nullable: true }) oidcClientId!: string | null;
  @Column({ type: 'text' }) channel!: LedgerChannel;
  @Column({ type: 'text', array: true }) categories!: string[];
  @Column({ type: 'integer' }) peopleCount!: number;
}

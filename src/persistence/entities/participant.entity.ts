import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('participants')
export class ParticipantEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'boolean', default: false }) needsBirthDate!: boolean;
  @Column({ type: 'boolean', default: false }) needsGender!: boolean;
  @Column({ type: 'boolean', default: false }) needsEmail!: boolean;
  @Column({ type: 'text', array: true, nullable: true }) annexCategories!: string[] | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) annexPurposes!: string[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) annexSubProcessors!: Array<{ name: string; purpose: string; location: string }>;
  @Column({ type: 'text', nullable: true }) annexStorageLocation!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) annexChangedAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

export interface AcsEndpointRow {
  binding: string;
  location: string;
  index: number;
  isDefault: boolean;
}

@Entity('service_providers')
export class ServiceProviderEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) participantId!: string;
  @Column({ type: 'text' }) entityId!: string;
  @Column({ type: 'text' }) metadataXml!: string;
  @Column({ type: 'timestamptz', nullable: true }) metadataValidUntil!: Date | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) signingCertificates!: string[];
  @Column({ type: 'text', array: true, default: () => "'{}'" }) encryptionCertificates!: string[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) acsEndpoints!: AcsEndpointRow[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) sloEndpoints!: Array<{ binding: string; location: string; responseLocation?: string }>;
  @Column({ type: 'jsonb', default: () => "'[]'" }) requestedAttributes!: Array<{
    name: string;
    friendlyName?: string;
    isRequired: boolean;
  }>;
  @Column({ type: 'text', array: true, nullable: true }) attributeAllowList!: string[] | null;
  @Column({ type: 'boolean', default: true }) wantAssertionsSigned!: boolean;
  @Column({ type: 'boolean', default: false }) authnRequestsSigned!: boolean;
  @Column({ type: 'boolean', default: true }) signResponse!: boolean;
  @Column({ type: 'boolean', default: false }) encryptAssertion!: boolean;
  @Column({ type: 'boolean', default: false }) allowUnsolicited!: boolean;
  @Column({ type: 'text', default: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent' }) nameIdFormat!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('products')
export class ProductEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) participantId!: string;
  @Column({ type: 'uuid', nullable: true }) serviceProviderId!: string | null;
  @Column({ type: 'text', nullable: true }) method!: string | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', nullable: true }) iconUrl!: string | null;
  @Column({ type: 'text', nullable: true }) launchUrl!: string | null;
  @Column({ type: 'boolean', default: false }) isTeacherApp!: boolean;
  @Column({ type: 'boolean', default: false }) isTestApp!: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

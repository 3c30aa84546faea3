import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn({ type: 'text' }) sid!: string;
  @Column({ type: 'jsonb' }) data!: Record<string, unknown>;
  @Column({ type: 'uuid', nullable: true }) credentialId!: string | null;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) lastSeenAt!: Date | null;
  @Column({ type: 'text', nullable: true }) userAgent!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  /** Set when destroyed: the row stays as a tombstone until expiry so that a late save cannot revive it. */
  @Column({ type: 'timestamptz', nullable: true }) destroyedAt!: Date | null;
  /** A login through a school's IdP: that IdP, a blind index of its NameID, and the encrypted logout details. */
  @Column({ type: 'text', nullable: true }) upstreamIdp!: string | null;
  @Column({ type: 'text', nullable: true }) upstreamSubjectHmac!: string | null;
  @Column({ type: 'text', nullable: true }) upstreamLoginEnc!: string | null;
}

@Entity('saml_message_ids')
export class SamlMessageIdEntity {
  @PrimaryColumn({ type: 'text' }) issuer!: string;
  @PrimaryColumn({ type: 'text' }) messageId!: string;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
}

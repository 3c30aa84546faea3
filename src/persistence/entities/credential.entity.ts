import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { encrypted } from '../field-encryption';

export const TOTP_SECRET_COLUMN = 'credentials.totp_secret';

@Entity('credentials')
export class CredentialEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', nullable: true }) personId!: string | null;
  @Column({ type: 'uuid', nullable: true }) operatorId!: string | null;
  @Column({ type: 'text', name: 'username_enc', transformer: encrypted('credentials.username') }) username!: string;
  @Column({ type: 'text' }) usernameHmac!: string;
  /** Secret: only loaded when a query asks for it explicitly. */
  @Column({ type: 'text', nullable: true, select: false }) passwordHash!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) passwordChangedAt!: Date | null;
  @Column({ type: 'boolean', default: false }) mustChangePassword!: boolean;
  @Column({ type: 'text', name: 'totp_secret_enc', nullable: true, select: false, transformer: encrypted(TOTP_SECRET_COLUMN) })
  totpSecret!: string | null;
  @Column({ type: 'boolean', default: false }) totpEnabled!: boolean;
  @Column({ type: 'bigint', nullable: true }) totpLastStep!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('operators')
export class OperatorEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', name: 'display_name_enc', transformer: encrypted('operators.display_name') }) displayName!: string;
  @Column({ type: 'text', name: 'email_enc', transformer: encrypted('operators.email') }) email!: string;
  @Column({ type: 'text' }) emailHmac!: string;
  @Column({ type: 'text', array: true }) roles!: Array<'helpdesk' | 'dba' | 'security_officer'>;
  @Column({ type: 'text', default: 'active' }) status!: 'active' | 'disabled';
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

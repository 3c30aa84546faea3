import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { encrypted } from '../field-encryption';

@Entity('people')
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) schoolId!: string;
  @Column({ type: 'text' }) role!: 'pupil' | 'teacher' | 'delegate';
  @Column({ type: 'text', nullable: true }) lasKey!: string | null;
  @Column({ type: 'text', name: 'eck_id_enc', nullable: true, transformer: encrypted('people.eck_id') }) eckId!: string | null;
  @Column({ type: 'text', nullable: true }) eckIdHmac!: string | null;
  @Column({ type: 'text', name: 'first_name_enc', transformer: encrypted('people.first_name') }) firstName!: string;
  @Column({ type: 'text', name: 'infix_enc', nullable: true, transformer: encrypted('people.infix') }) infix!: string | null;
  @Column({ type: 'text', name: 'last_name_enc', transformer: encrypted('people.last_name') }) lastName!: string;
  @Column({ type: 'text', name: 'birth_date_enc', nullable: true, transformer: encrypted('people.birth_date') }) birthDate!: string | null;
  @Column({ type: 'char', length: 1, nullable: true }) gender!: 'M' | 'V' | 'X' | null;
  @Column({ type: 'text', name: 'staff_email_enc', nullable: true, transformer: encrypted('people.staff_email') }) staffEmail!:
    | string
    | null;
  @Column({ type: 'text', nullable: true }) staffEmailHmac!: string | null;
  @Column({ type: 'text', default: 'active' }) status!: 'active' | 'inactive';
  @Column({ type: 'timestamptz', nullable: true }) deactivatedAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

@Entity('pupil_home_emails')
export class PupilHomeEmailEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) personId!: string;
  @Column({ type: 'text', default: 'pupil' }) personRole!: 'pupil';
  @Column({ type: 'smallint' }) position!: 1 | 2;
  @Column({ type: 'text', name: 'email_enc', transformer: encrypted('pupil_home_emails.email') }) email!: string;
  @Column({ type: 'text' }) emailHmac!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

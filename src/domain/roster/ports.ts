import type { Gender, Group, GroupKind, GroupMembership, HomeAccessEmail, Person, PersonRole, School, VisitingAddress } from '../model';

/** Storage of schools, their groups and people (the roster the LAS import keeps). persistence/ implements these for PostgreSQL and PGlite; the contract suite runs against both. */

export interface NewSchool {
  brin: string;
  dependanceCode: string;
  name: string;
  assuNumber?: string | null;
  visitingAddress?: VisitingAddress | null;
}

export interface SchoolRepository {
  insert(school: NewSchool): Promise<School>;
  findById(id: string): Promise<School | null>;
  findByBrin(brin: string, dependanceCode?: string): Promise<School[]>;
  list(): Promise<School[]>;
  /**
   * Active schools whose name or place (visiting address) contains the text, or whose BRIN starts with it
   * (case-insensitive). `withOwnIdp`: only schools whose own IdP is registered with metadata still valid.
   */
  search(text: string, limit: number, filter?: { readonly withOwnIdp?: boolean }): Promise<School[]>;
  setHomeAccess(id: string, enabled: boolean): Promise<void>;
  setTeacher2faRequired(id: string, required: boolean): Promise<void>;
}

export interface NewGroup {
  schoolId: string;
  lasKey: string;
  name: string;
  yearGroup: number | null;
  kind: GroupKind;
}

export interface GroupRepository {
  insert(group: NewGroup): Promise<Group>;
  /** Many at once (one statement), returned in the same order. */
  insertMany(groups: readonly NewGroup[]): Promise<Group[]>;
  findByLasKey(schoolId: string, lasKey: string): Promise<Group | null>;
  findById(id: string): Promise<Group | null>;
  listBySchool(schoolId: string): Promise<Group[]>;
  addMember(membership: GroupMembership): Promise<void>;
  membershipsOf(personId: string): Promise<GroupMembership[]>;
  memberIds(groupId: string): Promise<string[]>;
  update(id: string, changes: Partial<Pick<NewGroup, 'name' | 'yearGroup' | 'kind'>>): Promise<void>;
  addMemberships(memberships: readonly GroupMembership[]): Promise<void>;
  /** Replaces a person's memberships with exactly these groups. */
  setMemberships(personId: string, memberships: ReadonlyArray<{ groupId: string; roleInGroup: 'member' | 'teacher' }>): Promise<void>;
  /** Every membership at a school in one read (rosters of a whole school). */
  membershipsAtSchool(schoolId: string): Promise<GroupMembership[]>;
}

export interface NewPerson {
  schoolId: string;
  role: PersonRole;
  lasKey?: string | null;
  eckId?: string | null;
  firstName: string;
  infix?: string | null;
  lastName: string;
  birthDate?: string | null;
  gender?: Gender | null;
  staffEmail?: string | null;
}

export interface PersonRepository {
  insert(person: NewPerson): Promise<Person>;
  /** Many at once (one statement), in order; ids returned in the same order. */
  insertMany(people: readonly NewPerson[]): Promise<string[]>;
  findById(id: string): Promise<Person | null>;
  findByLasKey(schoolId: string, role: PersonRole, lasKey: string): Promise<Person | null>;
  findByEckId(eckId: string): Promise<Person | null>;
  findByStaffEmail(email: string): Promise<Person | null>;
  /** Every person with this work e-mail address (the schema does not make it unique: a login must see duplicates). */
  findAllByStaffEmail(email: string): Promise<Person[]>;
  listBySchool(schoolId: string): Promise<Person[]>;
  update(id: string, changes: Partial<Omit<NewPerson, 'schoolId' | 'role'>> & { status?: 'active' | 'inactive' }): Promise<void>;
  /** People deactivated before `before` (leavers past their grace period). */
  listDeactivatedBefore(before: Date): Promise<Array<{ id: string; schoolId: string }>>;
  /** Deletes the person and, by the schema's cascades, credentials, memberships, assignments, home e-mail. */
  delete(id: string): Promise<void>;
  /** Ids of the school's active people (no decryption: for counting and coverage). */
  activeIds(schoolId: string): Promise<string[]>;
  /** People of a school changed at or after `since` (all when absent), oldest change first. */
  listChanged(schoolId: string, since: Date | null): Promise<Array<Person & { updatedAt: Date }>>;
  /** Home-access e-mail addresses; the database allows at most two per pupil. */
  addHomeAccessEmail(personId: string, email: string): Promise<HomeAccessEmail>;
  homeAccessEmails(personId: string): Promise<HomeAccessEmail[]>;
  /** Removes one home-access address; false when the pupil did not have it. */
  removeHomeAccessEmail(personId: string, email: string): Promise<boolean>;
}

/** A roster uploaded in the management screen, waiting between dry run and apply (encrypted, short-lived). */
export interface ImportUploadRepository {
  store(u: {
    schoolId: string;
    uploadedBy: string;
    format: 'edexml' | 'csv';
    fileName: string;
    contents: Buffer;
    expiresAt: Date;
  }): Promise<string>;
  /** The upload of this school, while not expired. */
  find(id: string, schoolId: string, now: Date): Promise<{ format: 'edexml' | 'csv'; fileName: string; contents: Buffer } | null>;
  remove(id: string): Promise<void>;
  purgeExpired(now: Date): Promise<number>;
}

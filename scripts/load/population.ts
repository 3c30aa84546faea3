/**
 * Who is in the morning-peak scenario's schools and how each logs in (pure: no I/O). A school of M users
 * has 10 % staff and eight year groups of pupils; young pupils (groups 1–3) log in with a picture
 * password or, a third of them, with a QR login card; older pupils and staff with a password; 30 % of
 * staff also with a TOTP second factor. Deterministic for a given seed, so runs are comparable.
 */
import type { Roster, RosterPerson } from '../../src/domain/roster/roster';

export type LoginMethod = 'password' | 'picture' | 'card' | 'totp';

export const STAFF_SHARE = 0.1;
export const YOUNG_MAX_YEAR = 3;
export const CARD_SHARE_OF_YOUNG = 1 / 3;
export const TOTP_SHARE_OF_STAFF = 0.3;

/**
 * A few distinct secrets shared by many accounts. Seeding hashes each once (see seed.ts); a login still
 * verifies a full argon2id hash, so what the hub does per login is unchanged.
 */
export const PASSWORDS = ['Ochtend-Spits-2026', 'Krijtje-Bord-4711', 'Fiets-Bel-Schooltas', 'Gym-Zaal-Pauze-88'] as const;
export const PICTURE_SEQUENCES = [
  ['zon', 'maan', 'ster', 'boom'],
  ['bal', 'appel', 'fiets', 'boot'],
  ['huis', 'auto', 'wolk', 'bloem'],
  ['ster', 'boot', 'zon', 'appel'],
] as const;

export interface PlannedUser {
  readonly lasKey: string;
  readonly role: 'pupil' | 'teacher';
  readonly username: string;
  readonly method: LoginMethod;
  /** Index into PASSWORDS or PICTURE_SEQUENCES. */
  readonly secret: number;
  /** Year group 1–8 (pupils) or the group taught (staff). */
  readonly year: number;
}

export interface PlannedSchool {
  readonly index: number;
  readonly brin: string;
  readonly name: string;
  readonly users: readonly PlannedUser[];
}

/** Small deterministic PRNG (mulberry32): the same seed gives the same population and arrivals. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid, unique BRIN per school index (two digits, two letters): 90 × 26 × 26 of them. */
export function brinFor(i: number): string {
  const letters = Math.floor(i / 90);
  return `${String(10 + (i % 90))}${String.fromCharCode(65 + (Math.floor(letters / 26) % 26))}${String.fromCharCode(65 + (letters % 26))}`;
}

export function planSchool(index: number, usersPerSchool: number, random: () => number): PlannedSchool {
  const staff = Math.max(1, Math.round(usersPerSchool * STAFF_SHARE));
  const users: PlannedUser[] = [];
  for (let i = 0; i < usersPerSchool - staff; i++) {
    const year = (i % 8) + 1;
    const young = year <= YOUNG_MAX_YEAR;
    const method: LoginMethod = !young ? 'password' : random() < CARD_SHARE_OF_YOUNG ? 'card' : 'picture';
    users.push({ lasKey: `L${i}`, role: 'pupil', username: `ll${index}.${i}`, method, secret: i % 4, year });
  }
  for (let t = 0; t < staff; t++) {
    const method: LoginMethod = random() < TOTP_SHARE_OF_STAFF ? 'totp' : 'password';
    users.push({ lasKey: `T${t}`, role: 'teacher', username: `lk${index}.${t}`, method, secret: t % 4, year: (t % 8) + 1 });
  }
  return { index, brin: brinFor(index), name: `Ochtendschool ${index}`, users };
}

/** The school as the LAS import would deliver it: eight year groups, pupils in theirs, each teacher in one. */
export function rosterOf(school: PlannedSchool): Roster {
  const groups = Array.from({ length: 8 }, (_, g) => ({
    lasKey: `G${g + 1}`,
    name: `Groep ${g + 1}`,
    yearGroup: g + 1,
    kind: 'stamgroep' as const,
  }));
  const people: RosterPerson[] = school.users.map((u, i) => ({
    role: u.role,
    lasKey: u.lasKey,
    eckId: null,
    firstName: `${u.role === 'pupil' ? 'Leerling' : 'Juf'}${i}`,
    infix: i % 3 === 0 ? 'van' : null,
    lastName: `School${school.index}`,
    birthDate: u.role === 'pupil' ? `${2021 - u.year}-0${(i % 9) + 1}-1${i % 10}` : null,
    gender: u.role === 'pupil' ? (i % 2 ? 'M' : 'V') : null,
    staffEmail: u.role === 'teacher' ? `${u.username}@school${school.index}.invalid` : null,
    groupKeys: [`G${u.year}`],
  }));
  return { brin: school.brin, dependanceCode: '00', schoolYear: '2026-2027', groups, people };
}

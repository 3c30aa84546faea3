import type { Gender, GroupKind } from '../model';

/**
 * One canonical roster, whatever the source (EDEXML, CSV): only what the privacy annex lists and the
 * hub needs to run (LAS keys, ECK iD). Everything else in a source file is never read into it.
 */
export interface RosterGroup {
  readonly lasKey: string;
  readonly name: string;
  readonly yearGroup: number | null;
  readonly kind: GroupKind;
}

export interface RosterPerson {
  readonly role: 'pupil' | 'teacher';
  readonly lasKey: string;
  readonly eckId: string | null;
  readonly firstName: string;
  readonly infix: string | null;
  readonly lastName: string;
  readonly birthDate: string | null;
  readonly gender: Gender | null;
  /** Teachers only: work e-mail. */
  readonly staffEmail: string | null;
  /** Group LAS keys: a pupil's main group first, then composite groups; a teacher's groups. */
  readonly groupKeys: readonly string[];
}

export interface Roster {
  readonly brin: string;
  readonly dependanceCode: string;
  readonly schoolYear: string | null;
  readonly groups: readonly RosterGroup[];
  readonly people: readonly RosterPerson[];
}

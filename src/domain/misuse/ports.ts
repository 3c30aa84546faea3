import type { MisuseWarning, SchoolSuspension, SuspensionBasis } from '../model';

/** Misuse warnings, suspensions and the school's board address (agreement art. 12). persistence/ implements this for PostgreSQL and PGlite. */
export interface MisuseRepository {
  insertWarning(w: {
    schoolId: string;
    observed: string;
    requiredMeasures: string;
    deadline: Date;
    issuedBy: string;
    issuedAt: Date;
  }): Promise<MisuseWarning>;
  findWarning(id: string): Promise<MisuseWarning | null>;
  /** The school's warnings, newest first. */
  warningsOf(schoolId: string): Promise<MisuseWarning[]>;
  /** Every warning not closed yet, at all schools, earliest deadline first (the console's list). */
  openWarnings(): Promise<MisuseWarning[]>;
  /** Closes an open warning; false when it was closed already (nothing changed). */
  closeWarning(id: string, closing: 'measures_taken' | 'withdrawn', at: Date, by: string): Promise<boolean>;
  /**
   * Marks the school suspended and records why, in one go; null when the school was suspended already
   * (two operators at once: one wins).
   */
  suspend(s: {
    schoolId: string;
    basis: SuspensionBasis;
    warningId: string | null;
    immediateReason: string | null;
    explanation: string;
    at: Date;
    by: string;
  }): Promise<SchoolSuspension | null>;
  /** Lifts the suspension in force; null when the school is not suspended. */
  lift(schoolId: string, note: string, at: Date, by: string): Promise<SchoolSuspension | null>;
  /** The suspension in force, if any. */
  currentSuspension(schoolId: string): Promise<SchoolSuspension | null>;
  /** Every suspension of the school, newest first. */
  suspensionsOf(schoolId: string): Promise<SchoolSuspension[]>;
  /** The school board's address (the "bevoegd gezag"), stored encrypted. */
  boardEmail(schoolId: string): Promise<string | null>;
  setBoardEmail(schoolId: string, email: string | null): Promise<void>;
}

import type { Disruption } from '../model';

/** Disruption reports (agreement art. 5). persistence/ implements this for PostgreSQL and PGlite. */
export interface DisruptionRepository {
  insert(d: {
    schoolId: string | null;
    channel: Disruption['channel'];
    description: string;
    reportedAt: Date;
    reportedBy: string;
  }): Promise<Disruption>;
  findById(id: string): Promise<Disruption | null>;
  /** Reports not resolved, oldest first. */
  listOpen(): Promise<Disruption[]>;
  /** A school's reports, newest first. */
  listBySchool(schoolId: string, limit: number): Promise<Disruption[]>;
  /** Only an unacknowledged, unresolved report; false otherwise. */
  acknowledge(id: string, texts: { nl: string; en: string }, at: Date, by: string): Promise<boolean>;
  /** Only an acknowledged, unresolved report (a new estimate replaces the old one); false otherwise. */
  estimate(id: string, repairAt: Date, at: Date): Promise<boolean>;
  /** Only an unresolved report; false otherwise. */
  resolve(id: string, at: Date, by: string): Promise<boolean>;
}

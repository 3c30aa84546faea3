import type { AgreementAcceptance, AgreementVersion } from '../model';

/** The product & service agreement: versions (art. 10), acceptances per school (art. 2), termination. persistence/ implements these for PostgreSQL and PGlite; the contract suite runs against both. */

/** The product & service agreement: versions (art. 10), acceptances per school (art. 2), termination. */
export interface AgreementRepository {
  publish(v: { version: string; body: string; effectiveFrom: Date; publishedBy: string }): Promise<AgreementVersion>;
  /** All versions, newest effective date first. */
  list(): Promise<AgreementVersion[]>;
  accept(a: { schoolId: string; versionId: string; acceptedBy: string; acceptedFromIp: string | null }): Promise<void>;
  acceptances(schoolId: string): Promise<AgreementAcceptance[]>;
  /** Schools whose notice has ended (status 'terminating', destruction date reached). */
  dueForDestruction(now: Date): Promise<Array<{ id: string; brin: string; destructionDueAt: Date }>>;
  /**
   * Destroys a school and every row that belongs to it (people, accounts, groups, licences, activations,
   * acceptances, networks, uploads — by the schema's cascades), its sessions, and parent accounts left
   * without children. The release ledger (counts) and the audit (ids) stay as the hub's proof.
   * Returns the number of people destroyed.
   */
  destroySchool(id: string): Promise<number>;
  /** Records the school's notice: status 'terminating' and the date its data will be destroyed. */
  scheduleTermination(schoolId: string, requestedAt: Date, destructionDueAt: Date): Promise<void>;
  termination(schoolId: string): Promise<{ requestedAt: Date; destructionDueAt: Date } | null>;
}

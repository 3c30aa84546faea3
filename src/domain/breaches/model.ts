/**
 * The breach register (DPA annex 2; security annex C): one incident with the fields the annex asks the
 * hub to tell the affected schools — when it was detected, what happened, its nature, cause and the
 * measures taken, which schools and how many people, which data. No personal data of the people
 * affected: counts, never names.
 */

/** The annex's natures of a breach: data read, copied, changed, deleted or stolen (several may apply). */
export const BREACH_NATURES = ['read', 'copy', 'change', 'delete', 'theft'] as const;
export type BreachNature = (typeof BREACH_NATURES)[number];

export const NATURE_LABELS: Readonly<Record<BreachNature, { nl: string; en: string }>> = {
  read: { nl: 'inzien', en: 'read' },
  copy: { nl: 'kopiëren', en: 'copy' },
  change: { nl: 'wijzigen', en: 'change' },
  delete: { nl: 'verwijderen', en: 'delete' },
  theft: { nl: 'diefstal', en: 'theft' },
};

/** Who among a school's people is affected (the annex: "wie er getroffen zijn"). */
export const AFFECTED_KINDS = ['pupils', 'teachers', 'delegates', 'parents'] as const;
export type AffectedKind = (typeof AFFECTED_KINDS)[number];

export const AFFECTED_KIND_LABELS: Readonly<Record<AffectedKind, { nl: string; en: string }>> = {
  pupils: { nl: 'leerlingen', en: 'pupils' },
  teachers: { nl: 'leraren', en: 'teachers' },
  delegates: { nl: 'ICT-coördinatoren (contactpersonen)', en: 'ICT coordinators (delegates)' },
  parents: { nl: 'ouders', en: 'parents' },
};

/** One affected school, as it was when recorded (the register outlives a destroyed school). */
export interface AffectedSchool {
  readonly schoolId: string;
  readonly brin: string;
  readonly name: string;
  /** How many of the school's people are affected. */
  readonly peopleCount: number;
}

export interface Breach {
  readonly id: string;
  readonly detectedAt: Date;
  readonly summary: string;
  readonly natures: readonly BreachNature[];
  readonly cause: string;
  readonly measures: string;
  readonly affectedSchools: readonly AffectedSchool[];
  readonly affectedKinds: readonly AffectedKind[];
  /** Annex data categories (release/categories.ts), never values. */
  readonly dataCategories: readonly string[];
  /** Access or identification data (usernames, passwords, login cards, second factors) are affected. */
  readonly accessDataAffected: boolean;
  readonly recordedAt: Date;
  /** `actorType:actorId`, never a name. */
  readonly recordedBy: string;
  readonly confirmedAt: Date | null;
  readonly confirmedBy: string | null;
  readonly notifiedAt: Date | null;
  readonly notifiedBy: string | null;
  readonly delegatesNotified: number | null;
}

export type NewBreach = Omit<
  Breach,
  'id' | 'recordedAt' | 'confirmedAt' | 'confirmedBy' | 'notifiedAt' | 'notifiedBy' | 'delegatesNotified'
>;

/** A category's name for people, Dutch and English (the labels live with the categories themselves). */
export type CategoryLabels = Readonly<Record<string, { readonly nl: string; readonly en: string }>>;

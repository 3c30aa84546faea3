import type { Activation, Licence, LicenceAssignment, Participant, PrivacyAnnex, Product, ProductIcon } from '../model';

/** Storage of participants, their products (and icons), licences and activations. persistence/ implements these for PostgreSQL and PGlite; the contract suite runs against both. */

export interface NewParticipant {
  name: string;
  needsBirthDate?: boolean;
  needsGender?: boolean;
  needsEmail?: boolean;
}

export interface ParticipantRepository {
  insert(participant: NewParticipant): Promise<Participant>;
  /** Replaces the participant's privacy annex and keeps its recorded needs in step with the annex's categories. */
  updateAnnex(id: string, annex: PrivacyAnnex): Promise<void>;
  findByName(name: string): Promise<Participant | null>;
  findById(id: string): Promise<Participant | null>;
  list(): Promise<Participant[]>;
}

export interface NewProduct {
  participantId: string;
  name: string;
  method?: string | null;
  iconUrl?: string | null;
  launchUrl?: string | null;
  isTeacherApp?: boolean;
  isTestApp?: boolean;
}

export interface ProductRepository {
  insert(product: NewProduct): Promise<Product>;
  findByName(participantId: string, name: string): Promise<Product | null>;
  /** Product names are unique per participant; the CLI looks them up hub-wide and refuses ambiguity. */
  findAllByName(name: string): Promise<Product[]>;
  findAllByIds(ids: readonly string[]): Promise<Product[]>;
  update(id: string, changes: Partial<Omit<NewProduct, 'participantId'>>): Promise<Product>;
  listByParticipant(participantId: string): Promise<Product[]>;
}

export interface NewLicence {
  schoolId: string;
  productId: string;
  validFrom: Date;
  validUntil: Date;
  seats: number | null;
  scope: 'all' | 'assigned';
}

export interface LicenceRepository {
  insert(licence: NewLicence): Promise<Licence>;
  findById(id: string): Promise<Licence | null>;
  listBySchool(schoolId: string): Promise<Licence[]>;
  assign(licenceId: string, target: { groupId: string } | { personId: string }): Promise<LicenceAssignment>;
  assignments(licenceId: string): Promise<LicenceAssignment[]>;
  unassignPerson(licenceId: string, personId: string): Promise<boolean>;
  unassignGroup(licenceId: string, groupId: string): Promise<boolean>;
}

export interface ActivationRepository {
  /** Upserts the current state and appends to the history in the same transaction. */
  set(activation: Activation): Promise<void>;
  find(schoolId: string, participantId: string): Promise<Activation | null>;
  history(schoolId: string, participantId: string): Promise<Activation[]>;
  /** Schools that currently allow data transfer to the participant. */
  enabledFor(participantId: string): Promise<Activation[]>;
  /** Every switch on or off for the participant since a moment, oldest first. */
  changesFor(participantId: string, since: Date): Promise<Activation[]>;
  /** Every school's current activation (on or off) of the participant. */
  listByParticipant(participantId: string): Promise<Activation[]>;
  /** Records what the school accepted of the participant's annex (null: all of it, nothing pending); not an on/off switch. */
  updateAccepted(schoolId: string, participantId: string, categories: readonly string[] | null, by: string, at: Date): Promise<void>;
}

/** Fetches a product's icon from the publisher (once, at registration). */
export interface IconFetcher {
  fetch(url: string): Promise<ProductIcon>;
}

/** Product icons fetched by the hub at registration and served from it. */
export interface ProductIconRepository {
  put(productId: string, icon: ProductIcon & { sourceUrl: string }): Promise<void>;
  find(productId: string): Promise<ProductIcon | null>;
  /** Which of these products have a stored icon. */
  present(productIds: readonly string[]): Promise<Set<string>>;
}

/** The portal's order of tiles: the school's chosen order, and a person's own launch counts. */
export interface PortalRepository {
  /** productId → position (0 first) as the school set it; products without one are not in the map. */
  schoolOrder(schoolId: string): Promise<Map<string, number>>;
  /** Replaces the school's order with these products, first to last (empty: no order, by use). */
  setSchoolOrder(schoolId: string, productIds: readonly string[]): Promise<void>;
  /** productId → how often this person launched it from the portal. */
  launchCounts(personId: string): Promise<Map<string, number>>;
  /** One more launch, atomically (concurrent launches all count). */
  recordLaunch(personId: string, productId: string): Promise<void>;
}

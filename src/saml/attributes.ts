import { requestedAttributeNames, type ServiceProvider } from '../domain/model';
import type { Category } from '../release/categories';

/**
 * The one mapping table between annex categories and SAML attribute names (NameFormat uri). Each
 * category has one primary name — standard where one exists (X.520, eduPerson, PKIX), else the hub's own
 * `urn:mace:leerpoort.nl:attribute-def:` namespace — and may have standard names of the Dutch education
 * federations and of the SAML Subject Identifier profile beside it. A publisher gets exactly the names it
 * asks for (RequestedAttribute in its metadata, or its allow-list), and only for categories the release
 * pipeline let through: a name is never a way around the pipeline. The guides' attribute table
 * (docs/publishers.md) is checked against this table by test/unit/guides.test.ts.
 */
export const NAME_FORMAT_URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';

export interface AttributeName {
  readonly name: string;
  readonly friendlyName: string;
}

export interface AttributeDefinition extends AttributeName {
  readonly category: Category;
  /** 'primary': the category's own name; 'standard': a federation name offered beside it on request. */
  readonly kind: 'primary' | 'standard';
  /** How the value is written (the guide shows it). */
  readonly value: 'plain' | 'gender' | 'pairwise-id';
  /** An example value, as it appears in a Response (for the guide). */
  readonly example: string;
}

const HUB = 'urn:mace:leerpoort.nl:attribute-def:';
/** The prefix the Dutch education federations (Entree, SURFconext) use for nlEduPerson attributes. */
const MACE_DIR = 'urn:mace:dir:attribute-def:';
/** SAML V2.0 Subject Identifier Attributes Profile 1.0, section 3.4. */
export const PAIRWISE_ID = 'urn:oasis:names:tc:SAML:attribute:pairwise-id';

const def = (category: Category, name: string, friendlyName: string, example: string, more: Partial<AttributeDefinition> = {}) =>
  Object.freeze({ category, name, friendlyName, example, kind: 'primary', value: 'plain', ...more }) as AttributeDefinition;

export const ATTRIBUTES: readonly AttributeDefinition[] = Object.freeze([
  def('firstName', 'urn:oid:2.5.4.42', 'givenName', 'Fenna'),
  def('infix', `${HUB}tussenvoegsel`, 'tussenvoegsel', 'ter'),
  def('lastName', 'urn:oid:2.5.4.4', 'sn', 'Horst'),
  def('birthDate', 'urn:oid:1.3.6.1.5.5.7.9.1', 'dateOfBirth', '2016-03-14'),
  def('gender', 'urn:oid:1.3.6.1.5.5.7.9.3', 'gender', 'F', { value: 'gender' }),
  def('eckId', `${HUB}eckId`, 'eckId', 'https://ketenid.nl/201703/8f3c…'),
  def('eckId', 'urn:mace:surf.nl:attribute-def:eckid', 'eckid', 'https://ketenid.nl/201703/8f3c…', { kind: 'standard' }),
  def('pupilKey', `${HUB}leerlingKey`, 'leerlingKey', '10234'),
  def('teacherKey', `${HUB}leerkrachtKey`, 'leerkrachtKey', 'LK17'),
  def('groupKey', `${HUB}groepKey`, 'groepKey', 'G5A'),
  def('groupName', `${HUB}groepNaam`, 'groepNaam', 'Groep 5a'),
  def('yearGroup', `${HUB}jaargroep`, 'jaargroep', '5'),
  def('brin', `${HUB}brin`, 'brin', '12AB'),
  def('brin', `${MACE_DIR}nlEduPersonHomeOrganizationId`, 'nlEduPersonHomeOrganizationId', '12AB', { kind: 'standard' }),
  def('email', 'urn:oid:0.9.2342.19200300.100.1.3', 'mail', 'juf.jansen@school.example'),
  def(
    'affiliation',
    'urn:oid:1.3.6.1.4.1.5923.1.1.1.1',
    'eduPersonAffiliation',
    'student, member (pupils); faculty, employee, member (staff)',
  ),
  def('pseudonym', PAIRWISE_ID, 'pairwise-id', '3f9a…c41e@leerpoort.example', { value: 'pairwise-id' }),
]);

/** The primary name of each category (what the preview and the ledger pages show). */
export const ATTRIBUTE_NAMES: Readonly<Record<Category, AttributeName>> = Object.freeze(
  Object.fromEntries(
    ATTRIBUTES.filter((a) => a.kind === 'primary').map((a) => [a.category, { name: a.name, friendlyName: a.friendlyName }]),
  ) as Record<Category, AttributeName>,
);

const BY_NAME = new Map<string, AttributeDefinition>();
for (const a of ATTRIBUTES) BY_NAME.set(a.name, a);
// FriendlyNames resolve too (allow-lists are often written with them), but never over a Name.
for (const a of ATTRIBUTES) if (!BY_NAME.has(a.friendlyName)) BY_NAME.set(a.friendlyName, a);

/** Whether the hub knows this attribute, by Name (urn:oid:…) or FriendlyName. */
export function isAttributeName(name: string): boolean {
  return BY_NAME.has(name);
}

/** The attribute definitions behind requested names, each once, in table order; unknown names are ignored. */
export function definitionsForNames(names: Iterable<string>): AttributeDefinition[] {
  const wanted = new Set<AttributeDefinition>();
  for (const n of names) {
    const d = BY_NAME.get(n);
    if (d) wanted.add(d);
  }
  return ATTRIBUTES.filter((a) => wanted.has(a));
}

/** Categories an SP asks for, by attribute Name (or FriendlyName); unknown names are ignored. */
export function categoriesForNames(names: Iterable<string>): Set<Category> {
  return new Set(definitionsForNames(names).map((d) => d.category));
}

/** The attributes an SP asks for (its allow-list, else its metadata's RequestedAttributes). */
export function requestedDefinitions(sp: Pick<ServiceProvider, 'attributeAllowList' | 'requestedAttributes'>): AttributeDefinition[] {
  return definitionsForNames(requestedAttributeNames(sp));
}

/** The categories an SP asks for (its allow-list, else its metadata's RequestedAttributes). */
export function requestedCategories(sp: Pick<ServiceProvider, 'attributeAllowList' | 'requestedAttributes'>): Set<Category> {
  return new Set(requestedDefinitions(sp).map((d) => d.category));
}

/** Values of gender go out in the PKIX vocabulary (M/F); 'X' is not released. */
export function samlValue(category: Category, value: string): string | null {
  if (category === 'gender') return value === 'M' ? 'M' : value === 'V' ? 'F' : null;
  return value;
}

const SCOPE = /^[A-Za-z0-9][A-Za-z0-9.-]{0,126}$/;
const UNIQUE_ID = /^[A-Za-z0-9][A-Za-z0-9=-]{0,126}$/;

/**
 * The scope of the hub's scoped attributes: the host name of its entity ID (BASE_URL), lower-cased, when
 * it fits the profile's scope grammar (alphanumeric first, then alphanumerics, '-' and '.', ≤ 127);
 * null otherwise (an IPv6 literal): then no scoped attribute is issued. The IdP metadata declares it
 * as shibmd:Scope.
 */
export function attributeScope(idpEntityId: string): string | null {
  const host = new URL(idpEntityId).hostname.toLowerCase();
  return SCOPE.test(host) ? host : null;
}

/**
 * pairwise-id = <uniqueID>@<scope>. The unique ID is the participant's pairwise pseudonym (the persistent
 * NameID, base64url) re-encoded as lower-case hex: the profile allows only alphanumerics, '=' and '-'
 * (no '_'), and compares case-insensitively, so base64's mixed case would not survive. Same
 * pseudonym, same participant, same value — across SPs of one participant, as the NameID.
 */
export function pairwiseIdValue(pseudonym: string, scope: string): string {
  const uniqueId = Buffer.from(pseudonym, 'base64url').toString('hex');
  const value = `${uniqueId}@${scope}`;
  if (!UNIQUE_ID.test(uniqueId) || !SCOPE.test(scope)) throw new Error('pairwise-id outside the profile grammar');
  return value;
}

/** A released value as the SAML attribute `def` writes it; null: not released under this name. */
export function encodeValue(def: AttributeDefinition, value: string, scope: string | null): string | null {
  switch (def.value) {
    case 'gender':
      return samlValue(def.category, value);
    case 'pairwise-id':
      return scope ? pairwiseIdValue(value, scope) : null;
    case 'plain':
      return value;
  }
}

/** The SAML attributes for released values: exactly the requested names whose category was released. */
export function samlAttributes(
  requested: readonly AttributeDefinition[],
  released: Partial<Record<Category, readonly string[]>>,
  scope: string | null,
): Array<AttributeName & { values: string[] }> {
  const out: Array<AttributeName & { values: string[] }> = [];
  for (const d of requested) {
    const values = (released[d.category] ?? []).map((v) => encodeValue(d, v, scope)).filter((v): v is string => v !== null);
    if (values.length) out.push({ name: d.name, friendlyName: d.friendlyName, values });
  }
  return out;
}

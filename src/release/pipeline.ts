import type { AccessDecision } from '../domain/licensing/access';
import { formatBrin } from '../domain/identity/brin';
import type { Group, Participant, Person, School } from '../domain/model';
import type { GroupRepository } from '../domain/roster/ports';
import { ANNEX_BY_ROLE, CATEGORIES, type Category, declaredCategories } from './categories';

/**
 * The attribute-release pipeline: an ordered chain of small filters over categories, deny by default.
 * Each filter can only remove; the final check runs once more just before serialising. Whether anything
 * may go at all is the licence gate's decision (domain/licensing/access.ts), which the caller hands in.
 */

export interface ReleaseContext {
  readonly person: Person;
  readonly school: School;
  /** The person's groups, main group first. */
  readonly groups: readonly Group[];
  readonly participant: Participant;
  /** Categories the recipient asked for (SP metadata RequestedAttribute, or its configured allow-list). */
  readonly requested: ReadonlySet<Category>;
  /** The licence gate's decision for this person and participant (activation, a valid licence that covers them). */
  readonly access: AccessDecision;
  /** The person's pairwise pseudonym towards this participant (computed by the caller, who holds the key). */
  readonly pseudonym?: string | null;
}

/** A person's groups as the chain expects them: the main group (stamgroep) first, then by name. */
export function mainGroupFirst(groups: readonly Group[]): Group[] {
  return [...groups].sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'stamgroep' ? -1 : 1));
}

/** A person's groups as stored now, main group first (what SAML and OIDC hand to the chain). */
export async function groupsOf(groups: Pick<GroupRepository, 'membershipsOf' | 'findById'>, personId: string): Promise<Group[]> {
  const memberships = await groups.membershipsOf(personId);
  return mainGroupFirst((await Promise.all(memberships.map((m) => groups.findById(m.groupId)))).filter((g): g is Group => g !== null));
}

export type ReleaseFilter = (categories: ReadonlySet<Category>, ctx: ReleaseContext) => Set<Category>;

const keep = (categories: ReadonlySet<Category>, allowed: Iterable<Category>) => {
  const allow = new Set(allowed);
  return new Set([...categories].filter((c) => allow.has(c)));
};

/** (a) only what the privacy annex lists for this role. */
export const annexFilter: ReleaseFilter = (c, ctx) => keep(c, ANNEX_BY_ROLE[ctx.person.role]);

/**
 * (b) only what the participant declared in its privacy annex (annex 1 D); without a declared annex, the
 * default (UWLR "smalle set") plus birth date, gender and e-mail where an operator recorded the need.
 */
export const participantNeedFilter: ReleaseFilter = (c, ctx) => keep(c, declaredCategories(ctx.participant));

/** (c)+(d) nothing at all unless the gate allowed it: school activated the participant, person licensed. */
export const accessFilter: ReleaseFilter = (c, ctx) => (ctx.access.allowed ? new Set(c) : new Set());

/**
 * (c') DPA art. 13.3: a widened annex reaches a school only once the school accepted it — until then only
 * what the school accepted before. The gate hands in the school's activation's accepted categories.
 */
export const schoolAcceptanceFilter: ReleaseFilter = (c, ctx) =>
  ctx.access.allowed && ctx.access.acceptedCategories ? keep(c, ctx.access.acceptedCategories as Category[]) : new Set(c);

/** (e) only what the recipient asked for. */
export const requestedFilter: ReleaseFilter = (c, ctx) => keep(c, ctx.requested);

/**
 * (f) identifiers: the ECK iD only when the school registered one for the person (and, by (c), activated
 * the participant); the hub's internal ID itself never leaves — only its pairwise pseudonym ('pseudonym').
 */
export const identifierFilter: ReleaseFilter = (c, ctx) => {
  const out = new Set(c);
  if (!ctx.person.eckId) out.delete('eckId');
  return out;
};

export const DEFAULT_CHAIN: readonly ReleaseFilter[] = [
  annexFilter,
  participantNeedFilter,
  accessFilter,
  schoolAcceptanceFilter,
  requestedFilter,
  identifierFilter,
];

export type ReleasedValues = Partial<Record<Category, string[]>>;

function valuesOf(category: Category, ctx: ReleaseContext): string[] {
  const p = ctx.person;
  const main = ctx.groups[0];
  switch (category) {
    case 'firstName':
      return [p.firstName];
    case 'infix':
      return p.infix ? [p.infix] : [];
    case 'lastName':
      return [p.lastName];
    case 'birthDate':
      return p.birthDate ? [p.birthDate] : [];
    case 'gender':
      return p.gender ? [p.gender] : [];
    case 'eckId':
      return p.eckId ? [p.eckId] : [];
    case 'pupilKey':
      return p.role === 'pupil' && p.lasKey ? [p.lasKey] : [];
    case 'teacherKey':
      return p.role !== 'pupil' && p.lasKey ? [p.lasKey] : [];
    case 'groupKey':
      return ctx.groups.map((g) => g.lasKey);
    case 'groupName':
      return ctx.groups.map((g) => g.name);
    case 'yearGroup':
      return main?.yearGroup != null ? [String(main.yearGroup)] : [];
    case 'brin':
      return [formatBrin(ctx.school)];
    case 'email':
      return p.staffEmail ? [p.staffEmail] : [];
    case 'affiliation':
      return p.role === 'pupil' ? ['student', 'member'] : ['faculty', 'employee', 'member'];
    case 'pseudonym':
      return ctx.pseudonym ? [ctx.pseudonym] : [];
  }
}

/**
 * Runs the chain and returns the released values. The final allow-list check (g) is independent of
 * the chain: a category the annex does not list for the role can never come out, whatever a filter did.
 */
export function releasedCategories(ctx: ReleaseContext, chain: readonly ReleaseFilter[] = DEFAULT_CHAIN): Set<Category> {
  let categories: Set<Category> = new Set(CATEGORIES);
  for (const filter of chain) categories = filter(categories, ctx);
  return categories;
}

export function release(ctx: ReleaseContext, chain: readonly ReleaseFilter[] = DEFAULT_CHAIN): ReleasedValues {
  const categories = releasedCategories(ctx, chain);
  // (g) the final allow-list check, independent of the chain.
  if (!ctx.access.allowed) return {};
  const annex = new Set(ANNEX_BY_ROLE[ctx.person.role]);
  const declared = new Set(declaredCategories(ctx.participant));
  const accepted = ctx.access.acceptedCategories ? new Set(ctx.access.acceptedCategories) : null;
  const out: ReleasedValues = {};
  for (const category of categories) {
    if (!annex.has(category) || !ctx.requested.has(category) || !declared.has(category)) continue;
    if (accepted && !accepted.has(category)) continue;
    const values = valuesOf(category, ctx).filter((v) => v !== '');
    if (values.length) out[category] = values;
  }
  return out;
}

import type { Category } from '../release/categories';
import type { ReleasedValues } from '../release/pipeline';

/**
 * The one mapping table between OpenID Connect scopes, the privacy annex's categories and the claims
 * that carry them. A scope is how a relying party asks for categories (as RequestedAttribute is for a
 * SAML SP); the release pipeline then decides — annex ∩ the participant's declared needs ∩ what the
 * school accepted ∩ what was asked — exactly as for SAML. A claim appears only when its category was
 * released. docs/oidc.md shows this table; test/unit/oidc-claims.test.ts keeps the two equal.
 *
 * `sub` is not in the table: it is always the participant's pairwise pseudonym, the value SAML sends as
 * the persistent NameID (which is not counted as a released category there either).
 */
export interface ClaimDefinition {
  readonly claim: string;
  readonly category: Category;
  /** How the claim is written: one string, a list of strings, or the OIDC gender vocabulary. */
  readonly shape: 'string' | 'list' | 'gender';
  readonly example: string;
}

export interface ScopeDefinition {
  readonly scope: string;
  readonly claims: readonly ClaimDefinition[];
}

const c = (claim: string, category: Category, example: string, shape: ClaimDefinition['shape'] = 'string'): ClaimDefinition =>
  Object.freeze({ claim, category, shape, example });

export const OIDC_SCOPES: readonly ScopeDefinition[] = Object.freeze([
  // Names only: unlike the OIDC `profile` scope, birth date and gender never come with the names.
  {
    scope: 'profile',
    claims: [c('given_name', 'firstName', 'Fenna'), c('infix', 'infix', 'ter'), c('family_name', 'lastName', 'Horst')],
  },
  { scope: 'email', claims: [c('email', 'email', 'juf.jansen@school.example')] },
  { scope: 'birthdate', claims: [c('birthdate', 'birthDate', '2016-03-14')] },
  { scope: 'gender', claims: [c('gender', 'gender', 'female', 'gender')] },
  { scope: 'eckid', claims: [c('eckid', 'eckId', 'https://ketenid.nl/201703/8f3c…')] },
  { scope: 'school', claims: [c('brin', 'brin', '12AB')] },
  {
    scope: 'groups',
    claims: [c('groups', 'groupName', '["Groep 5a"]', 'list'), c('group_keys', 'groupKey', '["G5A"]', 'list')],
  },
  { scope: 'year_group', claims: [c('year_group', 'yearGroup', '5')] },
  { scope: 'roles', claims: [c('roles', 'affiliation', '["student", "member"]', 'list')] },
  { scope: 'las_keys', claims: [c('pupil_key', 'pupilKey', '10234'), c('teacher_key', 'teacherKey', 'LK17')] },
]) as readonly ScopeDefinition[];

const BY_SCOPE = new Map(OIDC_SCOPES.map((s) => [s.scope, s]));

/** Every claim the hub can issue besides the protocol's own (`sub`, `sid`, `auth_time`, …). */
export const OIDC_CLAIMS: readonly ClaimDefinition[] = OIDC_SCOPES.flatMap((s) => s.claims);

/** oidc-provider's `claims` configuration: scope → claim names (`openid` → `sub`). */
export function providerClaimsConfig(): Record<string, string[]> {
  return Object.fromEntries([['openid', ['sub']], ...OIDC_SCOPES.map((s) => [s.scope, s.claims.map((d) => d.claim)])]);
}

/** The categories a space-separated scope string asks for; unknown scopes ask for nothing. */
export function categoriesForScope(scope: string): Set<Category> {
  const out = new Set<Category>();
  for (const s of scope.split(' ')) for (const d of BY_SCOPE.get(s)?.claims ?? []) out.add(d.category);
  return out;
}

/** OIDC's gender vocabulary; the hub's 'X' is not released (as in SAML). */
const GENDER: Readonly<Record<string, string>> = { M: 'male', V: 'female' };

/**
 * The claims for released values: exactly the requested scopes' claims whose category came out of the
 * pipeline, and the categories that actually went out (for the ledger).
 */
export function oidcClaims(scope: string, released: ReleasedValues): { claims: Record<string, string | string[]>; categories: Category[] } {
  const claims: Record<string, string | string[]> = {};
  const categories = new Set<Category>();
  for (const s of scope.split(' '))
    for (const d of BY_SCOPE.get(s)?.claims ?? []) {
      const values = released[d.category];
      if (!values?.length) continue;
      if (d.shape === 'list') claims[d.claim] = [...values];
      else if (d.shape === 'gender') {
        const g = GENDER[values[0]!];
        if (!g) continue;
        claims[d.claim] = g;
      } else claims[d.claim] = values[0]!;
      categories.add(d.category);
    }
  return { claims, categories: [...categories] };
}

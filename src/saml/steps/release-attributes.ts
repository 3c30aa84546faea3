import { pairwisePseudonym } from '../../crypto/field-cipher';
import type { Category } from '../../release/categories';
import { groupsOf, release } from '../../release/pipeline';
import { attributeScope, requestedDefinitions, samlAttributes } from '../attributes';
import { step } from '../flow';
import type { SsoOutcome, SsoState } from '../sso-state';

/**
 * The release pipeline (deny by default): the annex, the participant's needs, the SP's request. Values
 * become SAML attributes under exactly the names the SP asked for (the mapping in ../attributes.ts).
 */
export const releaseAttributes = step<SsoState, SsoOutcome>('release', async (ctx, s) => {
  const person = s.person!;
  const groups = await groupsOf(ctx.repos.groups, person.id);
  const requested = requestedDefinitions(s.sp!);
  const categories = new Set(requested.map((d) => d.category));
  const released = release({
    person,
    school: s.school!,
    groups,
    participant: s.participant!,
    requested: categories,
    access: s.access!,
    pseudonym: categories.has('pseudonym') ? pairwisePseudonym(ctx.keyring, s.participant!.id, person.id) : null,
  });
  s.attributes = samlAttributes(requested, released, attributeScope(ctx.idpEntityId));
  // The ledger records what actually went out (a value a name cannot carry is not released under it).
  const sent = new Set(s.attributes.map((a) => a.name));
  s.categories = (Object.keys(released) as Category[]).filter((c) => requested.some((d) => d.category === c && sent.has(d.name)));
});

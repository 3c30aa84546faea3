import type { Group } from '../../domain/model';
import type { Category } from '../../release/categories';
import { mainGroupFirst, release } from '../../release/pipeline';
import { ATTRIBUTE_NAMES, requestedCategories, samlValue } from '../attributes';
import { step } from '../flow';
import type { SsoOutcome, SsoState } from '../sso-state';

/** The release pipeline (deny by default): the annex, the participant's needs, the SP's request. Values become SAML attributes. */
export const releaseAttributes = step<SsoState, SsoOutcome>('release', async (ctx, s) => {
  const person = s.person!;
  const memberships = await ctx.repos.groups.membershipsOf(person.id);
  const groups = mainGroupFirst(
    (await Promise.all(memberships.map((m) => ctx.repos.groups.findById(m.groupId)))).filter((g): g is Group => g !== null),
  );
  const released = release({
    person,
    school: s.school!,
    groups,
    participant: s.participant!,
    requested: requestedCategories(s.sp!),
    access: s.access!,
  });
  s.attributes = [];
  for (const [category, values] of Object.entries(released) as Array<[Category, string[]]>) {
    const out = values.map((v) => samlValue(category, v)).filter((v): v is string => v !== null);
    if (out.length) s.attributes.push({ ...ATTRIBUTE_NAMES[category], values: out });
  }
  s.categories = Object.keys(released) as Category[];
});

import type { Group, Licence, Participant, Product } from '../model';
import type { Repositories } from '../ports';
import { coveredPeople } from './seats';

/** One licence of a school as every screen shows it: product, validity, seats used, what it is assigned to. */
export interface LicenceOverview {
  readonly licence: Licence;
  readonly product: Product | null;
  readonly participant: Participant | null;
  /** Valid at the moment asked for. */
  readonly current: boolean;
  readonly seatsUsed: number;
  readonly groups: readonly Group[];
  /** People assigned individually (by hub id). */
  readonly personIds: readonly string[];
}

/** The school's licences (optionally of one participant's products only) — for the CLI, the management screen and the API. */
export async function licenceOverview(
  repos: Pick<Repositories, 'groups' | 'licences' | 'participants' | 'people' | 'products'>,
  schoolId: string,
  opts: { participantId?: string; now?: Date } = {},
): Promise<LicenceOverview[]> {
  const now = opts.now ?? new Date();
  const licences = await repos.licences.listBySchool(schoolId);
  const products = new Map((await repos.products.findAllByIds([...new Set(licences.map((l) => l.productId))])).map((p) => [p.id, p]));
  const groups = new Map((await repos.groups.listBySchool(schoolId)).map((g) => [g.id, g]));
  const participants = new Map<string, Participant | null>();
  const out: LicenceOverview[] = [];
  for (const licence of licences) {
    const product = products.get(licence.productId) ?? null;
    if (opts.participantId && product?.participantId !== opts.participantId) continue;
    if (product && !participants.has(product.participantId))
      participants.set(product.participantId, await repos.participants.findById(product.participantId));
    const assignments = await repos.licences.assignments(licence.id);
    out.push({
      licence,
      product,
      participant: product ? (participants.get(product.participantId) ?? null) : null,
      current: licence.validFrom <= now && now < licence.validUntil,
      seatsUsed: (await coveredPeople(repos, licence)).size,
      groups: assignments.flatMap((a) => (a.groupId && groups.has(a.groupId) ? [groups.get(a.groupId)!] : [])),
      personIds: assignments.flatMap((a) => (a.personId ? [a.personId] : [])),
    });
  }
  return out;
}

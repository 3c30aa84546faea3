import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { Actor, Participant, Product } from '../model';
import type { IconFetcher, NewProduct } from './ports';
import type { Repositories, UnitOfWork } from '../ports';

/** The repositories this module uses (and no others). */
type Repos = Pick<Repositories, 'audit' | 'participants' | 'productIcons' | 'products'>;

export async function findParticipantByName(repos: Repos, name: string): Promise<Participant> {
  const participant = await repos.participants.findByName(name.trim());
  if (!participant) throw new NotFoundError(`unknown participant '${name}'`);
  return participant;
}

/** Product names are unique per participant; a name shared by two participants must be qualified. */
export async function findProductByName(repos: Repos, name: string, participantName?: string): Promise<Product> {
  if (participantName) {
    const participant = await findParticipantByName(repos, participantName);
    const product = await repos.products.findByName(participant.id, name.trim());
    if (!product) throw new NotFoundError(`unknown product '${name}' of participant '${participant.name}'`);
    return product;
  }
  const matches = await repos.products.findAllByName(name.trim());
  if (matches.length === 0) throw new NotFoundError(`unknown product '${name}'`);
  if (matches.length > 1) throw new ConflictError(`product name '${name}' is used by ${matches.length} participants; add --participant`);
  return matches[0]!;
}

function checkUrl(value: string | null | undefined, field: string): void {
  if (value == null) return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError(`${field} '${value}' is not a valid URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError(`${field} must be an http(s) URL`);
}

export class ParticipantService {
  constructor(
    private readonly uow: UnitOfWork,
    /** Product icons are fetched once, here, and served by the hub (the portal never links a publisher). */
    private readonly icons: IconFetcher,
  ) {}

  async add(
    input: { name: string; needsBirthDate?: boolean; needsGender?: boolean; needsEmail?: boolean },
    actor: Actor,
  ): Promise<Participant> {
    const name = input.name.trim();
    if (!name) throw new ValidationError('participant name must not be empty');
    return this.uow.run(async (repos) => {
      const participant = await repos.participants.insert({ ...input, name });
      await repos.audit.record({
        actor,
        action: 'participant.add',
        outcome: 'success',
        targetType: 'participant',
        targetId: participant.id,
        details: { name },
      });
      return participant;
    });
  }

  /** A product of the participant named (CLI, demo). */
  async addProduct(participantName: string, input: Omit<NewProduct, 'participantId'>, actor: Actor): Promise<Product> {
    const participant = await this.uow.run((repos) => findParticipantByName(repos, participantName));
    return this.addProductFor(participant, input, actor);
  }

  /** A product of this participant (the API knows the participant from its token). */
  async addProductFor(participant: Participant, input: Omit<NewProduct, 'participantId'>, actor: Actor): Promise<Product> {
    const name = input.name.trim();
    if (!name) throw new ValidationError('product name must not be empty');
    checkUrl(input.launchUrl, 'launch URL');
    checkUrl(input.iconUrl, 'icon URL');
    const icon = input.iconUrl ? await this.icons.fetch(input.iconUrl) : null;
    return this.uow.run(async (repos) => {
      const product = await repos.products.insert({ ...input, name, participantId: participant.id });
      if (icon) await repos.productIcons.put(product.id, { ...icon, sourceUrl: input.iconUrl! });
      await repos.audit.record({
        actor,
        action: 'product.add',
        outcome: 'success',
        targetType: 'product',
        targetId: product.id,
        details: { participantId: participant.id, name },
      });
      return product;
    });
  }

  /** Changes a product of this participant; a new icon URL is fetched again. */
  async updateProduct(
    participant: Participant,
    productId: string,
    changes: Partial<Omit<NewProduct, 'participantId'>>,
    actor: Actor,
  ): Promise<Product> {
    checkUrl(changes.launchUrl, 'launch URL');
    checkUrl(changes.iconUrl, 'icon URL');
    const icon = changes.iconUrl ? await this.icons.fetch(changes.iconUrl) : null;
    return this.uow.run(async (repos) => {
      const owned = (await repos.products.listByParticipant(participant.id)).find((p) => p.id === productId);
      if (!owned) throw new NotFoundError('no such product of this participant');
      const updated = await repos.products.update(owned.id, changes);
      if (icon) await repos.productIcons.put(owned.id, { ...icon, sourceUrl: changes.iconUrl! });
      await repos.audit.record({
        actor,
        action: 'product.update',
        outcome: 'success',
        targetType: 'product',
        targetId: owned.id,
        details: { fields: Object.keys(changes) },
      });
      return updated;
    });
  }
}

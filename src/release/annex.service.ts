import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import type { Actor, Participant, PrivacyAnnex, SubProcessor } from '../domain/model';
import type { UnitOfWork } from '../domain/ports';
import { delegateAddresses } from '../domain/mail/delegates';
import { CATEGORIES, CATEGORY_TEXT, type Category, declaredCategories, isCategory } from './categories';
import { type PrivacyCheckResult, privacyCheck } from './privacy-check';

/**
 * The privacy annex as data (annex 1 D, DPA art. 13.3). An operator declares per participant the
 * categories it processes, its purposes, sub-processors and storage location; the hub publishes them. A
 * change that widens the categories does not reach a school until the school accepts it: each school's
 * activation keeps the categories it accepted before, and the release chain (release/pipeline.ts) keeps
 * to them. A narrowing applies at once everywhere.
 */

export interface AnnexInput {
  readonly categories?: readonly string[];
  readonly purposes?: readonly string[];
  readonly subProcessors?: readonly SubProcessor[];
  readonly storageLocation?: string;
}

export interface AnnexChange {
  readonly participant: string;
  readonly annex: PrivacyAnnex;
  readonly added: Category[];
  readonly removed: Category[];
  /** Schools whose data keeps to what they accepted before until they accept the new annex. */
  readonly schoolsToAccept: number;
  /** Mails to those schools' delegates (through the outbox), telling in plain words what would be added. */
  readonly delegatesMailed: number;
}

export interface PendingAnnex {
  readonly participantId: string;
  readonly participantName: string;
  /** What the school would newly pass on, once it accepts. */
  readonly added: Category[];
  readonly annex: PrivacyAnnex;
}

const MAX_TEXT = 500;
const MAX_ITEMS = 30;

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ValidationError(`${what} must not be empty`);
  const t = value.trim();
  if (t.length > MAX_TEXT) throw new ValidationError(`${what} is longer than ${MAX_TEXT} characters`);
  // Control characters have no place in a published leaflet (and would hide text from a reader).
  if (/[\u0000-\u001f\u007f]/.test(t)) throw new ValidationError(`${what} contains control characters`);
  return t;
}

/** A complete, valid annex from the current one (if any) and the operator's changes — or one clear reason. */
export function validateAnnex(current: PrivacyAnnex | null, input: AnnexInput, now: Date): PrivacyAnnex {
  const categories = input.categories ?? current?.categories;
  if (!categories || categories.length === 0)
    throw new ValidationError(`the annex needs its categories (--categories), a comma-separated list of: ${CATEGORIES.join(', ')}`);
  const unknown = categories.filter((c) => !isCategory(c));
  if (unknown.length)
    throw new ValidationError(`unknown categor${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')}; known: ${CATEGORIES.join(', ')}`);
  const purposes = (input.purposes ?? current?.purposes ?? []).map((p, i) => text(p, `purpose ${i + 1}`));
  if (purposes.length === 0) throw new ValidationError('the annex needs at least one purpose (--purpose)');
  const subProcessors = (input.subProcessors ?? current?.subProcessors ?? []).map((s, i) => ({
    name: text(s?.name, `sub-processor ${i + 1}: name`),
    purpose: text(s?.purpose, `sub-processor ${i + 1}: purpose`),
    location: text(s?.location, `sub-processor ${i + 1}: location`),
  }));
  if (purposes.length > MAX_ITEMS || subProcessors.length > MAX_ITEMS)
    throw new ValidationError(`at most ${MAX_ITEMS} purposes and sub-processors`);
  const storageLocation = text(input.storageLocation ?? current?.storageLocation, 'the storage location (--storage-location)');
  return {
    categories: CATEGORIES.filter((c) => categories.includes(c)),
    purposes,
    subProcessors,
    storageLocation,
    changedAt: now,
  };
}

/** The delegates' mail about a widening (DPA art. 13.3): what is added, in plain words, and that nothing flows before they accept. */
function wideningMail(participant: Participant, added: readonly Category[], baseUrl: string): { subject: string; body: string } {
  const nl = added.map((c) => CATEGORY_TEXT[c][0]).join(', ');
  const en = added.map((c) => CATEGORY_TEXT[c][1]).join(', ');
  return {
    subject: `Leerpoort: ${participant.name} vraagt om meer gegevens / asks for more data`,
    body: [
      `${participant.name} wil voortaan ook deze gegevens van uw school ontvangen: ${nl}.`,
      `Dat gebeurt pas als u daarmee akkoord gaat in het beheerscherm: ${baseUrl}/admin/activations`,
      `Tot dan krijgt ${participant.name} alleen de gegevens waarmee u eerder akkoord ging (verwerkersovereenkomst art. 13.3).`,
      `Privacybijsluiter: ${baseUrl}/privacy/${participant.id}`,
      '',
      `${participant.name} would like to receive this data of your school as well: ${en}.`,
      `That happens only once you accept it in the management screen: ${baseUrl}/admin/activations`,
      `Until then ${participant.name} gets only the data you accepted before (data-processing agreement art. 13.3).`,
      `Privacy leaflet: ${baseUrl}/privacy/${participant.id}`,
    ].join('\n'),
  };
}

export class PrivacyAnnexService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly baseUrl: string,
  ) {}

  /** Declares or changes a participant's annex; on a widening, every school that has an activation keeps what it accepted. */
  async set(participantName: string, input: AnnexInput, actor: Actor, now = new Date()): Promise<AnnexChange> {
    return this.uow.run(async (repos) => {
      const participant = await repos.participants.findByName(participantName);
      if (!participant) throw new NotFoundError(`unknown participant '${participantName}'`);
      const annex = validateAnnex(participant.annex, input, now);
      const before = declaredCategories(participant);
      const after = annex.categories as Category[];
      const added = after.filter((c) => !before.includes(c));
      const removed = before.filter((c) => !after.includes(c));
      await repos.participants.updateAnnex(participant.id, annex);
      let schoolsToAccept = 0;
      let delegatesMailed = 0;
      // What each school accepted: before this change its accepted set, or the whole annex as it was.
      for (const a of await repos.activations.listByParticipant(participant.id)) {
        const accepted = (a.acceptedCategories ?? before).filter((c) => after.includes(c as Category));
        const next = after.every((c) => accepted.includes(c)) ? null : accepted;
        if (next) schoolsToAccept++;
        // Told when this change adds something the school has not accepted (not again for a change that adds nothing new).
        const newlyAdded = added.filter((c) => !accepted.includes(c));
        if (next && newlyAdded.length) {
          const mail = wideningMail(
            participant,
            after.filter((c) => !accepted.includes(c)),
            this.baseUrl,
          );
          for (const to of await delegateAddresses(repos, (school) => school.id === a.schoolId && school.status !== 'terminated')) {
            await repos.outbox.add({ to, ...mail });
            delegatesMailed++;
          }
        }
        const same =
          (next === null && !a.acceptedCategories) ||
          (next !== null && a.acceptedCategories?.length === next.length && next.every((c) => a.acceptedCategories!.includes(c)));
        if (!same) await repos.activations.updateAccepted(a.schoolId, participant.id, next, `${actor.type}:${actor.id}`, now);
      }
      await repos.audit.record({
        actor,
        action: 'participant.annex',
        outcome: 'success',
        targetType: 'participant',
        targetId: participant.id,
        details: { categories: after, added, removed, schoolsToAccept, delegatesMailed },
      });
      return { participant: participant.name, annex, added, removed, schoolsToAccept, delegatesMailed };
    });
  }

  /** The annex as published, and the categories in force (without a declared annex: the default with recorded needs). */
  async show(participantName: string): Promise<{ participant: Participant; categories: Category[] }> {
    return this.uow.run(async (repos) => {
      const participant = await repos.participants.findByName(participantName);
      if (!participant) throw new NotFoundError(`unknown participant '${participantName}'`);
      return { participant, categories: declaredCategories(participant) };
    });
  }

  /** `privacy check`: the ledger's releases against the declared annexes (the retention run calls it too). */
  check(opts: { since?: Date } = {}): Promise<PrivacyCheckResult> {
    return this.uow.run((repos) => privacyCheck(repos, opts));
  }

  /** Widened annexes the school has not accepted yet (the management screen shows each with what it adds). */
  async pending(schoolId: string): Promise<PendingAnnex[]> {
    return this.uow.run(async (repos) => {
      const out: PendingAnnex[] = [];
      for (const p of await repos.participants.list()) {
        const a = await repos.activations.find(schoolId, p.id);
        const added = addedFor(p, a?.acceptedCategories ?? null);
        if (p.annex && added.length) out.push({ participantId: p.id, participantName: p.name, added, annex: p.annex });
      }
      return out;
    });
  }

  /** The school's delegate accepts the participant's current annex: from now on its data follows the whole annex. */
  async accept(schoolId: string, participantId: string, actor: Actor, now = new Date()): Promise<Category[]> {
    return this.uow.run(async (repos) => {
      const participant = await repos.participants.findById(participantId);
      const activation = participant ? await repos.activations.find(schoolId, participantId) : null;
      if (!participant || !activation) throw new NotFoundError('no such participant for this school');
      const added = addedFor(participant, activation.acceptedCategories ?? null);
      if (!activation.acceptedCategories) throw new ConflictError('there is no change to accept for this participant');
      await repos.activations.updateAccepted(schoolId, participantId, null, `${actor.type}:${actor.id}`, now);
      await repos.audit.record({
        actor,
        action: 'participant.annex.accept',
        outcome: 'success',
        schoolId,
        targetType: 'participant',
        targetId: participantId,
        details: { added, annexChangedAt: participant.annex?.changedAt.toISOString() ?? null },
      });
      return added;
    });
  }
}

function addedFor(p: Participant, accepted: readonly string[] | null): Category[] {
  return accepted ? declaredCategories(p).filter((c) => !accepted.includes(c)) : [];
}

import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { findSchoolByBrin } from '../identity/school.service';
import { isUuid } from '../ids';
import { delegateAddresses } from '../mail/delegates';
import { formatWhen } from '../maintenance/wording';
import type { Actor, Disruption } from '../model';
import type { Repositories, UnitOfWork } from '../ports';
import { type DisruptionDeadlines, disruptionDeadlines, needsAttention } from './response-times';

const MAX_TEXT = 2000;
const by = (actor: Actor) => `${actor.type}:${actor.id}`;

function text(value: string, wat: string, what: string): string {
  const t = (value ?? '').trim();
  if (!t) throw new ValidationError(`${wat} ontbreekt / ${what} is missing`);
  if (t.length > MAX_TEXT) throw new ValidationError(`${wat} is te lang / ${what} is too long (max ${MAX_TEXT})`);
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(t))
    throw new ValidationError(`${wat} bevat stuurtekens / ${what} contains control characters`);
  return t;
}

export type TrackedDisruption = Disruption & { readonly deadlines: DisruptionDeadlines; readonly attention: boolean };

/**
 * Disruptions (product & service agreement art. 5): a delegate reports one from the management screen, or
 * an operator records one from a phone call; the operator acknowledges it (with the text the status page
 * shows), gives an estimated repair time, and resolves it. The response times are response-times.ts's;
 * the reporting school's delegates are mailed at each step; every step is audited.
 */
export class DisruptionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repos: Pick<Repositories, 'disruptions'>,
    private readonly baseUrl: string,
  ) {}

  /** A delegate's report from the management screen (their own school). */
  async reportBySchool(schoolId: string, description: string, actor: Actor, now = new Date()): Promise<Disruption> {
    return this.report(schoolId, 'admin', description, actor, now);
  }

  /** An operator records a report from a phone call; `brin` is optional (a call about the hub as a whole). */
  async recordCall(brin: string | null, description: string, actor: Actor, now = new Date()): Promise<Disruption> {
    const schoolId = brin ? (await this.uow.run((tx) => findSchoolByBrin(tx, brin))).id : null;
    return this.report(schoolId, 'phone', description, actor, now);
  }

  async acknowledge(id: string, publicText: { nl: string; en: string }, actor: Actor, now = new Date()): Promise<Disruption> {
    const texts = {
      nl: text(publicText.nl, 'de Nederlandse tekst', 'the Dutch text'),
      en: text(publicText.en, 'de Engelse tekst', 'the English text'),
    };
    return this.step(
      id,
      actor,
      now,
      'disruption.acknowledge',
      (tx) => tx.disruptions.acknowledge(id, texts, now, by(actor)),
      'al bevestigd of opgelost / already acknowledged or resolved',
      (d) => ({
        subject: 'Leerpoort: storingsmelding ontvangen / disruption report received',
        body: [
          `Uw storingsmelding van ${formatWhen(d.reportedAt, 'nl')} is in behandeling: ${texts.nl}`,
          `Actuele stand: ${this.baseUrl}/status`,
          '',
          `Your disruption report of ${formatWhen(d.reportedAt, 'en')} is being handled: ${texts.en}`,
          `Current status: ${this.baseUrl}/status`,
        ].join('\n'),
      }),
    );
  }

  async estimate(id: string, repairAt: Date, actor: Actor, now = new Date()): Promise<Disruption> {
    if (Number.isNaN(repairAt.getTime()) || repairAt <= now)
      throw new ValidationError('de verwachte hersteltijd moet in de toekomst liggen / the estimated repair time must be in the future');
    return this.step(
      id,
      actor,
      now,
      'disruption.estimate',
      (tx) => tx.disruptions.estimate(id, repairAt, now),
      'nog niet bevestigd of al opgelost / not acknowledged yet or already resolved',
      () => ({
        subject: 'Leerpoort: verwachte hersteltijd / estimated repair time',
        body: [
          `De storing is naar verwachting verholpen op ${formatWhen(repairAt, 'nl')} (Nederlandse tijd).`,
          `Actuele stand: ${this.baseUrl}/status`,
          '',
          `The disruption is expected to be repaired by ${formatWhen(repairAt, 'en')} (Dutch time).`,
          `Current status: ${this.baseUrl}/status`,
        ].join('\n'),
      }),
    );
  }

  async resolve(id: string, actor: Actor, now = new Date()): Promise<Disruption> {
    return this.step(
      id,
      actor,
      now,
      'disruption.resolve',
      (tx) => tx.disruptions.resolve(id, now, by(actor)),
      'al opgelost / already resolved',
      () => ({
        subject: 'Leerpoort: storing verholpen / disruption resolved',
        body: ['De storing is verholpen.', '', 'The disruption has been resolved.'].join('\n'),
      }),
    );
  }

  /** Open reports with their deadlines; `attention` marks those about to miss (or past) one. */
  async open(now = new Date()): Promise<TrackedDisruption[]> {
    return (await this.repos.disruptions.listOpen()).map((d) => {
      const deadlines = disruptionDeadlines(d, now);
      return { ...d, deadlines, attention: needsAttention(deadlines) };
    });
  }

  /** What the public status page shows: acknowledged, unresolved disruptions (their public text and estimate only). */
  async current(): Promise<Array<Pick<Disruption, 'id' | 'acknowledgedAt' | 'publicTextNl' | 'publicTextEn' | 'estimatedRepairAt'>>> {
    return (await this.repos.disruptions.listOpen())
      .filter((d) => d.acknowledgedAt)
      .map((d) => ({
        id: d.id,
        acknowledgedAt: d.acknowledgedAt,
        publicTextNl: d.publicTextNl,
        publicTextEn: d.publicTextEn,
        estimatedRepairAt: d.estimatedRepairAt,
      }));
  }

  listBySchool(schoolId: string): Promise<Disruption[]> {
    return this.repos.disruptions.listBySchool(schoolId, 20);
  }

  private async report(
    schoolId: string | null,
    channel: Disruption['channel'],
    description: string,
    actor: Actor,
    now: Date,
  ): Promise<Disruption> {
    const d = text(description, 'de omschrijving', 'the description');
    return this.uow.run(async (tx) => {
      const disruption = await tx.disruptions.insert({ schoolId, channel, description: d, reportedAt: now, reportedBy: by(actor) });
      await tx.audit.record({
        actor,
        action: 'disruption.report',
        outcome: 'success',
        schoolId,
        targetType: 'disruption',
        targetId: disruption.id,
        details: { channel, acknowledgeBy: disruptionDeadlines(disruption, now).acknowledgeBy.toISOString() },
      });
      return disruption;
    });
  }

  private async step(
    id: string,
    actor: Actor,
    now: Date,
    action: string,
    change: (tx: Repositories) => Promise<boolean>,
    conflict: string,
    mail: (d: Disruption) => { subject: string; body: string },
  ): Promise<Disruption> {
    if (!isUuid(id)) throw new NotFoundError(`geen storing '${id}' / no disruption '${id}'`);
    return this.uow.run(async (tx) => {
      const before = await tx.disruptions.findById(id);
      if (!before) throw new NotFoundError(`geen storing '${id}' / no disruption '${id}'`);
      if (!(await change(tx))) throw new ConflictError(`deze storing is ${conflict}`);
      const after = (await tx.disruptions.findById(id))!;
      let notified = 0;
      if (after.schoolId) {
        const m = mail(after);
        for (const to of await delegateAddresses(tx, (s) => s.id === after.schoolId)) {
          await tx.outbox.add({ to, ...m });
          notified++;
        }
      }
      const deadlines = disruptionDeadlines(after, now);
      await tx.audit.record({
        actor,
        action,
        outcome: 'success',
        schoolId: after.schoolId,
        targetType: 'disruption',
        targetId: id,
        details: { notified, acknowledge: deadlines.acknowledge, estimate: deadlines.estimate },
      });
      return after;
    });
  }
}

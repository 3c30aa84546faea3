import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { delegateAddresses } from '../mail/delegates';
import type { Actor, MaintenanceWindow } from '../model';
import type { Repositories, UnitOfWork } from '../ports';
import { maintenanceNoticeDecision, type NoticeDecision } from './notice';
import { cancelledMail, scheduledMail } from './wording';

export const MAX_DESCRIPTION_LENGTH = 1000;

/** What the public status page shows: maintenance going on now, and maintenance to come. */
export interface MaintenanceStatus {
  readonly current: MaintenanceWindow[];
  readonly planned: MaintenanceWindow[];
}

/**
 * Maintenance windows (product & service agreement art. 4): scheduled and cancelled by a platform
 * operator, announced to the schools' delegates by mail through the outbox (in the same transaction, so
 * a window is never stored unannounced), audited, and shown on the public status page.
 */
export class MaintenanceService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repos: Pick<Repositories, 'maintenance' | 'audit'>,
    private readonly baseUrl: string,
  ) {}

  async schedule(
    input: { startsAt: Date; endsAt: Date; descriptionNl: string; descriptionEn: string },
    actor: Actor,
    now = new Date(),
  ): Promise<{ window: MaintenanceWindow; notified: number }> {
    let descriptionNl: string;
    let descriptionEn: string;
    let decision: NoticeDecision;
    try {
      descriptionNl = description(input.descriptionNl, 'Dutch', 'Nederlandse');
      descriptionEn = description(input.descriptionEn, 'English', 'Engelse');
      decision = maintenanceNoticeDecision(input, now);
      if (!decision.allowed) throw new ValidationError(`${decision.reason.nl} / ${decision.reason.en}`);
    } catch (e) {
      if (e instanceof ValidationError) await this.refused(actor, e.publicMessage, input);
      throw e;
    }
    return this.uow.run(async (tx) => {
      const window = await tx.maintenance.insert({
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        descriptionNl,
        descriptionEn,
        scheduledBy: `${actor.type}:${actor.id}`,
      });
      const notified = await this.tellSchools(tx, scheduledMail(window, this.baseUrl));
      await tx.audit.record({
        actor,
        action: 'maintenance.schedule',
        outcome: 'success',
        targetType: 'maintenance_window',
        targetId: window.id,
        details: {
          startsAt: window.startsAt.toISOString(),
          endsAt: window.endsAt.toISOString(),
          basis: decision.basis,
          delegatesNotified: notified,
        },
      });
      return { window, notified };
    });
  }

  /**
   * A refused attempt to schedule is audited too (who tried, when, why): an operator trying to squeeze in
   * short-notice maintenance is exactly what the art. 4 record must show. Edges call this for input they
   * refuse before it reaches `schedule` (a time they cannot read). Never the descriptions: operator text.
   */
  async refused(actor: Actor, reason: string, input: { startsAt?: Date | null; endsAt?: Date | null } = {}): Promise<void> {
    const iso = (d: Date | null | undefined) => (d && !Number.isNaN(d.getTime()) ? d.toISOString() : null);
    await this.repos.audit.record({
      actor,
      action: 'maintenance.schedule',
      outcome: 'failure',
      targetType: 'maintenance_window',
      details: { reason, startsAt: iso(input.startsAt), endsAt: iso(input.endsAt) },
    });
  }

  /** Cancels a window that has not ended yet; the delegates are told. */
  async cancel(id: string, actor: Actor, now = new Date()): Promise<{ window: MaintenanceWindow; notified: number }> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
      throw new NotFoundError(`geen onderhoud met id '${id}' / no maintenance window '${id}'`);
    return this.uow.run(async (tx) => {
      const window = await tx.maintenance.findById(id);
      if (!window) throw new NotFoundError(`geen onderhoud met id '${id}' / no maintenance window '${id}'`);
      if (window.endsAt <= now) throw new ConflictError('dit onderhoud is al voorbij / this maintenance is already over');
      if (!(await tx.maintenance.cancel(id, now, `${actor.type}:${actor.id}`)))
        throw new ConflictError('dit onderhoud is al geannuleerd / this maintenance was already cancelled');
      const notified = await this.tellSchools(tx, cancelledMail(window, this.baseUrl));
      await tx.audit.record({
        actor,
        action: 'maintenance.cancel',
        outcome: 'success',
        targetType: 'maintenance_window',
        targetId: id,
        details: { startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString(), delegatesNotified: notified },
      });
      return { window: { ...window, cancelledAt: now, cancelledBy: `${actor.type}:${actor.id}` }, notified };
    });
  }

  async status(now = new Date()): Promise<MaintenanceStatus> {
    const coming = await this.repos.maintenance.listComing(now);
    return { current: coming.filter((w) => w.startsAt <= now), planned: coming.filter((w) => w.startsAt > now) };
  }

  list(limit = 100): Promise<MaintenanceWindow[]> {
    return this.repos.maintenance.listAll(limit);
  }

  /**
   * Every school still served is told: active schools, and schools under notice too (they use the hub
   * until their data is destroyed, so a window affects them as much). Returns the number of mails.
   */
  private async tellSchools(tx: Repositories, mail: { subject: string; body: string }): Promise<number> {
    const addresses = await delegateAddresses(tx, (school) => school.status !== 'terminated');
    for (const to of addresses) await tx.outbox.add({ to, ...mail });
    return addresses.length;
  }
}

function description(text: string, language: string, taal: string): string {
  const t = (text ?? '').trim();
  if (!t) throw new ValidationError(`de ${taal} omschrijving ontbreekt / the ${language} description is missing`);
  if (t.length > MAX_DESCRIPTION_LENGTH)
    throw new ValidationError(
      `de ${taal} omschrijving is langer dan ${MAX_DESCRIPTION_LENGTH} tekens / the ${language} description is longer than ${MAX_DESCRIPTION_LENGTH} characters`,
    );
  // Plain text for mails and pages: no control characters besides line breaks.
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(t))
    throw new ValidationError(`de ${taal} omschrijving bevat stuurtekens / the ${language} description contains control characters`);
  return t;
}

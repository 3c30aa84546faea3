import { ValidationError } from '../errors';
import { delegateAddresses } from '../mail/delegates';
import type { Actor, School } from '../model';
import type { AgreementVersion } from '../model';
import type { Repositories, UnitOfWork } from '../ports';

/**
 * The product & service agreement (art. 2, 10): a school accepts by clicking "Akkoord"; a changed
 * version is published at least 45 days before it takes effect, delegates are told by e-mail, and from
 * that date the new version applies and must be accepted before the management screen opens again.
 * The school may terminate with one month's notice; its data is destroyed when the notice ends.
 */
export const NOTICE_DAYS_FOR_CHANGES = 45;

export type AgreementStatus =
  | { readonly kind: 'none_published' }
  | { readonly kind: 'must_accept'; readonly version: AgreementVersion }
  | { readonly kind: 'accepted'; readonly version: AgreementVersion; readonly upcoming: AgreementVersion | null };

/** One calendar month later (the notice period), same time of day; the 31st becomes the month's last day. */
export function oneMonthLater(from: Date): Date {
  const d = new Date(from);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + 1);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export class AgreementService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repos: Pick<Repositories, 'agreements' | 'audit' | 'outbox' | 'people' | 'schools'>,
    private readonly baseUrl: string,
  ) {}

  /** The version in force at `now`: the latest whose effective date has come. */
  async current(now = new Date()): Promise<AgreementVersion | null> {
    return (await this.repos.agreements.list()).find((v) => v.effectiveFrom <= now) ?? null;
  }

  async status(schoolId: string, now = new Date()): Promise<AgreementStatus> {
    const versions = await this.repos.agreements.list();
    const current = versions.find((v) => v.effectiveFrom <= now);
    if (!current) return { kind: 'none_published' };
    const accepted = new Set((await this.repos.agreements.acceptances(schoolId)).map((a) => a.versionId));
    if (!accepted.has(current.id)) return { kind: 'must_accept', version: current };
    const upcoming = versions.filter((v) => v.effectiveFrom > now).at(-1) ?? null;
    return { kind: 'accepted', version: current, upcoming };
  }

  /**
   * Publishes a version. The first version may apply at once; every later one at least 45 days ahead.
   * Delegates of every school that is not terminated get an e-mail (in the same transaction).
   */
  async publish(
    input: { version: string; body: string; effectiveFrom: Date },
    actor: Actor,
    now = new Date(),
  ): Promise<{ version: AgreementVersion; notified: number }> {
    const version = input.version.trim();
    const body = input.body.trim();
    if (!/^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/.test(version))
      throw new ValidationError(`invalid version '${input.version}': letters, digits, '.', '_' or '-', at most 32`);
    if (body.length < 20) throw new ValidationError('the agreement text is empty or too short');
    if (Number.isNaN(input.effectiveFrom.getTime())) throw new ValidationError('invalid effective date');
    return this.uow.run(async (tx) => {
      const existing = await tx.agreements.list();
      const earliest = new Date(now.getTime() + NOTICE_DAYS_FOR_CHANGES * 86_400_000);
      if (existing.length > 0 && input.effectiveFrom < earliest) {
        throw new ValidationError(
          `a new agreement version must take effect at least ${NOTICE_DAYS_FOR_CHANGES} days after publication (on or after ${earliest.toISOString().slice(0, 10)})`,
        );
      }
      if (existing.length === 0 && input.effectiveFrom.getTime() > now.getTime() + 366 * 86_400_000)
        throw new ValidationError('the effective date is more than a year away');
      const published = await tx.agreements.publish({
        version,
        body,
        effectiveFrom: input.effectiveFrom,
        publishedBy: `${actor.type}:${actor.id}`,
      });
      const addresses = await delegateAddresses(tx, (school) => school.status !== 'terminated');
      for (const to of addresses) {
        await tx.outbox.add({
          to,
          subject: `Leerpoort: nieuwe overeenkomst ${version} / new agreement ${version}`,
          body: `Op ${published.effectiveFrom.toISOString().slice(0, 10)} gaat versie ${version} van de overeenkomst met Leerpoort in. Lees en accepteer hem in het beheerscherm: ${this.baseUrl}/admin/agreement\n\nVersion ${version} of the Leerpoort agreement takes effect on ${published.effectiveFrom.toISOString().slice(0, 10)}. Read and accept it in the management screen: ${this.baseUrl}/admin/agreement`,
        });
      }
      const notified = addresses.length;
      await tx.audit.record({
        actor,
        action: 'agreement.publish',
        outcome: 'success',
        targetType: 'agreement_version',
        targetId: published.id,
        details: { version, effectiveFrom: published.effectiveFrom.toISOString(), delegatesNotified: notified },
      });
      return { version: published, notified };
    });
  }

  async accept(school: School, versionId: string, delegateId: string, ip: string | null, now = new Date()): Promise<void> {
    const current = await this.current(now);
    const upcoming = (await this.repos.agreements.list()).filter((v) => v.effectiveFrom > now);
    if (!current || (current.id !== versionId && !upcoming.some((v) => v.id === versionId)))
      throw new ValidationError('this agreement version cannot be accepted (anymore)');
    await this.uow.run(async (tx) => {
      await tx.agreements.accept({
        schoolId: school.id,
        versionId,
        acceptedBy: delegateId,
        acceptedFromIp: ip ? ip.replace(/^::ffff:/, '') : null,
      });
      await tx.audit.record({
        actor: { type: 'person', id: delegateId, ip },
        action: 'agreement.accept',
        outcome: 'success',
        schoolId: school.id,
        targetType: 'agreement_version',
        targetId: versionId,
      });
    });
  }

  /** The school's notice: data destroyed one month from now (shown to the school). */
  async terminate(school: School, delegateId: string, ip: string | null, now = new Date()): Promise<Date> {
    if (school.status !== 'active') throw new ValidationError('this school has already given notice');
    const due = oneMonthLater(now);
    await this.uow.run(async (tx) => {
      await tx.agreements.scheduleTermination(school.id, now, due);
      await tx.audit.record({
        actor: { type: 'person', id: delegateId, ip },
        action: 'agreement.terminate',
        outcome: 'success',
        schoolId: school.id,
        targetType: 'school',
        targetId: school.id,
        details: { destructionDueAt: due.toISOString() },
      });
    });
    return due;
  }
}

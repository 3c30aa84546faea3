import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { isUuid } from '../ids';
import { findSchoolByBrin } from '../identity/school.service';
import { delegateAddresses } from '../mail/delegates';
import type { Actor, MisuseWarning, School, SchoolSuspension } from '../model';
import type { Bilingual } from '../maintenance/notice';
import type { Repositories, UnitOfWork } from '../ports';
import { suspensionDecision, warningState } from './suspension';
import { liftedMail, suspendedMail, warningMail } from './wording';

export const MAX_TEXT_LENGTH = 2000;
/** A deadline further away than this is a typing error, not a warning. */
const MAX_DEADLINE_DAYS = 366;

export interface SchoolMisuseOverview {
  readonly school: School;
  readonly warnings: ReadonlyArray<MisuseWarning & { readonly state: 'open' | 'expired' | 'closed' }>;
  readonly suspension: SchoolSuspension | null;
  readonly boardEmail: string | null;
}

const by = (actor: Actor) => `${actor.type}:${actor.id}`;

/**
 * Misuse, improper use and fraud (product & service agreement art. 12): a security officer's written
 * warning, the suspension after its deadline (or at once, for a reason the agreement allows), and the
 * lifting. Every step is one transaction with its mails (outbox) and its audit event: a warning is never
 * stored unsent, a suspension never unrecorded. Nothing here deletes anything.
 */
export class MisuseService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repos: Pick<Repositories, 'audit' | 'misuse' | 'people' | 'schoolNetworks' | 'schools'>,
    private readonly baseUrl: string,
  ) {}

  async warn(
    brin: string,
    input: { observed: string; requiredMeasures: string; deadline: Date },
    actor: Actor,
    now = new Date(),
  ): Promise<{ warning: MisuseWarning; notified: number }> {
    const observed = text(input.observed, 'wat er is gezien', 'what was seen');
    const requiredMeasures = text(input.requiredMeasures, 'wat de school moet doen', 'what the school must do');
    if (Number.isNaN(input.deadline.getTime()))
      throw new ValidationError('de termijn moet een geldige tijd zijn / the deadline must be a valid time');
    if (input.deadline <= now) throw new ValidationError('de termijn moet in de toekomst liggen / the deadline must be in the future');
    if (input.deadline.getTime() - now.getTime() > MAX_DEADLINE_DAYS * 86_400_000)
      throw new ValidationError(
        `de termijn ligt meer dan ${MAX_DEADLINE_DAYS} dagen vooruit / the deadline is more than ${MAX_DEADLINE_DAYS} days ahead`,
      );
    return this.uow.run(async (tx) => {
      const school = await findSchoolByBrin(tx, brin);
      if (school.status === 'terminated') throw new ConflictError('deze school is al opgezegd / this school has been terminated');
      const warning = await tx.misuse.insertWarning({
        schoolId: school.id,
        observed,
        requiredMeasures,
        deadline: input.deadline,
        issuedBy: by(actor),
        issuedAt: now,
      });
      const notified = await this.tellSchool(tx, school, warningMail(school, warning, this.baseUrl));
      await tx.audit.record({
        actor,
        action: 'misuse.warn',
        outcome: 'success',
        schoolId: school.id,
        targetType: 'misuse_warning',
        targetId: warning.id,
        details: { deadline: warning.deadline.toISOString(), notified },
      });
      return { warning, notified };
    });
  }

  /** Closes a warning: the school took the measures, or the operator withdraws it. */
  async closeWarning(id: string, closing: 'measures_taken' | 'withdrawn', actor: Actor, now = new Date()): Promise<MisuseWarning> {
    if (!isUuid(id)) throw new NotFoundError(`geen waarschuwing '${id}' / no warning '${id}'`);
    return this.uow.run(async (tx) => {
      const warning = await tx.misuse.findWarning(id);
      if (!warning) throw new NotFoundError(`geen waarschuwing '${id}' / no warning '${id}'`);
      if (!(await tx.misuse.closeWarning(id, closing, now, by(actor))))
        throw new ConflictError('deze waarschuwing is al afgesloten / this warning was already closed');
      await tx.audit.record({
        actor,
        action: 'misuse.warning_closed',
        outcome: 'success',
        schoolId: warning.schoolId,
        targetType: 'misuse_warning',
        targetId: id,
        details: { closing },
      });
      return { ...warning, closedAt: now, closedBy: by(actor), closing };
    });
  }

  /**
   * Suspends the school: only on an expired, unclosed warning, or with an immediate reason the agreement
   * allows (suspension.ts decides). A refusal is audited too: the attempt is part of the record.
   */
  async suspend(
    brin: string,
    input: { immediateReason?: string | null; explanation: string },
    actor: Actor,
    now = new Date(),
  ): Promise<{ suspension: SchoolSuspension; notified: number }> {
    const explanation = text(input.explanation, 'de toelichting', 'the explanation');
    const reason = input.immediateReason?.trim() ? input.immediateReason.trim() : null;
    const outcome = await this.uow.run(
      async (tx): Promise<{ refused: Bilingual; school: School } | { refused: null; suspension: SchoolSuspension; notified: number }> => {
        const school = await findSchoolByBrin(tx, brin);
        if (school.status === 'terminated') throw new ConflictError('deze school is al opgezegd / this school has been terminated');
        const decision = suspensionDecision(await tx.misuse.warningsOf(school.id), reason, now);
        if (!decision.allowed) return { refused: decision.reason, school };
        const suspension = await tx.misuse.suspend({
          schoolId: school.id,
          basis: decision.basis,
          warningId: decision.basis === 'expired_warning' ? decision.warningId : null,
          immediateReason: decision.basis === 'immediate' ? decision.reason : null,
          explanation,
          at: now,
          by: by(actor),
        });
        if (!suspension) throw new ConflictError('deze school is al opgeschort / this school is already suspended');
        const notified = await this.tellSchool(tx, school, suspendedMail(school, suspension));
        await tx.audit.record({
          actor,
          action: 'school.suspend',
          outcome: 'success',
          schoolId: school.id,
          targetType: 'school_suspension',
          targetId: suspension.id,
          details: { basis: suspension.basis, warningId: suspension.warningId, immediateReason: suspension.immediateReason, notified },
        });
        return { refused: null, suspension, notified };
      },
    );
    if (!outcome.refused) return { suspension: outcome.suspension, notified: outcome.notified };
    await this.repos.audit.record({
      actor,
      action: 'school.suspend',
      outcome: 'failure',
      schoolId: outcome.school.id,
      details: { reason: outcome.refused.en },
    });
    throw new ValidationError(`${outcome.refused.nl} / ${outcome.refused.en}`);
  }

  /** Lifts the suspension: everything works again; the warning it rested on counts as dealt with. */
  async lift(brin: string, note: string, actor: Actor, now = new Date()): Promise<{ suspension: SchoolSuspension; notified: number }> {
    const liftNote = text(note, 'de toelichting', 'the explanation');
    return this.uow.run(async (tx) => {
      const school = await findSchoolByBrin(tx, brin);
      const suspension = await tx.misuse.lift(school.id, liftNote, now, by(actor));
      if (!suspension) throw new ConflictError('deze school is niet opgeschort / this school is not suspended');
      if (suspension.warningId) await tx.misuse.closeWarning(suspension.warningId, 'measures_taken', now, by(actor));
      const notified = await this.tellSchool(tx, school, liftedMail(school, suspension));
      await tx.audit.record({
        actor,
        action: 'school.unsuspend',
        outcome: 'success',
        schoolId: school.id,
        targetType: 'school_suspension',
        targetId: suspension.id,
        details: { notified },
      });
      return { suspension, notified };
    });
  }

  /** The school's board address (bevoegd gezag), mailed with the delegates on every art. 12 step. */
  async setBoardEmail(brin: string, email: string | null, actor: Actor): Promise<School> {
    const address = email?.trim() ? email.trim() : null;
    if (address && (address.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)))
      throw new ValidationError(`ongeldig e-mailadres / invalid e-mail address '${address}'`);
    return this.uow.run(async (tx) => {
      const school = await findSchoolByBrin(tx, brin);
      await tx.misuse.setBoardEmail(school.id, address);
      await tx.audit.record({
        actor,
        action: 'school.board_email',
        outcome: 'success',
        schoolId: school.id,
        targetType: 'school',
        targetId: school.id,
        details: { set: address !== null },
      });
      return school;
    });
  }

  async overview(brin: string, now = new Date()): Promise<SchoolMisuseOverview> {
    const school = await findSchoolByBrin(this.repos, brin);
    return this.overviewOf(school, now);
  }

  async overviewOf(school: School, now = new Date()): Promise<SchoolMisuseOverview> {
    const warnings = (await this.repos.misuse.warningsOf(school.id)).map((w) => ({ ...w, state: warningState(w, now) }));
    return {
      school,
      warnings,
      suspension: await this.repos.misuse.currentSuspension(school.id),
      boardEmail: await this.repos.misuse.boardEmail(school.id),
    };
  }

  /** Warnings not closed, at every school (the console's list), each with its state. */
  async openWarnings(now = new Date()): Promise<Array<MisuseWarning & { state: 'open' | 'expired' | 'closed' }>> {
    return (await this.repos.misuse.openWarnings()).map((w) => ({ ...w, state: warningState(w, now) }));
  }

  /** The school's delegates and its board address; returns how many mails went into the outbox. */
  private async tellSchool(tx: Repositories, school: School, mail: { subject: string; body: string }): Promise<number> {
    const addresses = new Set(await delegateAddresses(tx, (s) => s.id === school.id));
    const board = await tx.misuse.boardEmail(school.id);
    if (board) addresses.add(board);
    for (const to of addresses) await tx.outbox.add({ to, ...mail });
    return addresses.size;
  }
}

function text(value: string, wat: string, what: string): string {
  const t = (value ?? '').trim();
  if (!t) throw new ValidationError(`${wat} ontbreekt / ${what} is missing`);
  if (t.length > MAX_TEXT_LENGTH)
    throw new ValidationError(`${wat} is langer dan ${MAX_TEXT_LENGTH} tekens / ${what} is longer than ${MAX_TEXT_LENGTH} characters`);
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(t))
    throw new ValidationError(`${wat} bevat stuurtekens / ${what} contains control characters`);
  return t;
}

import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { formatBrin, parseBrin } from '../identity/brin';
import { delegateAddresses } from '../mail/delegates';
import type { Actor } from '../model';
import type { Repositories, UnitOfWork } from '../ports';
import { notificationState } from './deadline';
import {
  AFFECTED_KINDS,
  type AffectedKind,
  type AffectedSchool,
  BREACH_NATURES,
  type Breach,
  type BreachNature,
  type CategoryLabels,
} from './model';
import { breachMail } from './wording';

export const MAX_TEXT_LENGTH = 4000;
const MAX_PEOPLE = 10_000_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a security officer records (the annex's fields); schools by BRIN, as the officer knows them. */
export interface BreachInput {
  readonly detectedAt: Date;
  readonly summary: string;
  readonly natures: readonly string[];
  readonly cause: string;
  readonly measures: string;
  /** "BRIN count" entries (see parseAffectedSchools), e.g. ["12AB 340", "34CD01 12"]. */
  readonly schools: readonly string[];
  readonly affectedKinds: readonly string[];
  readonly dataCategories: readonly string[];
  readonly accessDataAffected: boolean;
}

/**
 * "12AB 340" per line (or "12AB:340", or several separated by commas): the affected schools and their
 * counts as the console's text field and the CLI's --school options give them. One home for the format.
 */
export function parseAffectedSchools(lines: readonly string[]): Array<{ brin: string; peopleCount: number }> {
  const entries = lines
    .flatMap((l) => l.split(/[,;\n]/))
    .map((l) => l.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const m = /^([0-9A-Za-z]{4,6})\s*[:\s]\s*(\d{1,9})$/.exec(entry);
    if (!m)
      throw new ValidationError(`'${entry.slice(0, 40)}' is geen "BRIN aantal" (bijv. "12AB 340") / is not "BRIN count" (e.g. "12AB 340")`);
    return { brin: m[1]!.toUpperCase(), peopleCount: Number(m[2]) };
  });
}

/**
 * The breach register (DPA annex 2; security annex C): a security officer records an incident, confirms
 * it as a breach (which starts the 24-hour clock, deadline.ts) and notifies the delegates of every
 * affected school by mail through the outbox — in one transaction with the mark that it was done, so two
 * officers pressing "notify" at once send one set of mails. Every step is audited, refusals too.
 */
export class BreachService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repos: Pick<Repositories, 'breaches' | 'audit'>,
    /** The annex's data categories with their labels (release/categories.ts is their one home). */
    readonly categories: CategoryLabels,
    private readonly baseUrl: string,
  ) {}

  async record(input: BreachInput, actor: Actor, now = new Date()): Promise<Breach> {
    try {
      const checked = this.check(input, now);
      return await this.uow.run(async (tx) => {
        const affectedSchools: AffectedSchool[] = [];
        for (const s of checked.schools) {
          const code = parseBrin(s.brin);
          const [school] = await tx.schools.findByBrin(code.brin, code.dependanceCode);
          if (!school) throw new ValidationError(`onbekende school '${formatBrin(code)}' / unknown school '${formatBrin(code)}'`);
          if (affectedSchools.some((a) => a.schoolId === school.id))
            throw new ValidationError(`school '${formatBrin(code)}' staat er twee keer in / school '${formatBrin(code)}' is listed twice`);
          affectedSchools.push({ schoolId: school.id, brin: formatBrin(school), name: school.name, peopleCount: s.peopleCount });
        }
        const { schools: _entries, ...fields } = checked;
        const breach = await tx.breaches.insert({ ...fields, affectedSchools, recordedBy: `${actor.type}:${actor.id}` });
        await tx.audit.record({
          actor,
          action: 'breach.record',
          outcome: 'success',
          targetType: 'breach',
          targetId: breach.id,
          details: {
            natures: breach.natures,
            schools: affectedSchools.length,
            people: affectedSchools.reduce((n, a) => n + a.peopleCount, 0),
            dataCategories: breach.dataCategories,
            accessDataAffected: breach.accessDataAffected,
          },
        });
        return breach;
      });
    } catch (e) {
      await this.refused(e, actor, 'breach.record', null);
      throw e;
    }
  }

  /** Confirms a recorded incident as a breach: from now the delegates must be told within 24 hours. */
  async confirm(id: string, actor: Actor, now = new Date()): Promise<Breach> {
    try {
      return await this.uow.run(async (tx) => {
        const breach = await this.find(tx, id);
        if (!(await tx.breaches.confirm(breach.id, now, `${actor.type}:${actor.id}`)))
          throw new ConflictError('dit datalek is al vastgesteld / this breach was already confirmed');
        const confirmed = { ...breach, confirmedAt: now, confirmedBy: `${actor.type}:${actor.id}` };
        const state = notificationState(confirmed, now);
        await tx.audit.record({
          actor,
          action: 'breach.confirm',
          outcome: 'success',
          targetType: 'breach',
          targetId: breach.id,
          details: { deadline: state.state === 'due' ? state.deadline.toISOString() : null },
        });
        return confirmed;
      });
    } catch (e) {
      await this.refused(e, actor, 'breach.confirm', id);
      throw e;
    }
  }

  /** Mails the delegates of every affected school the annex's fields; once, and only once confirmed. */
  async notify(id: string, actor: Actor, now = new Date()): Promise<{ breach: Breach; notified: number; late: boolean }> {
    try {
      return await this.uow.run(async (tx) => {
        const breach = await this.find(tx, id);
        if (!breach.confirmedAt)
          throw new ConflictError(
            'stel het datalek eerst vast; pas dan gaan de meldingen uit / confirm the breach first; only then are the notifications sent',
          );
        const by = `${actor.type}:${actor.id}`;
        if (breach.notifiedAt) throw new ConflictError('de scholen zijn al op de hoogte gebracht / the schools were already notified');
        let notified = 0;
        for (const school of breach.affectedSchools) {
          const mail = breachMail(breach, school, this.categories, this.baseUrl);
          for (const to of await delegateAddresses(tx, (s) => s.id === school.schoolId)) {
            await tx.outbox.add({ to, ...mail });
            notified++;
          }
        }
        // Only if nobody else did meanwhile: a second officer at the same moment waits on the row, finds it
        // done and rolls back (its mails with it), so the schools get one set.
        if (!(await tx.breaches.markNotified(breach.id, now, by, notified)))
          throw new ConflictError('de scholen zijn al op de hoogte gebracht / the schools were already notified');
        const done = { ...breach, notifiedAt: now, notifiedBy: by, delegatesNotified: notified };
        const state = notificationState(done, now);
        const late = state.state === 'notified' && state.late;
        await tx.audit.record({
          actor,
          action: 'breach.notify',
          outcome: 'success',
          targetType: 'breach',
          targetId: breach.id,
          details: { schools: breach.affectedSchools.length, delegatesNotified: notified, late },
        });
        return { breach: done, notified, late };
      });
    } catch (e) {
      await this.refused(e, actor, 'breach.notify', id);
      throw e;
    }
  }

  list(limit = 200): Promise<Breach[]> {
    return this.repos.breaches.list(limit);
  }

  async get(id: string): Promise<Breach> {
    return this.find(this.repos, id);
  }

  private async find(repos: Pick<Repositories, 'breaches'>, id: string): Promise<Breach> {
    const breach = UUID.test(id) ? await repos.breaches.findById(id) : null;
    if (!breach) throw new NotFoundError(`geen datalek met kenmerk '${id.slice(0, 60)}' / no breach '${id.slice(0, 60)}'`);
    return breach;
  }

  /** A refused step is on the record too (who tried what, why); the entered text never is. */
  private async refused(e: unknown, actor: Actor, action: string, targetId: string | null): Promise<void> {
    if (!(e instanceof ValidationError || e instanceof ConflictError || e instanceof NotFoundError)) return;
    await this.repos.audit.record({
      actor,
      action,
      outcome: 'failure',
      targetType: 'breach',
      targetId: targetId && UUID.test(targetId) ? targetId : null,
      details: { reason: e.publicMessage },
    });
  }

  private check(input: BreachInput, now: Date) {
    const detectedAt = input.detectedAt;
    if (!(detectedAt instanceof Date) || Number.isNaN(detectedAt.getTime()))
      throw new ValidationError('vul in wanneer het lek is ontdekt / enter when the breach was detected');
    // A minute of leeway for clocks; a detection in the future is a typing error.
    if (detectedAt.getTime() > now.getTime() + 60_000)
      throw new ValidationError('het moment van ontdekken ligt in de toekomst / the detection time is in the future');
    const natures = subset(input.natures, BREACH_NATURES, 'aard', 'nature') as BreachNature[];
    if (!natures.length)
      throw new ValidationError(
        'kies de aard van het lek (inzien, kopiëren, wijzigen, verwijderen, diefstal) / choose the nature of the breach',
      );
    const affectedKinds = subset(input.affectedKinds, AFFECTED_KINDS, 'getroffenen', 'affected people') as AffectedKind[];
    if (!affectedKinds.length) throw new ValidationError('kies wie er getroffen zijn / choose who is affected');
    const dataCategories = subset(input.dataCategories, Object.keys(this.categories), 'gegevenscategorie', 'data category');
    if (!dataCategories.length && !input.accessDataAffected)
      throw new ValidationError('kies welke gegevens getroffen zijn / choose which data are affected');
    const schools = parseAffectedSchools(input.schools);
    if (!schools.length) throw new ValidationError('noem minstens één getroffen school / name at least one affected school');
    for (const s of schools)
      if (!Number.isInteger(s.peopleCount) || s.peopleCount < 1 || s.peopleCount > MAX_PEOPLE)
        throw new ValidationError(
          `het aantal getroffen personen van ${s.brin} moet een geheel getal van 1 tot ${MAX_PEOPLE} zijn / the number of people affected at ${s.brin} must be a whole number from 1 to ${MAX_PEOPLE}`,
        );
    return {
      detectedAt,
      summary: text(input.summary, 'samenvatting', 'summary'),
      natures,
      cause: text(input.cause, 'oorzaak', 'cause'),
      measures: text(input.measures, 'genomen maatregelen', 'measures taken'),
      schools,
      affectedKinds,
      dataCategories,
      accessDataAffected: input.accessDataAffected === true,
    };
  }
}

/** The chosen values, in the list's own order, each once; an unknown one is refused by name. */
function subset(values: readonly string[], allowed: readonly string[], nl: string, en: string): string[] {
  for (const v of values)
    if (!allowed.includes(v))
      throw new ValidationError(
        `onbekende ${nl} '${String(v).slice(0, 40)}' / unknown ${en} '${String(v).slice(0, 40)}' (${allowed.join(', ')})`,
      );
  return allowed.filter((a) => values.includes(a));
}

function text(value: string, nl: string, en: string): string {
  const t = (value ?? '').trim();
  if (!t) throw new ValidationError(`de ${nl} ontbreekt / the ${en} is missing`);
  if (t.length > MAX_TEXT_LENGTH)
    throw new ValidationError(`de ${nl} is langer dan ${MAX_TEXT_LENGTH} tekens / the ${en} is longer than ${MAX_TEXT_LENGTH} characters`);
  // Plain text for mails and pages: no control characters besides line breaks and tabs.
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(t))
    throw new ValidationError(`de ${nl} bevat stuurtekens / the ${en} contains control characters`);
  return t;
}

import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { isUuid } from '../ids';
import { delegateAddresses } from '../mail/delegates';
import { formatWhen } from '../maintenance/wording';
import type { Actor, ServiceNotice, SupportedBrowser } from '../model';
import type { Repositories, UnitOfWork } from '../ports';
import { noticePeriodDecision, schoolYearStart } from './notice-period';

/** What the public status page publishes of these notices. */
export interface NoticeStatus {
  /** The announced end of the service, if any. */
  readonly serviceEnd: ServiceNotice | null;
  /** Browsers supported now, each with the announced end of its support (if any). */
  readonly browsers: ReadonlyArray<SupportedBrowser & { readonly supportEndsAt: Date | null }>;
}

const by = (actor: Actor) => `${actor.type}:${actor.id}`;
const BROWSER_NAME = /^[\p{L}\p{N} ._-]{1,40}$/u;
const VERSION = /^[0-9][0-9A-Za-z.]{0,19}$/;

/**
 * Three-month notices to every school still served (product & service agreement): ending the service at
 * the start of a school year (art. 11) and withdrawing support for a browser (art. 6). The period is one
 * rule (notice-period.ts); each announcement is stored, mailed to the delegates through the outbox and
 * audited in one transaction, and shown on the public status page with the supported browsers.
 */
export class ServiceNoticeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repos: Pick<Repositories, 'notices'>,
    private readonly baseUrl: string,
  ) {}

  /** Announces that the service stops at the start of the school year beginning in `year` (1 August). */
  async announceServiceEnd(year: number, actor: Actor, now = new Date()): Promise<{ notice: ServiceNotice; notified: number }> {
    if (!Number.isInteger(year) || year < 2000 || year > 2200)
      throw new ValidationError(`ongeldig jaar / invalid year '${year}' (the year the school year starts, e.g. 2027)`);
    const effectiveAt = schoolYearStart(year);
    return this.announce('service_end', null, effectiveAt, actor, now, (n) => ({
      subject: 'Leerpoort: de dienst stopt / the service ends (art. 11)',
      body: [
        `Leerpoort stopt met de dienstverlening aan het begin van het schooljaar ${year}–${year + 1}: op ${formatWhen(n.effectiveAt, 'nl')} (Nederlandse tijd).`,
        'Vanaf dat moment kunnen leerlingen en medewerkers niet meer via Leerpoort inloggen. Regel tijdig een andere manier van inloggen bij uw uitgevers.',
        `Actuele stand: ${this.baseUrl}/status`,
        '',
        `Leerpoort ends its service at the start of the school year ${year}–${year + 1}: on ${formatWhen(n.effectiveAt, 'en')} (Dutch time).`,
        'From then on pupils and staff can no longer log in through Leerpoort. Arrange another way to log in with your publishers in time.',
        `Current status: ${this.baseUrl}/status`,
      ].join('\n'),
    }));
  }

  /** Adds a supported browser, or changes its minimum version (no notice needed: nothing is taken away). */
  async addBrowser(name: string, minimumVersion: string, actor: Actor): Promise<SupportedBrowser> {
    const browser = { name: name.trim(), minimumVersion: minimumVersion.trim() };
    if (!BROWSER_NAME.test(browser.name)) throw new ValidationError(`ongeldige browsernaam / invalid browser name '${name}'`);
    if (!VERSION.test(browser.minimumVersion)) throw new ValidationError(`ongeldige versie / invalid version '${minimumVersion}'`);
    return this.uow.run(async (tx) => {
      await tx.notices.upsertBrowser(browser);
      await tx.audit.record({
        actor,
        action: 'browser.support',
        outcome: 'success',
        targetType: 'browser',
        targetId: browser.name,
        details: browser,
      });
      return browser;
    });
  }

  /** Announces that support for a browser ends at `effectiveAt` (at least three months ahead). */
  async withdrawBrowser(
    name: string,
    effectiveAt: Date,
    actor: Actor,
    now = new Date(),
  ): Promise<{ notice: ServiceNotice; notified: number }> {
    const browser = name.trim();
    return this.announce('browser_withdrawal', browser, effectiveAt, actor, now, (n) => ({
      subject: `Leerpoort: ondersteuning van ${browser} stopt / support for ${browser} ends (art. 6)`,
      body: [
        `Vanaf ${formatWhen(n.effectiveAt, 'nl')} (Nederlandse tijd) ondersteunt Leerpoort de browser ${browser} niet meer. Inloggen met die browser kan dan mislukken; gebruik een van de browsers op de statuspagina.`,
        `Ondersteunde browsers: ${this.baseUrl}/status`,
        '',
        `From ${formatWhen(n.effectiveAt, 'en')} (Dutch time) Leerpoort no longer supports the browser ${browser}. Logging in with it may then fail; use one of the browsers on the status page.`,
        `Supported browsers: ${this.baseUrl}/status`,
      ].join('\n'),
    }));
  }

  /** Cancels a notice (the service goes on, the browser stays supported); the delegates are told. */
  async cancel(id: string, actor: Actor, now = new Date()): Promise<{ notice: ServiceNotice; notified: number }> {
    if (!isUuid(id)) throw new NotFoundError(`geen aankondiging '${id}' / no notice '${id}'`);
    return this.uow.run(async (tx) => {
      const notice = await tx.notices.findById(id);
      if (!notice) throw new NotFoundError(`geen aankondiging '${id}' / no notice '${id}'`);
      if (notice.effectiveAt <= now) throw new ConflictError('deze aankondiging is al ingegaan / this notice has already taken effect');
      if (!(await tx.notices.cancel(id, now, by(actor))))
        throw new ConflictError('deze aankondiging is al ingetrokken / this notice was already cancelled');
      const what =
        notice.kind === 'service_end'
          ? { nl: 'het einde van de dienst', en: 'the end of the service' }
          : { nl: `het einde van de ondersteuning van ${notice.browser}`, en: `the end of support for ${notice.browser}` };
      const notified = await this.tellSchools(tx, {
        subject: 'Leerpoort: aankondiging ingetrokken / notice withdrawn',
        body: [
          `De aankondiging van ${what.nl} per ${formatWhen(notice.effectiveAt, 'nl')} is ingetrokken.`,
          '',
          `The announcement of ${what.en} as of ${formatWhen(notice.effectiveAt, 'en')} has been withdrawn.`,
        ].join('\n'),
      });
      await tx.audit.record({
        actor,
        action: 'notice.cancel',
        outcome: 'success',
        targetType: 'service_notice',
        targetId: id,
        details: { kind: notice.kind, notified },
      });
      return { notice: { ...notice, cancelledAt: now, cancelledBy: by(actor) }, notified };
    });
  }

  async status(now = new Date()): Promise<NoticeStatus> {
    const notices = await this.repos.notices.listInForce();
    const ends = new Map(notices.filter((n) => n.kind === 'browser_withdrawal').map((n) => [n.browser!, n.effectiveAt]));
    return {
      serviceEnd: notices.find((n) => n.kind === 'service_end') ?? null,
      browsers: (await this.repos.notices.listBrowsers())
        .map((b) => ({ ...b, supportEndsAt: ends.get(b.name) ?? null }))
        .filter((b) => !b.supportEndsAt || b.supportEndsAt > now),
    };
  }

  list(): Promise<ServiceNotice[]> {
    return this.repos.notices.listInForce();
  }

  private async announce(
    kind: ServiceNotice['kind'],
    browser: string | null,
    effectiveAt: Date,
    actor: Actor,
    now: Date,
    mail: (n: ServiceNotice) => { subject: string; body: string },
  ): Promise<{ notice: ServiceNotice; notified: number }> {
    const decision = noticePeriodDecision(effectiveAt, now);
    if (!decision.allowed) {
      throw new ValidationError(`${decision.reason.nl} / ${decision.reason.en}`);
    }
    return this.uow.run(async (tx) => {
      const notice = await tx.notices.insert({ kind, browser, effectiveAt, announcedAt: now, announcedBy: by(actor) });
      const notified = await this.tellSchools(tx, mail(notice));
      await tx.audit.record({
        actor,
        action: kind === 'service_end' ? 'service.end_announce' : 'browser.withdraw_announce',
        outcome: 'success',
        targetType: 'service_notice',
        targetId: notice.id,
        details: { effectiveAt: notice.effectiveAt.toISOString(), browser, notified },
      });
      return { notice, notified };
    });
  }

  /** Every school still served (active or under notice), as for maintenance. */
  private async tellSchools(tx: Repositories, mail: { subject: string; body: string }): Promise<number> {
    const addresses = await delegateAddresses(tx, (school) => school.status !== 'terminated');
    for (const to of addresses) await tx.outbox.add({ to, ...mail });
    return addresses.length;
  }
}

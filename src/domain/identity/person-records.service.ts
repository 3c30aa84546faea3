import { NotFoundError, ValidationError } from '../errors';
import type { Actor, Person } from '../model';
import type { Repositories, UnitOfWork } from '../ports';
import { isUuid } from '../ids';

/**
 * The school as controller (annex B.1.e–g): see everything the hub holds on a person (inzage), export
 * it, and delete the person on the school's first request. Every method takes the school of the asking
 * user and refuses people of other schools as "not found" (tenant isolation, no existence leak).
 */
export interface PersonRecord {
  readonly person: Person;
  readonly groups: ReadonlyArray<{ name: string; roleInGroup: string }>;
  readonly account: { username: string; hasPassword: boolean; twoFactor: boolean; pictureAvatar: string | null } | null;
  readonly homeAccessEmails: readonly string[];
  readonly loginCards: ReadonlyArray<{ issuedAt: Date; expiresAt: Date; revokedAt: Date | null }>;
  readonly licences: ReadonlyArray<{ product: string; via: 'person' | 'group' | 'school'; validUntil: Date }>;
  readonly activeSessions: number;
  /** How often the person opened each product from the portal (the portal's order by use). */
  readonly portalLaunches: ReadonlyArray<{ product: string; launches: number }>;
  readonly events: ReadonlyArray<{ at: Date; action: string; outcome: string }>;
}

export class PersonRecordsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repos: Pick<
      Repositories,
      'audit' | 'credentials' | 'groups' | 'licences' | 'loginCards' | 'people' | 'portal' | 'products' | 'sessions'
    >,
  ) {}

  async personAtSchool(personId: string, schoolId: string): Promise<Person> {
    const person = isUuid(personId) ? await this.repos.people.findById(personId) : null;
    if (!person || person.schoolId !== schoolId) throw new NotFoundError('Onbekende persoon. / Unknown person.');
    return person;
  }

  async inspect(personId: string, schoolId: string, now = new Date()): Promise<PersonRecord> {
    const person = await this.personAtSchool(personId, schoolId);
    const repos = this.repos;
    const memberships = await repos.groups.membershipsOf(person.id);
    const groups = [];
    for (const m of memberships) {
      const g = await repos.groups.findById(m.groupId);
      if (g) groups.push({ name: g.name, roleInGroup: m.roleInGroup });
    }
    const credential = await repos.credentials.findByPersonId(person.id);
    const picture = credential ? await repos.credentials.pictureLogin(person.id) : null;
    const licences: Array<{ product: string; via: 'person' | 'group' | 'school'; validUntil: Date }> = [];
    const groupIds = new Set(memberships.map((m) => m.groupId));
    for (const licence of await repos.licences.listBySchool(schoolId)) {
      if (licence.validUntil <= now) continue;
      const assignments = await repos.licences.assignments(licence.id);
      const via =
        licence.scope === 'all'
          ? 'school'
          : assignments.some((a) => a.personId === person.id)
            ? 'person'
            : assignments.some((a) => a.groupId && groupIds.has(a.groupId))
              ? 'group'
              : null;
      if (!via) continue;
      const product = (await repos.products.findAllByIds([licence.productId]))[0];
      licences.push({ product: product?.name ?? licence.productId, via, validUntil: licence.validUntil });
    }
    const twoFactor = credential ? (await repos.credentials.twoFactorState(credential.id)).enabled : false;
    const launchCounts = await repos.portal.launchCounts(person.id);
    const launchedProducts = await repos.products.findAllByIds([...launchCounts.keys()]);
    const portalLaunches = launchedProducts
      .map((p) => ({ product: p.name, launches: launchCounts.get(p.id) ?? 0 }))
      .sort((a, b) => b.launches - a.launches || a.product.localeCompare(b.product));
    return {
      person,
      groups,
      account: credential
        ? { username: credential.username, hasPassword: credential.hasPassword, twoFactor, pictureAvatar: picture?.avatar ?? null }
        : null,
      homeAccessEmails: (await repos.people.homeAccessEmails(person.id)).map((e) => e.email),
      loginCards: (await repos.loginCards.listFor(person.id)).map((c) => ({
        issuedAt: c.issuedAt,
        expiresAt: c.expiresAt,
        revokedAt: c.revokedAt,
      })),
      licences,
      activeSessions: credential ? (await repos.sessions.listFor(credential.id, now)).length : 0,
      portalLaunches,
      events: (await repos.audit.list({ targetId: person.id, limit: 200 }))
        .concat(await repos.audit.list({ actorId: person.id, limit: 200 }))
        .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())
        .slice(0, 200)
        .map((e) => ({ at: e.occurredAt, action: e.action, outcome: e.outcome })),
    };
  }

  /**
   * Deletes a person on the school's request, everything at once in one transaction: sessions,
   * credentials (password, TOTP, picture password), memberships, licence assignments, login cards,
   * home-access addresses. Pairwise pseudonyms are derived, not stored, so nothing of them remains.
   * The release ledger holds only counts; the audit names the person by hub id (a pseudonym).
   */
  async deleteOnRequest(personId: string, schoolId: string, actor: Actor, confirmation: string): Promise<void> {
    const person = await this.personAtSchool(personId, schoolId);
    if (confirmation.trim().toUpperCase() !== 'VERWIJDER' && confirmation.trim().toUpperCase() !== 'DELETE')
      throw new ValidationError('Typ VERWIJDER om te bevestigen. / Type DELETE to confirm.');
    if (actor.type === 'person' && actor.id === person.id)
      throw new ValidationError('Je kunt jezelf niet verwijderen. / You cannot delete yourself.');
    await this.uow.run(async (tx) => {
      const credential = await tx.credentials.findByPersonId(person.id);
      const sessions = credential ? await tx.sessions.destroyAllFor(credential.id) : 0;
      await tx.oidcPayloads.destroyForAccount(person.id);
      await tx.people.delete(person.id);
      await tx.audit.record({
        actor,
        action: 'person.delete',
        outcome: 'success',
        schoolId,
        targetType: 'person',
        targetId: person.id,
        details: { reason: 'school request', role: person.role, sessionsEnded: sessions },
      });
    });
  }
}

import { ConflictError, isAppError, NotFoundError, ValidationError } from '../errors';
import { formatBrin } from '../identity/brin';
import { findSchoolByBrin } from '../identity/school.service';
import type { Actor, School } from '../model';
import type { UnitOfWork } from '../ports';
import { UPSTREAM_MATCHES, UPSTREAM_ROLES, type UpstreamIdp, type UpstreamIdpMetadata, type UpstreamIdpSettings } from './upstream';

export interface RegisteredUpstreamIdp {
  readonly idp: UpstreamIdp;
  readonly school: School;
}

function checkSettings(s: UpstreamIdpSettings): void {
  if (!UPSTREAM_ROLES.includes(s.roles)) throw new ValidationError(`roles must be one of ${UPSTREAM_ROLES.join(', ')}`);
  if (!UPSTREAM_MATCHES.includes(s.matchOn)) throw new ValidationError(`match must be one of ${UPSTREAM_MATCHES.join(', ')}`);
  if (!s.identifier || s.identifier.length > 256 || /\s/.test(s.identifier))
    throw new ValidationError("identifier must be 'nameid' or an attribute name without spaces (at most 256 characters)");
}

/** Audit details: facts about the registration only (no certificates, no metadata text). */
const facts = (m: UpstreamIdpMetadata, s: UpstreamIdpSettings) => ({
  entityId: m.entityId,
  singleLogout: m.sloEndpoints.length > 0,
  signingCertificates: m.signingCertificates.length,
  signatureVerified: m.signatureVerified,
  validUntil: m.validUntil?.toISOString() ?? null,
  roles: s.roles,
  identifier: s.identifier,
  matchOn: s.matchOn,
  allowUnsolicited: s.allowUnsolicited,
  wantAssertionsSigned: s.wantAssertionsSigned,
  fromUrl: s.metadataUrl !== null,
});

/**
 * Schools' own IdPs: registered (one per school) from metadata the SAML layer parsed and checked,
 * removed, refreshed from their metadata URL. Every change is audited, in the same transaction.
 */
export class UpstreamIdpService {
  constructor(private readonly uow: UnitOfWork) {}

  async register(brin: string, metadata: UpstreamIdpMetadata, settings: UpstreamIdpSettings, actor: Actor, now = new Date()) {
    checkSettings(settings);
    return this.uow.run(async (repos) => {
      const school = await findSchoolByBrin(repos, brin);
      const result = await repos.upstreamIdps.upsert(school.id, metadata, settings, now);
      await repos.audit.record({
        actor,
        action: result.created ? 'upstream.add' : 'upstream.update',
        outcome: 'success',
        schoolId: school.id,
        targetType: 'upstream_idp',
        targetId: result.idp.id,
        details: facts(metadata, settings),
      });
      return { ...result, school };
    });
  }

  async list(): Promise<RegisteredUpstreamIdp[]> {
    return this.uow.run(async (repos) => {
      const out: RegisteredUpstreamIdp[] = [];
      for (const idp of await repos.upstreamIdps.list()) {
        const school = await repos.schools.findById(idp.schoolId);
        if (school) out.push({ idp, school });
      }
      return out;
    });
  }

  /** The school's registration, or null. */
  async ofSchool(brin: string): Promise<UpstreamIdp | null> {
    return this.uow.run(async (repos) => repos.upstreamIdps.findBySchool((await findSchoolByBrin(repos, brin)).id));
  }

  async remove(brin: string, actor: Actor): Promise<RegisteredUpstreamIdp> {
    return this.uow.run(async (repos) => {
      const school = await findSchoolByBrin(repos, brin);
      const idp = await repos.upstreamIdps.findBySchool(school.id);
      if (!idp || !(await repos.upstreamIdps.removeBySchool(school.id)))
        throw new NotFoundError(`school ${brin} has no IdP of its own registered`);
      await repos.audit.record({
        actor,
        action: 'upstream.remove',
        outcome: 'success',
        schoolId: school.id,
        targetType: 'upstream_idp',
        targetId: idp.id,
        details: { entityId: idp.entityId },
      });
      return { idp, school };
    });
  }

  /**
   * Fetches the metadata again from its URL (with `load`, which parses and checks it, the trust
   * certificate included) and stores the new certificates and validUntil — the school's key
   * rollover. The entity ID must stay the same: a different IdP is a new registration. A refresh that
   * fails (fetch, signature, validUntil, another entity) changes nothing but its recorded outcome: the
   * metadata stored before stays in use until its own validUntil. Both outcomes are audited.
   */
  async refresh(
    brin: string,
    load: MetadataLoader,
    actor: Actor,
    now = new Date(),
  ): Promise<{ idp: UpstreamIdp; school: School; certificatesChanged: boolean }> {
    const current = await this.uow.run(async (repos) => {
      const school = await findSchoolByBrin(repos, brin);
      const idp = await repos.upstreamIdps.findBySchool(school.id);
      if (!idp) throw new NotFoundError(`school ${brin} has no IdP of its own registered`);
      return { school, idp };
    });
    const url = current.idp.settings.metadataUrl;
    if (!url) throw new ValidationError(`the IdP of school ${brin} was registered from a file; register it again with the new metadata`);
    let metadata: UpstreamIdpMetadata;
    try {
      // Fetched outside the transaction: a slow IdP must not hold a database connection.
      metadata = await load(url, current.idp.settings.metadataTrustCertificate);
      if (metadata.entityId !== current.idp.entityId)
        throw new ValidationError(
          `the metadata now names ${metadata.entityId}, not ${current.idp.entityId}; register the new IdP explicitly`,
        );
    } catch (e) {
      if (e instanceof ValidationError) await this.recordFailure(current.school, current.idp, e.message, actor, now);
      throw e;
    }
    return this.uow.run(async (repos) => {
      // Locked: a registration replaced while the metadata was fetched is not overwritten with the old URL's metadata.
      const again = await repos.upstreamIdps.findBySchool(current.school.id, true);
      if (!again || !sameSource(again, current.idp))
        throw new ConflictError(`the IdP of school ${brin} was removed or replaced meanwhile; nothing was changed`);
      const { idp } = await repos.upstreamIdps.upsert(current.school.id, metadata, again.settings, now);
      await repos.upstreamIdps.recordRefresh(idp.id, now, null);
      const certificatesChanged =
        JSON.stringify([...again.signingCertificates].sort()) !== JSON.stringify([...metadata.signingCertificates].sort());
      await repos.audit.record({
        actor,
        action: 'upstream.refresh',
        outcome: 'success',
        schoolId: current.school.id,
        targetType: 'upstream_idp',
        targetId: idp.id,
        details: { ...facts(metadata, again.settings), certificatesChanged },
      });
      return { idp: { ...idp, lastRefresh: { at: now, error: null } }, school: current.school, certificatesChanged };
    });
  }

  /**
   * The scheduled refresh: every IdP registered from a URL, one after the other; one school's failure
   * does not stop the others (it is recorded and audited by `refresh`). `expired` counts the IdPs whose
   * metadata is past its validUntil afterwards — the login does not offer them.
   */
  async refreshAll(load: MetadataLoader, actor: Actor, now = new Date()): Promise<RefreshSummary> {
    const summary = { refreshed: 0, changed: 0, failed: 0, expired: 0 };
    for (const { idp, school } of await this.list()) {
      if (idp.settings.metadataUrl) {
        try {
          const r = await this.refresh(formatBrin(school), load, actor, now);
          summary.refreshed++;
          if (r.certificatesChanged) summary.changed++;
          if (isExpired(r.idp, now)) summary.expired++;
          continue;
        } catch (e) {
          // A school's refusal (fetch, checks, replaced meanwhile) is that school's; a database outage is the run's.
          if (!isAppError(e) || e.kind === 'unavailable') throw e;
          summary.failed++;
        }
      }
      if (isExpired(idp, now)) summary.expired++;
    }
    return summary;
  }

  private async recordFailure(school: School, idp: UpstreamIdp, reason: string, actor: Actor, now: Date): Promise<void> {
    await this.uow.run(async (repos) => {
      const again = await repos.upstreamIdps.findBySchool(school.id, true);
      if (!again || !sameSource(again, idp)) return;
      const error = reason.slice(0, 500);
      await repos.upstreamIdps.recordRefresh(again.id, now, error);
      await repos.audit.record({
        actor,
        action: 'upstream.refresh',
        outcome: 'failure',
        schoolId: school.id,
        targetType: 'upstream_idp',
        targetId: again.id,
        details: { entityId: again.entityId, reason: error, keptValidUntil: again.validUntil?.toISOString() ?? null },
      });
    });
  }
}

/** Parses and checks metadata fetched from `url` (the SAML layer's checks, signature by the trust certificate). */
export type MetadataLoader = (url: string, trustCertificate: string | null) => Promise<UpstreamIdpMetadata>;

export interface RefreshSummary {
  readonly refreshed: number;
  readonly changed: number;
  readonly failed: number;
  readonly expired: number;
}

/** Metadata past its validUntil: the login does not offer this IdP until it is refreshed or registered again. */
export const isExpired = (idp: Pick<UpstreamIdp, 'validUntil'>, now = new Date()): boolean =>
  idp.validUntil !== null && idp.validUntil <= now;

/** Still the registration a refresh started from (same entity, same URL, same trust certificate). */
const sameSource = (a: UpstreamIdp, b: UpstreamIdp) =>
  a.id === b.id &&
  a.entityId === b.entityId &&
  a.settings.metadataUrl === b.settings.metadataUrl &&
  a.settings.metadataTrustCertificate === b.settings.metadataTrustCertificate;

import crypto from 'node:crypto';
import { pairwisePseudonym } from '../crypto/field-cipher';
import { type AccessRefusal, checkParticipantAccess } from '../domain/licensing/access';
import type { Group, ServiceProvider } from '../domain/model';
import type { Category } from '../release/categories';
import { mainGroupFirst, release } from '../release/pipeline';
import { ATTRIBUTE_NAMES, requestedCategories, samlValue } from './attributes';
import type { IdpContext } from './idp-context';
import { buildErrorResponse, buildSuccessResponse, newId, type ReleasedAttribute } from './response/build-response';
import { NAMEID_FORMAT, STATUS } from './xml/namespaces';
import { toPem } from './xml/signature';

export interface AuthenticatedUser {
  readonly credentialId: string;
  readonly personId: string;
  readonly authnInstant: Date;
}

/** One SP the user received an assertion for in this hub session (for Single Logout). */
export interface SamlSessionEntry {
  readonly spEntityId: string;
  readonly nameId: string;
  readonly nameIdFormat: string;
  readonly sessionIndex: string;
}

export type IssueResult =
  | { readonly kind: 'response'; readonly xml: string; readonly entry: SamlSessionEntry; readonly categories: readonly Category[] }
  | { readonly kind: 'refused'; readonly reason: AccessRefusal | 'unknown_user'; readonly errorXml: string };

export interface IssueRequest {
  readonly sp: ServiceProvider;
  readonly acsUrl: string;
  readonly inResponseTo?: string;
  readonly nameIdFormat: string;
  /** A session index already used for this SP in this hub session (kept stable for logout). */
  readonly sessionIndex?: string;
}

async function groupsOf(ctx: IdpContext, personId: string): Promise<Group[]> {
  const memberships = await ctx.repos.groups.membershipsOf(personId);
  const groups = (await Promise.all(memberships.map((m) => ctx.repos.groups.findById(m.groupId)))).filter((g): g is Group => g !== null);
  return mainGroupFirst(groups);
}

/**
 * The licence gate, the release pipeline and the signed (optionally encrypted) Response for one SP.
 * Records the release in the ledger (categories and counts, never values) and the audit log.
 */
export async function issueResponse(ctx: IdpContext, req: IssueRequest, user: AuthenticatedUser, now = new Date()): Promise<IssueResult> {
  const refuse = (reason: AccessRefusal | 'unknown_user'): IssueResult => ({
    kind: 'refused',
    reason,
    errorXml: buildErrorResponse(
      { idpEntityId: ctx.idpEntityId, destination: req.acsUrl, inResponseTo: req.inResponseTo, subStatus: STATUS.requestDenied, message: reason, now },
      ctx.signingKeys.active,
    ),
  });
  const person = await ctx.repos.people.findById(user.personId);
  const school = person ? await ctx.repos.schools.findById(person.schoolId) : null;
  const participant = await ctx.repos.participants.findById(req.sp.participantId);
  if (!person || !school || !participant) return refuse('unknown_user');

  const access = await checkParticipantAccess(ctx.repos, person, participant.id, now);
  if (!access.allowed) {
    await ctx.repos.audit.record({
      actor: { type: 'person', id: person.id },
      action: 'saml.sso.refused',
      outcome: 'failure',
      schoolId: school.id,
      targetType: 'service_provider',
      targetId: req.sp.id,
      details: { reason: access.reason, spEntityId: req.sp.entityId },
    });
    return refuse(access.reason);
  }

  const released = release({ person, school, groups: await groupsOf(ctx, person.id), participant, requested: requestedCategories(req.sp), access });
  const attributes: ReleasedAttribute[] = [];
  for (const [category, values] of Object.entries(released) as Array<[Category, string[]]>) {
    const out = values.map((v) => samlValue(category, v)).filter((v): v is string => v !== null);
    if (out.length) attributes.push({ ...ATTRIBUTE_NAMES[category], values: out });
  }

  const nameId =
    req.nameIdFormat === NAMEID_FORMAT.transient ? `_${crypto.randomBytes(20).toString('hex')}` : pairwisePseudonym(ctx.keyring, participant.id, person.id);
  const sessionIndex = req.sessionIndex ?? newId();
  const encryptTo = req.sp.encryptAssertion ? req.sp.encryptionCertificates[0] : undefined;
  const xml = await buildSuccessResponse(
    {
      idpEntityId: ctx.idpEntityId,
      spEntityId: req.sp.entityId,
      acsUrl: req.acsUrl,
      inResponseTo: req.inResponseTo,
      nameId: { value: nameId, format: req.nameIdFormat },
      sessionIndex,
      authnInstant: user.authnInstant,
      attributes,
      now,
    },
    { signing: ctx.signingKeys.active, signResponse: req.sp.signResponse, encryptTo: encryptTo ? toPem(encryptTo) : undefined },
  );
  const categories = Object.keys(released) as Category[];
  await ctx.repos.ledger.recordWithAudit(
    { schoolId: school.id, participantId: participant.id, serviceProviderId: req.sp.id, channel: 'sso', categories, peopleCount: 1 },
    {
      actor: { type: 'person', id: person.id },
      action: 'saml.sso.success',
      outcome: 'success',
      schoolId: school.id,
      targetType: 'service_provider',
      targetId: req.sp.id,
      details: { spEntityId: req.sp.entityId, categories, unsolicited: !req.inResponseTo, encrypted: !!encryptTo },
    },
  );
  return { kind: 'response', xml, categories, entry: { spEntityId: req.sp.entityId, nameId, nameIdFormat: req.nameIdFormat, sessionIndex } };
}

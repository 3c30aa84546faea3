import crypto from 'node:crypto';
import { pairwisePseudonym } from '../../crypto/field-cipher';
import { step } from '../flow';
import { buildSuccessResponse, newId } from '../response/build-response';
import type { SsoOutcome, SsoState } from '../sso-state';
import { NAMEID_FORMAT } from '../xml/namespaces';
import { toPem } from '../xml/signature';

/**
 * The assertion — pairwise pseudonym per participant (or a transient NameID), the SessionIndex this hub
 * session already uses for the SP — signed, encrypted when the SP asked, inside a (signed) Response.
 */
export const buildAndSign = step<SsoState, SsoOutcome>('build-and-sign', async (ctx, s) => {
  const sp = s.sp!;
  const target = s.target!;
  const nameId =
    target.nameIdFormat === NAMEID_FORMAT.transient
      ? `_${crypto.randomBytes(20).toString('hex')}`
      : pairwisePseudonym(ctx.keyring, s.participant!.id, s.person!.id);
  const sessionIndex = s.sessionIndexFor(sp.entityId, target.nameIdFormat) ?? newId();
  const encryptTo = sp.encryptAssertion ? sp.encryptionCertificates[0] : undefined;
  s.xml = await buildSuccessResponse(
    {
      idpEntityId: ctx.idpEntityId,
      spEntityId: sp.entityId,
      acsUrl: target.acsUrl,
      inResponseTo: target.inResponseTo,
      nameId: { value: nameId, format: target.nameIdFormat },
      sessionIndex,
      authnInstant: s.user!.authnInstant,
      attributes: s.attributes!,
      now: s.now,
    },
    { signing: ctx.signingKeys.active, signResponse: sp.signResponse, encryptTo: encryptTo ? toPem(encryptTo) : undefined },
  );
  s.entry = { spEntityId: sp.entityId, nameId, nameIdFormat: target.nameIdFormat, sessionIndex };
});

import { step } from '../flow';
import type { SsoOutcome, SsoState } from '../sso-state';

/** The release in the ledger (categories and a count, never values) and the audit — before the Response leaves. */
export const recordLedger = step<SsoState, SsoOutcome>('record-ledger', async (ctx, s) => {
  const sp = s.sp!;
  const categories = s.categories!;
  await ctx.repos.ledger.recordWithAudit(
    { schoolId: s.school!.id, participantId: s.participant!.id, serviceProviderId: sp.id, channel: 'sso', categories, peopleCount: 1 },
    {
      actor: { type: 'person', id: s.person!.id },
      action: 'saml.sso.success',
      outcome: 'success',
      schoolId: s.school!.id,
      targetType: 'service_provider',
      targetId: sp.id,
      details: { spEntityId: sp.entityId, categories, unsolicited: !s.target!.inResponseTo, encrypted: sp.encryptAssertion && sp.encryptionCertificates.length > 0 },
    },
  );
  return { kind: 'response', target: s.target!, xml: s.xml!, entry: s.entry!, categories };
});

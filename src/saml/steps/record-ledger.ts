import { step } from '../flow';
import { replayError, replayExpiry } from './check-replay';
import type { SsoOutcome, SsoState } from '../sso-state';

/**
 * The release in the ledger (categories and a count, never values), the audit event and — when not yet
 * remembered — the request's ID in the replay cache: committed together (group commit) before the
 * Response leaves. A request ID answered before means no Response at all.
 */
export const recordLedger = step<SsoState, SsoOutcome>('record-ledger', async (ctx, s) => {
  const sp = s.sp!;
  const categories = s.categories!;
  const replay =
    s.request && !s.requestRemembered ? { issuer: sp.entityId, messageId: s.request.id, expiresAt: replayExpiry(s.now) } : undefined;
  const recorded = await ctx.recorder.record({
    replay,
    ledger: {
      schoolId: s.school!.id,
      participantId: s.participant!.id,
      serviceProviderId: sp.id,
      channel: 'sso',
      categories,
      peopleCount: 1,
    },
    audit: {
      actor: { type: 'person', id: s.person!.id },
      action: 'saml.sso.success',
      outcome: 'success',
      schoolId: s.school!.id,
      targetType: 'service_provider',
      targetId: sp.id,
      details: {
        spEntityId: sp.entityId,
        categories,
        inResponseTo: s.target!.inResponseTo ?? null,
        encrypted: sp.encryptAssertion && sp.encryptionCertificates.length > 0,
      },
    },
  });
  if (recorded === 'replayed') throw replayError('AuthnRequest', s.request!.id);
  return { kind: 'response', target: s.target!, xml: s.xml!, entry: s.entry!, categories };
});

import { type AccessRefusal, accessForPerson } from '../../domain/licensing/access';
import { step } from '../flow';
import type { SsoOutcome, SsoState } from '../sso-state';
import { STATUS } from '../xml/namespaces';
import { rememberAuthnRequest } from './check-replay';
import { signedError } from './signed-error';

/**
 * The licence gate (domain/licensing/access.ts): the school activated the SP's participant and a valid
 * licence covers the person — for a portal launch, of the product launched. Otherwise nothing is
 * released; the SP may get a signed RequestDenied.
 */
export const checkAccess = step<SsoState, SsoOutcome>('check-access', async (ctx, s) => {
  const sp = s.sp!;
  const target = s.target!;
  const denied = (reason: AccessRefusal | 'unknown_user'): SsoOutcome => ({
    kind: 'access-denied',
    reason,
    target,
    errorXml: signedError(ctx, target, STATUS.requestDenied, { message: reason, now: s.now }),
  });
  const decided = await accessForPerson(ctx.repos, s.user?.personId ?? null, sp.participantId, s.now);
  if (!decided.known) {
    await rememberAuthnRequest(ctx, s);
    return denied('unknown_user');
  }
  const { person, school, participant, access } = decided;
  const reason = !access.allowed ? access.reason : s.productId && !access.productIds.includes(s.productId) ? 'no_licence' : null;
  if (reason) {
    await rememberAuthnRequest(ctx, s);
    await ctx.repos.audit.record({
      actor: { type: 'person', id: person.id },
      action: 'saml.sso.refused',
      outcome: 'failure',
      schoolId: school.id,
      targetType: 'service_provider',
      targetId: sp.id,
      details: { reason, spEntityId: sp.entityId },
    });
    return denied(reason);
  }
  s.person = person;
  s.school = school;
  s.participant = participant;
  s.access = access;
});

import type { Response } from 'express';
import type { UpstreamSessionLink } from '../../domain/federation/upstream';
import type { Delivery } from '../../saml/bindings/outbound';
import type { IdpContext } from '../../saml/idp-context';
import { logoutRequestKey, type UpstreamSloContext, upstreamLogoutRequest } from '../../saml/upstream/logout';
import { deliver, sendMessagePage } from '../pages';
import { render } from '../views';

/** Who started a logout that ends at the school's IdP: the SP to answer afterwards, or nobody (the hub's own pages). */
export type LogoutInitiator = { spEntityId: string; requestId: string; relayState?: string; binding: 'redirect' | 'post' } | null;

/** The hub as SP towards schools' IdPs, for logout messages. */
export const upstreamSloContext = (ctx: IdpContext): UpstreamSloContext => ({
  entityId: ctx.upstreamSp.entityId,
  sloUrl: ctx.upstreamSp.sloUrl,
  decryptionKeys: [ctx.encryptionKey],
});

/**
 * After the hub ended its own session (and told its publishers), a signed LogoutRequest to the school's
 * IdP the person logged in with. The request is stored first (single use, like upstream AuthnRequests)
 * with what follows its answer: the initiating SP's LogoutResponse, or the logged-out page. Null when the
 * IdP has no logout endpoint — or its registration was removed or replaced since the login.
 */
export async function logoutAtSchoolIdp(
  ctx: IdpContext,
  link: UpstreamSessionLink,
  initiator: LogoutInitiator,
  partial: boolean,
): Promise<Delivery | null> {
  const idp = await ctx.repos.upstreamIdps.findBySchool(link.schoolId);
  if (!idp || idp.entityId !== link.idpEntityId) return null;
  const out = upstreamLogoutRequest(upstreamSloContext(ctx), idp, link, ctx.signingKeys.active);
  if (!out) return null;
  await ctx.repos.upstreamRequests.record({
    id: logoutRequestKey(out.id),
    idpEntityId: idp.entityId,
    context: { kind: 'logout', schoolId: idp.schoolId, initiator, partial },
    expiresAt: out.expiresAt,
  });
  return out.delivery;
}

/**
 * Sends the LogoutRequest to the school's IdP. HTTP-Redirect as a page that moves on by itself (meta
 * refresh, and a link): the logout may have started from one of the hub's forms, whose
 * Content-Security-Policy (form-action 'self') also covers where a redirect after it may go — as with
 * the login at the school.
 */
export function sendToSchoolIdp(res: Response, delivery: Delivery): void {
  if (delivery.kind !== 'redirect') {
    deliver(res, delivery);
    return;
  }
  res.setHeader('Cache-Control', 'no-store');
  res
    .status(200)
    .type('html')
    .send(render('logout-school-redirect.njk', { title: 'Uitloggen bij je school', url: delivery.url }));
}

/** The hub session ended, but the school's IdP could not be told (no logout endpoint, or it did not confirm). */
export function schoolMayStillBeSignedInPage(res: Response): void {
  sendMessagePage(res, 200, {
    heading_nl: 'Je bent uitgelogd bij Leerpoort',
    heading_en: 'You are logged out of Leerpoort',
    text_nl:
      'Je bent uitgelogd bij Leerpoort en je lesmateriaal. Je schoolaccount kan nog ingelogd zijn: log daar ook uit, of sluit je browser.',
    text_en:
      'You are logged out of Leerpoort and your learning materials. Your school account may still be signed in: log out there too, or close your browser.',
  });
}

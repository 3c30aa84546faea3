import { Router } from 'express';
import type { IdpContext } from '../../saml/idp-context';
import { buildIdpMetadata } from '../../saml/metadata/idp-metadata';
import { buildUpstreamSpMetadata } from '../../saml/upstream/sp-metadata';

/** GET /saml/metadata: signed, regenerated every hour (validUntil a week ahead). */
export function metadataRoutes(ctx: IdpContext): Router {
  const router = Router();
  let cached: { xml: string; at: number } | null = null;
  router.get('/saml/metadata', (_req, res) => {
    if (!cached || Date.now() - cached.at > 3600_000) {
      cached = {
        xml: buildIdpMetadata({ entityId: ctx.idpEntityId, ssoUrl: ctx.ssoUrl, sloUrl: ctx.sloUrl }, ctx.signingKeys, ctx.encryptionKey),
        at: Date.now(),
      };
    }
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('application/samlmetadata+xml').send(cached.xml);
  });
  // The hub as SP towards schools' own IdPs: what a school configures in its IdP (Entra ID, ADFS, …).
  let spCached: { xml: string; at: number } | null = null;
  router.get('/saml/upstream/metadata', (_req, res) => {
    if (!spCached || Date.now() - spCached.at > 3600_000) {
      spCached = { xml: buildUpstreamSpMetadata(ctx.upstreamSp, ctx.signingKeys, ctx.encryptionKey), at: Date.now() };
    }
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('application/samlmetadata+xml').send(spCached.xml);
  });
  return router;
}

"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.metadataRoutes = metadataRoutes;
const express_1 = require("express");
const idp_metadata_1 = require("../../saml/metadata/idp-metadata");
/** GET /saml/metadata: signed, regenerated every hour (validUntil a week ahead). */
function metadataRoutes(ctx) {
    const router = (0, express_1.Router)();
    let cached = null;
    router.get('/saml/metadata', (_req, res) => {
        if (!cached || Date.now() - cached.at > 3600_000) {
            cached = {
                xml: (0, idp_metadata_1.buildIdpMetadata)({ entityId: ctx.idpEntityId, ssoUrl: ctx.ssoUrl, sloUrl: ctx.sloUrl }, ctx.signingKeys, ctx.encryptionKey),
                at: Date.now(),
            };
        }
        res.setHeader('Cache-Control', 'public, max-age=3600');
        res.type('application/samlmetadata+xml').send(cached.xml);
    });
    return router;
}
//# sourceMappingURL=metadata.routes.js.map
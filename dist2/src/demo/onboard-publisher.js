"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.onboardFromMetadataUrl = onboardFromMetadataUrl;
const errors_1 = require("../domain/errors");
const fetch_limited_1 = require("../net/fetch-limited");
const sp_metadata_1 = require("../saml/metadata/sp-metadata");
const MAX_METADATA_BYTES = 512 * 1024;
/**
 * Registers the demo publisher's SP the way an operator onboards a real one (`sp add --metadata URL`):
 * its metadata fetched from its URL, checked, and registered with its RequestedAttributes as the wish
 * list (the release pipeline still gives only what the annex and the participant's recorded needs
 * allow), linked to the product. Unchanged metadata is left alone, so every `npm start` does not
 * write an `sp.update` to the audit log. Returns the SP's entity ID.
 */
async function onboardFromMetadataUrl(hub, input, actor) {
    if (hub.config.isProduction)
        throw new errors_1.ValidationError('the demo publisher is not registered in production');
    const { body } = await (0, fetch_limited_1.fetchLimited)(input.metadataUrl, { what: 'metadata', maxBytes: MAX_METADATA_BYTES, allowPrivateAddresses: true });
    const xml = body.toString('utf8');
    // The demo publisher runs on this machine over plain http: allowed on loopback outside production only.
    const parsed = (0, sp_metadata_1.parseSpMetadata)(xml, { httpOnLoopback: true });
    const existing = await hub.db.repositories.serviceProviders.findByEntityId(parsed.entityId);
    if (existing?.metadataXml === xml)
        return existing.entityId;
    const registered = await hub.services.serviceProviders.register(input.participant, (0, sp_metadata_1.registrationFromMetadata)(xml, parsed, { signResponse: true }), actor, [input.product]);
    return registered.serviceProvider.entityId;
}
//# sourceMappingURL=onboard-publisher.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.spRegistrationFromMetadata = spRegistrationFromMetadata;
const errors_1 = require("../../domain/errors");
const attributes_1 = require("../attributes");
const sp_metadata_1 = require("./sp-metadata");
/**
 * Metadata → what the hub registers, with the operator's settings: one home for `sp add` and the
 * console's SP form. Refuses unknown attribute names before anything is stored.
 */
function spRegistrationFromMetadata(xml, o) {
    const parsed = (0, sp_metadata_1.parseSpMetadata)(xml, { trustCertificate: o.trustCertificate, httpOnLoopback: o.httpOnLoopback });
    const allow = o.attributes
        ?.split(',')
        .map((a) => a.trim())
        .filter(Boolean) ?? null;
    const unknown = allow?.filter((a) => !(0, attributes_1.isAttributeName)(a)) ?? [];
    if (unknown.length)
        throw new errors_1.ValidationError(`unknown attribute name(s): ${unknown.join(', ')}`);
    const settings = {
        attributeAllowList: allow,
        signResponse: o.signResponse ?? true,
        encryptAssertion: !!o.encryptAssertion,
        allowUnsolicited: !!o.allowUnsolicited,
    };
    return { registration: (0, sp_metadata_1.registrationFromMetadata)(xml, parsed, settings), signatureVerified: parsed.signatureVerified };
}
//# sourceMappingURL=sp-onboarding.js.map
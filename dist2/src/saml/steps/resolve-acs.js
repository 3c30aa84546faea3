"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveAcsStep = void 0;
exports.resolveAcs = resolveAcs;
const errors_1 = require("../../domain/errors");
const flow_1 = require("../flow");
const namespaces_1 = require("../xml/namespaces");
/**
 * The ACS endpoint: by URL (exact match, with the requested binding), by index, or the SP's default —
 * always one from the metadata. Responses go out over HTTP-POST only. Until this has run, nothing may
 * be sent to the SP.
 */
function resolveAcs(sp, request) {
    if (request.protocolBinding !== null && request.protocolBinding !== namespaces_1.BINDING.post) {
        throw new errors_1.SamlRequestError(`ProtocolBinding ${request.protocolBinding} is not supported (HTTP-POST only)`);
    }
    const postEndpoints = sp.acsEndpoints.filter((e) => e.binding === namespaces_1.BINDING.post);
    if (request.acsUrl !== null) {
        const match = postEndpoints.find((e) => e.location === request.acsUrl);
        if (!match)
            throw new errors_1.SamlRequestError(`AssertionConsumerServiceURL '${request.acsUrl}' is not in the SP's metadata (with the HTTP-POST binding)`);
        return match;
    }
    if (request.acsIndex !== null) {
        const match = sp.acsEndpoints.find((e) => e.index === request.acsIndex);
        if (!match)
            throw new errors_1.SamlRequestError(`AssertionConsumerServiceIndex ${request.acsIndex} is not in the SP's metadata`);
        if (match.binding !== namespaces_1.BINDING.post)
            throw new errors_1.SamlRequestError(`AssertionConsumerServiceIndex ${request.acsIndex} does not use HTTP-POST`);
        return match;
    }
    const byDefault = postEndpoints.find((e) => e.isDefault) ?? [...postEndpoints].sort((a, b) => a.index - b.index)[0];
    if (!byDefault)
        throw new errors_1.SamlRequestError('the SP has no HTTP-POST AssertionConsumerService');
    return byDefault;
}
exports.resolveAcsStep = (0, flow_1.step)('resolve-acs', (_ctx, s) => {
    s.acs = resolveAcs(s.sp, s.request);
});
//# sourceMappingURL=resolve-acs.js.map
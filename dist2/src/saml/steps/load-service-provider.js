"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loadServiceProviderStep = void 0;
exports.loadServiceProvider = loadServiceProvider;
const errors_1 = require("../../domain/errors");
const flow_1 = require("../flow");
/** The registered SP a message names as its Issuer — only while its metadata is valid (SSO and SLO alike). */
async function loadServiceProvider(serviceProviders, issuer, now) {
    const sp = await serviceProviders.findByEntityId(issuer);
    if (!sp)
        throw new errors_1.SamlRequestError(`unknown Issuer '${issuer}': no SP with this entity ID is registered`);
    if (sp.metadataValidUntil && sp.metadataValidUntil <= now)
        throw new errors_1.SamlRequestError(`the metadata of SP '${sp.entityId}' has expired; it must be registered again`);
    return sp;
}
exports.loadServiceProviderStep = (0, flow_1.step)('load-service-provider', async (ctx, s) => {
    s.sp = await loadServiceProvider(ctx.repos.serviceProviders, s.request.issuer, s.now);
});
//# sourceMappingURL=load-service-provider.js.map
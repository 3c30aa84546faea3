"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.launchTarget = void 0;
const flow_1 = require("../flow");
const name_id_policy_1 = require("./name-id-policy");
const resolve_acs_1 = require("./resolve-acs");
/** Portal launch: the product's SP, only when it takes unsolicited responses; its default ACS and NameID format. */
exports.launchTarget = (0, flow_1.step)('launch-target', async (ctx, s) => {
    const sp = await ctx.repos.serviceProviders.findByProductId(s.productId);
    if (!sp?.allowUnsolicited || !s.user)
        return { kind: 'not-launchable' };
    s.sp = sp;
    s.target = {
        acsUrl: (0, resolve_acs_1.resolveAcs)(sp, { acsUrl: null, acsIndex: null, protocolBinding: null }).location,
        nameIdFormat: (0, name_id_policy_1.nameIdPolicyFor)(sp),
    };
});
//# sourceMappingURL=launch-target.js.map
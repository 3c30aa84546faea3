"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resumePending = void 0;
const errors_1 = require("../../domain/errors");
const flow_1 = require("../flow");
/**
 * After the login: the request that waited, against the SP as registered now (it may have been removed
 * meanwhile), and only for a login at least as recent as the request when it asked ForceAuthn.
 */
exports.resumePending = (0, flow_1.step)('resume-pending', async (ctx, s) => {
    const p = s.pending;
    const freshEnough = s.user && (!p.forceAuthn || s.user.authnInstant >= new Date(p.receivedAt));
    if (!freshEnough)
        return { kind: 'need-login', pending: p };
    const sp = await ctx.repos.serviceProviders.findByEntityId(p.spEntityId);
    if (!sp)
        throw new errors_1.SamlRequestError('the SP was removed while you were logging in');
    s.sp = sp;
    s.target = {
        acsUrl: p.acsUrl,
        inResponseTo: p.requestId,
        ...(p.relayState !== undefined ? { relayState: p.relayState } : {}),
        nameIdFormat: p.nameIdFormat,
    };
});
//# sourceMappingURL=resume-pending.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.passiveOrLogin = void 0;
const flow_1 = require("../flow");
const namespaces_1 = require("../xml/namespaces");
const check_replay_1 = require("./check-replay");
const signed_error_1 = require("./signed-error");
/**
 * Is somebody logged in, freshly enough? IsPassive without that is answered NoPassive; otherwise the
 * request waits (pending) while the login UI runs, and the flow resumes after it.
 */
exports.passiveOrLogin = (0, flow_1.step)('passive-or-force-authn', async (ctx, s) => {
    const request = s.request;
    if (s.user && !request.forceAuthn)
        return;
    await (0, check_replay_1.rememberAuthnRequest)(ctx, s);
    if (request.isPassive)
        return {
            kind: 'error-to-acs',
            target: s.target,
            xml: (0, signed_error_1.signedError)(ctx, s.target, namespaces_1.STATUS.noPassive, { topLevel: namespaces_1.STATUS.responder, now: s.now }),
        };
    const pending = {
        spEntityId: s.sp.entityId,
        requestId: request.id,
        acsUrl: s.target.acsUrl,
        ...(s.target.relayState !== undefined ? { relayState: s.target.relayState } : {}),
        forceAuthn: request.forceAuthn,
        nameIdFormat: s.target.nameIdFormat,
        receivedAt: s.now.toISOString(),
    };
    return { kind: 'need-login', pending };
});
//# sourceMappingURL=passive-or-login.js.map
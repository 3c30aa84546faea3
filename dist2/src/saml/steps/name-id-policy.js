"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.nameIdPolicy = exports.nameIdPolicyFor = void 0;
exports.resolveNameIdFormat = resolveNameIdFormat;
const flow_1 = require("../flow");
const namespaces_1 = require("../xml/namespaces");
const check_replay_1 = require("./check-replay");
const signed_error_1 = require("./signed-error");
/** The NameID format to issue: persistent (default) or transient; anything else cannot be served (null). */
function resolveNameIdFormat(requested, sp) {
    if (requested === null || requested === namespaces_1.NAMEID_FORMAT.unspecified)
        return sp.nameIdFormat === namespaces_1.NAMEID_FORMAT.transient ? namespaces_1.NAMEID_FORMAT.transient : namespaces_1.NAMEID_FORMAT.persistent;
    if (requested === namespaces_1.NAMEID_FORMAT.persistent || requested === namespaces_1.NAMEID_FORMAT.transient)
        return requested;
    return null;
}
/** The NameID format when nothing was requested (unsolicited responses). */
const nameIdPolicyFor = (sp) => resolveNameIdFormat(null, sp);
exports.nameIdPolicyFor = nameIdPolicyFor;
/** Fixes where the answer goes (the ACS is verified now); an unservable NameIDPolicy is answered there. */
exports.nameIdPolicy = (0, flow_1.step)('name-id-policy', async (ctx, s) => {
    const format = resolveNameIdFormat(s.request.nameIdFormat, s.sp);
    s.target = {
        acsUrl: s.acs.location,
        inResponseTo: s.request.id,
        ...(s.message.relayState !== undefined ? { relayState: s.message.relayState } : {}),
        nameIdFormat: format ?? '',
    };
    if (format === null) {
        await (0, check_replay_1.rememberAuthnRequest)(ctx, s);
        return {
            kind: 'error-to-acs',
            target: s.target,
            xml: (0, signed_error_1.signedError)(ctx, s.target, namespaces_1.STATUS.invalidNameIdPolicy, { topLevel: namespaces_1.STATUS.requester, now: s.now }),
        };
    }
});
//# sourceMappingURL=name-id-policy.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.signedError = signedError;
const build_response_1 = require("../response/build-response");
/** A signed Response carrying an error status, for a verified ACS only. */
function signedError(ctx, target, subStatus, opts = {}) {
    return (0, build_response_1.buildErrorResponse)({
        idpEntityId: ctx.idpEntityId,
        destination: target.acsUrl,
        inResponseTo: target.inResponseTo,
        subStatus,
        topLevel: opts.topLevel,
        message: opts.message,
        now: opts.now,
    }, ctx.signingKeys.active);
}
//# sourceMappingURL=signed-error.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.replayError = exports.replayExpiry = void 0;
exports.checkReplay = checkReplay;
exports.rememberAuthnRequest = rememberAuthnRequest;
const errors_1 = require("../../domain/errors");
const time_limits_1 = require("../time-limits");
/** How long a message ID is remembered: as long as the message could still be accepted. */
const replayExpiry = (now) => new Date(now.getTime() + time_limits_1.MESSAGE_LIFETIME_MS + 2 * time_limits_1.CLOCK_SKEW_MS);
exports.replayExpiry = replayExpiry;
const replayError = (what, id) => new errors_1.SamlRequestError(`${what} ID '${id}' was already used (replay)`);
exports.replayError = replayError;
/** A message ID is accepted once per issuer, remembered (in the database, for every hub process) as long as it could be valid. */
async function checkReplay(cache, issuer, id, now, what) {
    if (!(await cache.remember(issuer, id, (0, exports.replayExpiry)(now))))
        throw (0, exports.replayError)(what, id);
}
/**
 * An AuthnRequest's ID is remembered once, where the hub first acts on it: handing it to the login,
 * answering it with an error — or, on the hot path, in the same group commit as the Response's ledger
 * row (record-ledger), so that a user with a live session costs no extra round trip.
 */
async function rememberAuthnRequest(ctx, s) {
    if (!s.request || s.requestRemembered)
        return;
    await checkReplay(ctx.repos.replayCache, s.sp.entityId, s.request.id, s.now, 'AuthnRequest');
    s.requestRemembered = true;
}
//# sourceMappingURL=check-replay.js.map
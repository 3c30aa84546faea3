"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkAuthnRequestTime = void 0;
exports.checkIssueInstant = checkIssueInstant;
exports.checkNotOnOrAfter = checkNotOnOrAfter;
const errors_1 = require("../../domain/errors");
const flow_1 = require("../flow");
const time_limits_1 = require("../time-limits");
/** Issued within the message lifetime (plus clock skew), and not in the future. */
function checkIssueInstant(issueInstant, now, what) {
    if (Number.isNaN(issueInstant.getTime()))
        throw new errors_1.SamlRequestError(`${what} IssueInstant is not a valid time`);
    if (issueInstant.getTime() > now.getTime() + time_limits_1.CLOCK_SKEW_MS)
        throw new errors_1.SamlRequestError(`${what} IssueInstant lies in the future`);
    if (issueInstant.getTime() < now.getTime() - time_limits_1.MESSAGE_LIFETIME_MS - time_limits_1.CLOCK_SKEW_MS)
        throw new errors_1.SamlRequestError(`${what} is too old (IssueInstant ${issueInstant.toISOString()})`);
}
/** A message's own NotOnOrAfter (LogoutRequest), when it has one. */
function checkNotOnOrAfter(notOnOrAfter, now, what) {
    if (notOnOrAfter && new Date(notOnOrAfter) <= now)
        throw new errors_1.SamlRequestError(`${what} has expired (NotOnOrAfter)`);
}
exports.checkAuthnRequestTime = (0, flow_1.step)('check-time', (_ctx, s) => checkIssueInstant(s.request.issueInstant, s.now, 'AuthnRequest'));
//# sourceMappingURL=check-time.js.map
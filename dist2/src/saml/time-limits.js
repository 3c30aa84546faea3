"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CLOCK_SKEW_MS = exports.ASSERTION_LIFETIME_MS = exports.MESSAGE_LIFETIME_MS = void 0;
/** How long SAML messages live, and how much clock difference between hub and SP is tolerated — one home. */
exports.MESSAGE_LIFETIME_MS = 5 * 60 * 1000;
exports.ASSERTION_LIFETIME_MS = 5 * 60 * 1000;
exports.CLOCK_SKEW_MS = 60 * 1000;
//# sourceMappingURL=time-limits.js.map
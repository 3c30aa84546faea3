/** How long SAML messages live, and how much clock difference between hub and SP is tolerated — one home. */
export const MESSAGE_LIFETIME_MS = 5 * 60 * 1000;
export const ASSERTION_LIFETIME_MS = 5 * 60 * 1000;
export const CLOCK_SKEW_MS = 60 * 1000;

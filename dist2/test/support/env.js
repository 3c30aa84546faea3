"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TEST_KEYRING_TEXT = exports.testEnv = void 0;
/**
 * Test-only environment. (Application code reads process.env only through src/config.)
 * CI=true makes every optional external dependency mandatory: a missing one fails instead of skipping.
 */
exports.testEnv = Object.freeze({
    isCI: process.env.CI === 'true' || process.env.CI === '1',
    databaseUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leerpoort_test',
});
/** A fixed 32-byte test key; never used outside tests. */
exports.TEST_KEYRING_TEXT = `t1:${Buffer.alloc(32, 7).toString('base64')}`;
//# sourceMappingURL=env.js.map
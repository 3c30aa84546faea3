"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mochaHooks = void 0;
const postgres_1 = require("./postgres");
/** Root hooks: after the run, say clearly which suites were skipped and why. */
exports.mochaHooks = {
    afterAll() {
        if (postgres_1.skippedSuites.size > 0) {
            process.stdout.write(`\n  SKIPPED (dependency missing, CI not set):\n${[...postgres_1.skippedSuites].map((s) => `    - ${s}`).join('\n')}\n`);
        }
    },
};
//# sourceMappingURL=hooks.js.map
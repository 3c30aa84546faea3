"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.step = void 0;
exports.runSteps = runSteps;
const errors_1 = require("../domain/errors");
const step = (name, run) => ({ name, run });
exports.step = step;
/**
 * Runs the steps in order until one returns an outcome; `refuse` turns a SamlRequestError into one.
 * Undefined when every step ran without deciding (a partial table, e.g. only the checks).
 */
async function runSteps(steps, ctx, state, refuse) {
    for (const s of steps) {
        // biome-ignore lint/suspicious/noConfusingVoidType: what a step returns (see Step.run)
        let outcome;
        try {
            outcome = await s.run(ctx, state);
        }
        catch (e) {
            if (e instanceof errors_1.SamlRequestError)
                return refuse(e, state);
            throw e;
        }
        if (outcome !== undefined)
            return outcome;
    }
    return undefined;
}
//# sourceMappingURL=flow.js.map
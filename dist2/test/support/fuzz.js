"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.FUZZ_SEED = void 0;
exports.assertFuzzTarget = assertFuzzTarget;
const fast_check_1 = __importDefault(require("fast-check"));
const targets_1 = require("../../scripts/fuzz/targets");
/**
 * Runs a fuzz target (scripts/fuzz) as a fast-check property with a fixed seed, so `npm test` replays
 * the same cases every time; a failure is shrunk and reported with the seed and path to replay it.
 * The property is the script's: the call returns or throws an AppError, nothing else.
 */
async function assertFuzzTarget(target, opts) {
    await fast_check_1.default.assert(fast_check_1.default.asyncProperty(target.arbitrary, async (input) => {
        const outcome = await (0, targets_1.runCase)(target, input);
        if (!outcome.ok)
            throw outcome.error;
    }), { seed: opts.seed, numRuns: opts.numRuns });
}
/** The seed of every fuzz property in the test suite (the script takes --seed). */
exports.FUZZ_SEED = 20_251_201;
//# sourceMappingURL=fuzz.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const environment_1 = require("../../scripts/fuzz/environment");
const targets_1 = require("../../scripts/fuzz/targets");
const fuzz_1 = require("../support/fuzz");
/**
 * A few thousand cases per parser target with a fixed seed (the million-case runs are
 * `npm run fuzz`, see scripts/fuzz/README.md): every input ends in a result or an AppError.
 */
describe('fuzzing the parsers (fixed seed)', function () {
    this.timeout(120_000);
    it('SP metadata: 2,000 near-valid and hostile documents, signed or not, with and without --trust-cert', async () => {
        await (0, fuzz_1.assertFuzzTarget)((0, targets_1.metadataTarget)((0, environment_1.fuzzEnv)(await (0, environment_1.fuzzKeys)())), { seed: fuzz_1.FUZZ_SEED, numRuns: 2000 });
    });
    it('CSV roster: 3,000 files', async () => {
        await (0, fuzz_1.assertFuzzTarget)((0, targets_1.csvTarget)(), { seed: fuzz_1.FUZZ_SEED, numRuns: 3000 });
    });
    it('EDEXML: 2,000 files through the checks before the schema and the mapping', async () => {
        await (0, fuzz_1.assertFuzzTarget)((0, targets_1.edexmlTarget)(Number.POSITIVE_INFINITY), { seed: fuzz_1.FUZZ_SEED, numRuns: 2000 });
    });
});
//# sourceMappingURL=fuzz-parsers.test.js.map
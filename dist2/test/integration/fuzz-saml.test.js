"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const fast_check_1 = __importDefault(require("fast-check"));
const environment_1 = require("../../scripts/fuzz/environment");
const targets_1 = require("../../scripts/fuzz/targets");
const fuzz_1 = require("../support/fuzz");
/**
 * The inbound SAML targets against PGlite (SP lookup, signatures, replay cache), and EDEXML with the
 * xmllint-wasm schema check, a few thousand cases each with a fixed seed. The million-case runs are
 * `npm run fuzz` (scripts/fuzz/README.md).
 */
describe('fuzzing the inbound SAML path (PGlite, fixed seed)', function () {
    this.timeout(180_000);
    let fuzz;
    before(async () => {
        fuzz = await (0, environment_1.openFuzzEnvironment)();
    });
    after(async () => fuzz?.close());
    for (const name of ['authn-redirect', 'authn-post', 'logout-request', 'logout-response']) {
        it(`${name}: 2,000 messages`, async () => {
            await (0, fuzz_1.assertFuzzTarget)((0, targets_1.samlTargets)(fuzz).find((t) => t.name === name), { seed: fuzz_1.FUZZ_SEED, numRuns: 2000 });
        });
    }
    it('the cases reach the checks behind the database: accepted ones, replays, signatures verified and refused', async () => {
        // Guards the arbitraries: fuzzing that never gets past the parser would pass the properties above.
        const seen = new Map();
        for (const target of (0, targets_1.samlTargets)(fuzz)) {
            for (const input of fast_check_1.default.sample(target.arbitrary, { seed: fuzz_1.FUZZ_SEED + 2, numRuns: 400 })) {
                const outcome = await (0, targets_1.runCase)(target, input);
                const kind = outcome.ok ? (outcome.refusal === null ? 'accepted' : (0, targets_1.outcomeKind)(outcome.refusal)) : 'crash';
                seen.set(kind, (seen.get(kind) ?? 0) + 1);
            }
        }
        const count = (re) => [...seen].filter(([k]) => re.test(k)).reduce((a, [, n]) => a + n, 0);
        (0, chai_1.expect)(count(/^accepted$/), 'accepted').to.be.above(40);
        (0, chai_1.expect)(count(/was already used/), 'replays').to.be.above(0);
        (0, chai_1.expect)(count(/signature does not verify/), 'bad signatures').to.be.above(0);
        (0, chai_1.expect)(count(/must sign/), 'unsigned where required').to.be.above(0);
        (0, chai_1.expect)(count(/is not this endpoint|too old|lies in the future/), 'destination and time').to.be.above(0);
        (0, chai_1.expect)(seen.size, 'distinct outcomes').to.be.above(80);
    });
    it('EDEXML: 300 files, every 30th through the xmllint-wasm schema check as well', async () => {
        await (0, fuzz_1.assertFuzzTarget)((0, targets_1.edexmlTarget)(30), { seed: fuzz_1.FUZZ_SEED + 1, numRuns: 300 });
    });
});
//# sourceMappingURL=fuzz-saml.test.js.map
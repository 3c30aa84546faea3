import { fuzzEnv, fuzzKeys } from '../../scripts/fuzz/environment';
import { csvTarget, edexmlTarget, metadataTarget } from '../../scripts/fuzz/targets';
import { assertFuzzTarget, FUZZ_SEED } from '../support/fuzz';

/**
 * A few thousand cases per parser target with a fixed seed (the million-case runs are
 * `npm run fuzz`, see scripts/fuzz/README.md): every input ends in a result or an AppError.
 */
describe('fuzzing the parsers (fixed seed)', function () {
  this.timeout(120_000);

  it('SP metadata: 2,000 near-valid and hostile documents, signed or not, with and without --trust-cert', async () => {
    await assertFuzzTarget(metadataTarget(fuzzEnv(await fuzzKeys())), { seed: FUZZ_SEED, numRuns: 2000 });
  });

  it('CSV roster: 3,000 files', async () => {
    await assertFuzzTarget(csvTarget(), { seed: FUZZ_SEED, numRuns: 3000 });
  });

  it('EDEXML: 2,000 files through the checks before the schema and the mapping', async () => {
    await assertFuzzTarget(edexmlTarget(Number.POSITIVE_INFINITY), { seed: FUZZ_SEED, numRuns: 2000 });
  });
});

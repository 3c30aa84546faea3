import fc from 'fast-check';
import { type FuzzTarget, runCase } from '../../scripts/fuzz/targets';

/**
 * Runs a fuzz target (scripts/fuzz) as a fast-check property with a fixed seed, so `npm test` replays
 * the same cases every time; a failure is shrunk and reported with the seed and path to replay it.
 * The property is the script's: the call returns or throws an AppError, nothing else.
 */
export async function assertFuzzTarget<T>(target: FuzzTarget<T>, opts: { seed: number; numRuns: number }): Promise<void> {
  await fc.assert(
    fc.asyncProperty(target.arbitrary, async (input) => {
      const outcome = await runCase(target, input);
      if (!outcome.ok) throw outcome.error;
    }),
    { seed: opts.seed, numRuns: opts.numRuns },
  );
}

/** The seed of every fuzz property in the test suite (the script takes --seed). */
export const FUZZ_SEED = 20_251_201;

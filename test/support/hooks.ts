import { reserveChildProcessDefaults } from './env';
import { skippedSuites } from './postgres';

/** Root hooks: before the run, the child processes' free ports; after the run, say clearly which suites were skipped and why. */
export const mochaHooks = {
  async beforeAll() {
    await reserveChildProcessDefaults();
  },
  afterAll() {
    if (skippedSuites.size > 0) {
      process.stdout.write(`\n  SKIPPED (dependency missing, CI not set):\n${[...skippedSuites].map((s) => `    - ${s}`).join('\n')}\n`);
    }
  },
};

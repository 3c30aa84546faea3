import { expect } from 'chai';
import fc from 'fast-check';
import { type FuzzEnvironment, openFuzzEnvironment } from '../../scripts/fuzz/environment';
import { edexmlTarget, outcomeKind, runCase, samlTargets } from '../../scripts/fuzz/targets';
import { assertFuzzTarget, FUZZ_SEED } from '../support/fuzz';

/**
 * The inbound SAML targets against PGlite (SP lookup, signatures, replay cache), and EDEXML with the
 * xmllint-wasm schema check, a few thousand cases each with a fixed seed. The million-case runs are
 * `npm run fuzz` (scripts/fuzz/README.md).
 */
describe('fuzzing the inbound SAML path (PGlite, fixed seed)', function () {
  this.timeout(180_000);
  let fuzz: FuzzEnvironment;
  before(async () => {
    fuzz = await openFuzzEnvironment();
  });
  after(async () => fuzz?.close());

  for (const name of ['authn-redirect', 'authn-post', 'logout-request', 'logout-response']) {
    it(`${name}: 2,000 messages`, async () => {
      await assertFuzzTarget(samlTargets(fuzz).find((t) => t.name === name)!, { seed: FUZZ_SEED, numRuns: 2000 });
    });
  }

  it('the cases reach the checks behind the database: accepted ones, replays, signatures verified and refused', async () => {
    // Guards the arbitraries: fuzzing that never gets past the parser would pass the properties above.
    const seen = new Map<string, number>();
    for (const target of samlTargets(fuzz)) {
      for (const input of fc.sample(target.arbitrary, { seed: FUZZ_SEED + 2, numRuns: 400 })) {
        const outcome = await runCase(target, input);
        const kind = outcome.ok ? (outcome.refusal === null ? 'accepted' : outcomeKind(outcome.refusal)) : 'crash';
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
      }
    }
    const count = (re: RegExp) => [...seen].filter(([k]) => re.test(k)).reduce((a, [, n]) => a + n, 0);
    expect(count(/^accepted$/), 'accepted').to.be.above(40);
    expect(count(/was already used/), 'replays').to.be.above(0);
    expect(count(/signature does not verify/), 'bad signatures').to.be.above(0);
    expect(count(/must sign/), 'unsigned where required').to.be.above(0);
    expect(count(/is not this endpoint|too old|lies in the future/), 'destination and time').to.be.above(0);
    expect(seen.size, 'distinct outcomes').to.be.above(80);
  });

  it('EDEXML: 300 files, every 30th through the xmllint-wasm schema check as well', async () => {
    await assertFuzzTarget(edexmlTarget(30), { seed: FUZZ_SEED + 1, numRuns: 300 });
  });
});

import { expect } from 'chai';
import { ConcurrencyGate, gatedVerifier } from '../../src/api/concurrency-gate';
import { Argon2idPasswordHasher } from '../../src/crypto/password-hasher';

/**
 * The gate in front of argon2id verifications of client secrets (roster API token endpoint, OIDC token
 * and revocation endpoints): client ids are public, so a flood of wrong secrets must not take every
 * hashing thread from pupils' logins. Real argon2id, fired in parallel.
 */
describe('ConcurrencyGate and the gated verifier (real argon2id, parallel)', () => {
  it('runs at most `max` verifications at once, queues a few, turns the rest away as a wrong secret', async () => {
    const argon2 = new Argon2idPasswordHasher();
    const stored = await argon2.hash('the-right-secret');
    let running = 0;
    let most = 0;
    const counting = {
      hash: (p: string) => argon2.hash(p),
      verify: async (h: string, p: string) => {
        running++;
        most = Math.max(most, running);
        try {
          return await argon2.verify(h, p);
        } finally {
          running--;
        }
      },
    };
    const gated = gatedVerifier(counting, new ConcurrencyGate(2, 4));
    const results = await Promise.all(Array.from({ length: 10 }, () => gated.verify(stored, 'the-right-secret')));
    expect(most, 'never more than two at once').to.equal(2);
    expect(results.filter((r) => r)).to.have.length(6); // 2 at once + 4 queued
    expect(
      results.filter((r) => !r),
      'turned away without hashing',
    ).to.have.length(4);
    // Once the flood is over, a single check goes through again.
    expect(await gated.verify(stored, 'the-right-secret')).to.equal(true);
    expect(await gated.verify(stored, 'a-wrong-secret')).to.equal(false);
  });
});

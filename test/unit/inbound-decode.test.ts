import v8 from 'node:v8';
import vm from 'node:vm';
import { expect } from 'chai';
import { SamlRequestError } from '../../src/domain/errors';
import { decodeRedirect } from '../../src/saml/bindings/inbound';
import { rejects } from '../support/assert';

/** A full garbage collection, also when node runs without --expose-gc. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

describe('Redirect binding: inflating untrusted DEFLATE', () => {
  it('refuses corrupt and truncated DEFLATE data as such', async () => {
    for (const payload of [Buffer.from('not deflate at all!!'), Buffer.from([0xff, 0xff, 0xff])]) {
      const e = await rejects(decodeRedirect(`SAMLRequest=${encodeURIComponent(payload.toString('base64'))}`, ['SAMLRequest']));
      expect(e).to.be.instanceOf(SamlRequestError);
      expect(e.message).to.equal('SAMLRequest is not DEFLATE-compressed');
    }
  });

  it('keeps no memory per refused payload (inflateRawSync leaked ~2 KB of heap per corrupt input on Node 20)', async () => {
    const query = `SAMLRequest=${encodeURIComponent(Buffer.from('not deflate at all!!').toString('base64'))}`;
    const refuseMany = async (n: number) => {
      for (let i = 0; i < n; i++) await decodeRedirect(query, ['SAMLRequest']).catch(() => undefined);
    };
    await refuseMany(500);
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    await refuseMany(20_000);
    collectGarbage();
    const growthMiB = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    // The synchronous inflate grew the heap by ~40 MiB here.
    expect(growthMiB).to.be.below(8);
  });
});

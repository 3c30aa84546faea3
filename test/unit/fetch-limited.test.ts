import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { fetchLimited } from '../../src/net/fetch-limited';

/**
 * The fetch the hub uses for metadata and icons, against a real loopback server: a server that sends a
 * byte now and then never trips the idle timeout, so the fetch has a deadline for the whole of it
 * (otherwise one school's server could hold up the scheduled metadata refresh of every school).
 */
describe('fetchLimited (real HTTP on loopback)', () => {
  let server: http.Server;
  let base: string;
  const timers: NodeJS.Timeout[] = [];
  before(async () => {
    server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      if (req.url === '/quick') return res.end('<ok/>');
      // One byte every 100 ms, for ever: never idle for long, never finished.
      const drip = setInterval(() => res.write(' '), 100);
      timers.push(drip);
      res.on('close', () => clearInterval(drip));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const t of timers) clearInterval(t);
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('reads a small document', async () => {
    const got = await fetchLimited(`${base}/quick`, { what: 'metadata', maxBytes: 1024, allowPrivateAddresses: true });
    expect(got.body.toString()).to.equal('<ok/>');
  });

  it('gives up on a trickling server at the deadline, although it is never idle for the idle timeout', async () => {
    const started = Date.now();
    const err = await fetchLimited(`${base}/drip`, {
      what: 'metadata',
      maxBytes: 1024 * 1024,
      timeoutMs: 1_000,
      deadlineMs: 700,
      allowPrivateAddresses: true,
    }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).to.match(/cannot fetch metadata from .*: took longer than 0\.7 s in all/);
    expect(Date.now() - started).to.be.below(5_000);
  });
});

import type { ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { cliDatabase, runCli, startServe, stopChild } from '../support/cli';
import { freePort } from '../support/hub';

/**
 * /metrics on `serve --workers 2` (PostgreSQL): whichever worker a scrape lands on, it answers for the
 * whole cluster — the primary collects every worker's registry (prom-client's cluster aggregation). The
 * proof: requests spread round-robin over both workers are all counted, exactly, on every scrape.
 */
describe('metrics across serve workers: one aggregated answer whichever worker is scraped (PostgreSQL)', function () {
  this.timeout(180_000);
  let serveProc: ChildProcess | null = null;
  let base = '';

  before(async function () {
    const { env } = await cliDatabase(this, '_metrics_cluster', 'metrics cluster');
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    ({ child: serveProc } = await startServe(['--workers', '2'], { ...env, NODE_ENV: 'test', PORT: String(port), BASE_URL: base }));
    // /metrics answers only once every worker shares its registry (each does so right before it listens):
    // from then on both workers take requests. Workers start slowly on a busy machine.
    const deadline = Date.now() + 90_000;
    while (
      Date.now() < deadline &&
      !(await fetch(`${base}/metrics`, { headers: { connection: 'close' } }).then(
        (r) => r.ok,
        () => false,
      ))
    )
      await new Promise((r) => setTimeout(r, 250));
  });
  after(async () => {
    if (serveProc) await stopChild(serveProc);
  });

  it('counts every request of both workers on every scrape; the pool gauge sums both workers’ pools', async () => {
    const series = 'leerpoort_http_request_duration_seconds_count{group="status",method="GET",status="2xx"}';
    const count = (text: string) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(`${series} `))
          ?.split(' ')[1] ?? 0,
      );
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${base}/status.json`, { headers: { connection: 'close' } });
      expect(res.status).to.equal(200);
      await res.text();
    }
    // Several scrapes (new connections: the kernel hands them to either worker) all say 20.
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${base}/metrics`, { headers: { connection: 'close' } });
      expect(res.status).to.equal(200);
      const text = await res.text();
      expect(count(text), `scrape ${i}`).to.equal(20);
      const pool = /^leerpoort_db_pool_connections\{state="total"\} (\d+)/m.exec(text);
      expect(Number(pool?.[1]), 'both workers hold connections').to.be.at.least(2);
    }
  });
});

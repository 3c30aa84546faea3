import { expect } from 'chai';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { openHub, serve } from '../../src/main';
import { TEST_KEYRING_TEXT } from '../support/env';
import { freePort, startTestHub, type TestHub } from '../support/hub';

/**
 * The audit chain as `serve` keeps it: parallel requests write audit entries, the sealer job (one process
 * at a time) chains them within seconds, and the chain verifies — with two hub processes on one
 * PostgreSQL, and on the embedded PGlite.
 */
async function untilSealed(hub: TestHub['hub'], expectAtLeast: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [{ pending, sealed }] = await hub.db.dataSource.query(
      'SELECT count(*) FILTER (WHERE chain_seq IS NULL)::int AS pending, count(*) FILTER (WHERE chain_seq IS NOT NULL)::int AS sealed FROM audit_events',
    );
    if (pending === 0 && sealed >= expectAtLeast) return;
    if (Date.now() > deadline) throw new Error(`not sealed within 30 s: ${pending} pending, ${sealed} sealed`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** 40 refused SSO requests at once (each one audit entry), spread over the given hubs. */
async function parallelRefusedRequests(baseUrls: string[], n = 40): Promise<void> {
  const statuses = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      fetch(`${baseUrls[i % baseUrls.length]}/saml/sso?SAMLRequest=not-a-request-${i}`).then((r) => r.status),
    ),
  );
  expect(statuses.every((s) => s === 400)).to.equal(true);
}

describe('audit chain under serve: two hub processes on one PostgreSQL, parallel requests', function () {
  let a: TestHub;
  let b: Awaited<ReturnType<typeof serve>> | null = null;
  let hubB: Awaited<ReturnType<typeof openHub>> | null = null;

  before(async function () {
    a = await startTestHub(this, 'audit_serve');
    // A second process on the same database and keys (another box behind the load balancer).
    const port = await freePort();
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: String(port),
      BASE_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: a.hub.config.databaseUrl,
      CERTS_DIR: a.certsDir,
      DATA_ENCRYPTION_KEY: TEST_KEYRING_TEXT,
      LOG_LEVEL: 'silent',
    });
    hubB = await openHub(config, createLogger(config, 2), { serving: true });
    b = await serve(hubB);
  });
  after(async () => {
    await b?.stop();
    await hubB?.close();
    await a?.stop();
  });

  it('every entry is sealed once into one chain that verifies; the sealer job is claimed in job_runs', async () => {
    await parallelRefusedRequests([a.baseUrl, `http://127.0.0.1:${b!.port}`]);
    await untilSealed(a.hub, 40);
    const report = await a.hub.services.auditTrail.verify();
    expect(report.ok, JSON.stringify(report.problem)).to.equal(true);
    expect(report.entries).to.be.at.least(40);
    const [{ n, distinct }] = await a.hub.db.dataSource.query(
      'SELECT count(*)::int AS n, count(DISTINCT chain_seq)::int AS distinct FROM audit_events WHERE chain_seq IS NOT NULL',
    );
    expect(distinct).to.equal(n);
    const [job] = await a.hub.db.dataSource.query("SELECT last_started_at FROM job_runs WHERE name = 'audit-seal'");
    expect(job.last_started_at).to.be.instanceOf(Date);
    expect((await hubB!.services.auditTrail.verify()).ok, 'the other process sees the same valid chain').to.equal(true);
  });
});

describe('audit chain under serve: embedded PGlite, parallel requests', function () {
  let t: TestHub;
  before(async function () {
    t = await startTestHub(this, 'audit_serve_pglite', {}, 'pglite');
  });
  after(async () => t?.stop());

  it('every entry is sealed into one chain that verifies', async () => {
    await parallelRefusedRequests([t.baseUrl]);
    await untilSealed(t.hub, 40);
    const report = await t.hub.services.auditTrail.verify();
    expect(report).to.deep.include({ ok: true, pending: 0 });
    expect(report.entries).to.be.at.least(40);
  });
});

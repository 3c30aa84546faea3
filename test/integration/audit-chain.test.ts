import { expect } from 'chai';
import { Client } from 'pg';
import { AuditTrailService } from '../../src/domain/audit/audit-trail.service';
import { type ChainEntry, chainHash } from '../../src/domain/audit/chain';
import type { Actor } from '../../src/domain/model';
import { SqlAuditChainStore } from '../../src/persistence/audit-chain';
import { GroupCommitRecorder } from '../../src/persistence/group-commit';
import { rejects } from '../support/assert';
import { describeEachBackend, siblingDatabaseUrl, truncateAll } from '../support/postgres';
import { testSigner } from '../support/signer';

const actor: Actor = { type: 'cli', id: 'test' };

/** Security annex B "onweerlegbaarheid": the audit trail is append-only, hash-chained, verifiable — on both backends. */
describeEachBackend('tamper-evident audit trail', ({ db, backend }) => {
  let trail: AuditTrailService;
  let signer: Awaited<ReturnType<typeof testSigner>>['signer'];
  const q = (sql: string, params: unknown[] = []) => db().dataSource.query(sql, params);
  /** An attacker with the table owner's rights: the append-only trigger switched off for one statement. */
  const tamper = async (sql: string, params: unknown[] = []) => {
    await q('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    try {
      return await q(sql, params);
    } finally {
      await q('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    }
  };
  const write = async (n: number, from = 0) => {
    for (let i = from; i < from + n; i++)
      await db().repositories.audit.record({
        actor: { type: 'person', id: `p${i}`, ip: '192.0.2.1' },
        action: 'test.event',
        outcome: 'success',
        targetType: 'thing',
        targetId: `t${i}`,
        details: { i, nested: { z: 1, a: [1, 'x'] } },
      });
  };
  const verify = () => trail.verify();

  before(async () => {
    ({ signer } = await testSigner());
  });
  beforeEach(async () => {
    await truncateAll(db());
    trail = new AuditTrailService(db().unitOfWork, new SqlAuditChainStore(db().dataSource), signer);
  });

  it('seals committed entries into one chain with a signed head; verify reports pending entries until they are sealed', async () => {
    expect(await verify(), 'an empty trail').to.deep.include({ ok: true, entries: 0, pending: 0, head: null });
    await write(5);
    expect(await verify()).to.deep.include({ ok: true, entries: 0, pending: 5 });
    expect((await trail.seal()).sealed).to.equal(5);
    await write(3, 5);
    expect(await verify()).to.deep.include({ ok: true, entries: 5, pending: 3, head: '5' });
    const second = await trail.seal();
    expect(second.sealed).to.equal(3);
    expect(second.head!.seq).to.equal('8');
    expect(await verify()).to.deep.include({ ok: true, entries: 8, pending: 0, head: '8', problem: null });
    const rows = await q('SELECT chain_seq::int AS seq FROM audit_events ORDER BY chain_seq');
    expect(rows.map((r: { seq: number }) => r.seq)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await trail.seal()).sealed, 'nothing left').to.equal(0);
  });

  it('is append-only in the database: UPDATE and DELETE are refused, only sealing a row once is allowed, a purge needs a checkpoint', async () => {
    await write(2);
    const updateError = await rejects(q("UPDATE audit_events SET actor_id = 'someone else'"));
    expect(updateError.message).to.contain('append-only');
    expect((await rejects(q('DELETE FROM audit_events'))).message).to.contain('append-only');
    await trail.seal();
    expect((await rejects(q("UPDATE audit_events SET chain_hash = 'x'"))).message, 're-sealing').to.contain('append-only');
    expect((await rejects(q('UPDATE audit_events SET chain_seq = NULL, chain_hash = NULL'))).message).to.contain('append-only');
    expect((await rejects(q('SELECT leerpoort_audit_purge(2)'))).message).to.contain('no checkpoint');
    expect(await q('SELECT count(*)::int AS n FROM audit_events')).to.deep.equal([{ n: 2 }]);
    expect(await verify()).to.deep.include({ ok: true, entries: 2 });
  });

  it('finds an edited column — details, actor, time, outcome, ip — at the entry that was changed', async () => {
    await write(6);
    await trail.seal();
    const edits: Array<[string, string]> = [
      ['details', `details = jsonb_set(details, '{i}', '99')`],
      ['actor_id', `actor_id = 'p-innocent'`],
      ['occurred_at', `occurred_at = occurred_at + interval '1 microsecond'`],
      ['outcome', `outcome = 'failure'`],
      ['ip', `ip = '192.0.2.2'`],
    ];
    for (const [column, set] of edits) {
      const [before] = await q(`SELECT ${column}::text AS v FROM audit_events WHERE chain_seq = 4`);
      await tamper(`UPDATE audit_events SET ${set} WHERE chain_seq = 4`);
      const report = await verify();
      expect(report.ok, column).to.equal(false);
      expect(report.problem, column).to.deep.include({ kind: 'broken', seq: '4' });
      await tamper(
        `UPDATE audit_events SET ${column} = $1::${column === 'details' ? 'jsonb' : column === 'occurred_at' ? 'timestamptz' : column === 'ip' ? 'inet' : 'text'} WHERE chain_seq = 4`,
        [before.v],
      );
      expect((await verify()).ok, `${column} restored`).to.equal(true);
    }
  });

  it('finds an entry inserted into the middle, even with its own link recomputed', async () => {
    await write(6);
    await trail.seal();
    // Make room after #3 and insert a forged entry there whose hash follows correctly from #3.
    await tamper('UPDATE audit_events SET chain_seq = chain_seq + 1000 WHERE chain_seq > 3');
    await tamper('UPDATE audit_events SET chain_seq = chain_seq - 999 WHERE chain_seq > 1000');
    const [prev] = await q('SELECT chain_hash FROM audit_events WHERE chain_seq = 3');
    const [row] = await q(
      `INSERT INTO audit_events (actor_type, actor_id, action, outcome, details, occurred_at)
       VALUES ('operator', 'op1', 'person.view', 'success', '{}', now() - interval '1 day')
       RETURNING id::text AS id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`,
    );
    const forged: ChainEntry = {
      seq: '4',
      id: row.id,
      occurredAt: row.at,
      actorType: 'operator',
      actorId: 'op1',
      ip: null,
      requestId: null,
      schoolId: null,
      action: 'person.view',
      outcome: 'success',
      targetType: null,
      targetId: null,
      details: '{}',
    };
    await tamper('UPDATE audit_events SET chain_seq = 4, chain_hash = $2 WHERE id = $1', [row.id, chainHash(prev.chain_hash, forged)]);
    const report = await verify();
    expect(report.ok).to.equal(false);
    expect(report.problem, 'the forged link fits, the next one does not').to.deep.include({ kind: 'broken', seq: '5' });
  });

  it('finds an entry added after the signed head, even with a correct hash', async () => {
    await write(3);
    await trail.seal();
    const [last] = await q('SELECT chain_hash FROM audit_events WHERE chain_seq = 3');
    const [row] = await q(
      `INSERT INTO audit_events (actor_type, actor_id, action, outcome) VALUES ('operator', 'op1', 'backdated', 'success')
       RETURNING id::text AS id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at`,
    );
    const entry: ChainEntry = {
      seq: '4',
      id: row.id,
      occurredAt: row.at,
      actorType: 'operator',
      actorId: 'op1',
      ip: null,
      requestId: null,
      schoolId: null,
      action: 'backdated',
      outcome: 'success',
      targetType: null,
      targetId: null,
      details: '{}',
    };
    await q('UPDATE audit_events SET chain_seq = 4, chain_hash = $2 WHERE id = $1', [row.id, chainHash(last.chain_hash, entry)]);
    expect((await verify()).problem).to.deep.include({ kind: 'beyond-head', seq: '4' });
  });

  it('finds a deleted entry in the middle', async () => {
    await write(5);
    await trail.seal();
    await tamper('DELETE FROM audit_events WHERE chain_seq = 2');
    expect((await verify()).problem).to.deep.equal({ kind: 'missing', seq: '2' });
  });

  it('finds a deleted tail (against the signed head), and a head rewritten to match it', async () => {
    await write(5);
    await trail.seal();
    await tamper('DELETE FROM audit_events WHERE chain_seq >= 4');
    expect((await verify()).problem).to.deep.equal({ kind: 'head-mismatch', seq: '5' });
    // Moving the head back to #3 without the hub key: the signature no longer says what the row says.
    await q('UPDATE audit_chain_head SET seq = 3, hash = (SELECT chain_hash FROM audit_events WHERE chain_seq = 3)');
    expect((await verify()).problem).to.deep.include({ kind: 'bad-signature', what: 'head' });
    // …nor does a head signed by another key pass.
    const { signer: other } = await testSigner();
    const [h] = await q('SELECT seq::text AS seq, hash FROM audit_chain_head');
    const forged = await other.sign(
      JSON.stringify({ type: 'leerpoort-audit-head', seq: h.seq, hash: h.hash, at: new Date().toISOString() }),
    );
    await q('UPDATE audit_chain_head SET signature = $1', [forged]);
    const report = await verify();
    expect(report.problem).to.deep.include({ kind: 'bad-signature', what: 'head' });
    expect((report.problem as { detail: string }).detail).to.contain('unknown-key');
  });

  it('purges entries older than the limit behind a signed checkpoint: the rest still verifies, the purge is audited', async () => {
    await q(
      "INSERT INTO audit_events (actor_type, actor_id, action, outcome, occurred_at) SELECT 'cli', 'x' || g, 'old', 'success', now() - interval '400 days' FROM generate_series(1, 3) g",
    );
    await write(2);
    await trail.seal();
    // An old timestamp sealed after newer entries (e.g. a long transaction): it waits behind them.
    await q(
      "INSERT INTO audit_events (actor_type, actor_id, action, outcome, occurred_at) VALUES ('cli', 'y', 'old.but.after', 'success', now() - interval '400 days')",
    );
    await trail.seal();
    const before = new Date(Date.now() - 365 * 86_400_000);
    expect(await trail.purge(before, actor, { dryRun: true }), 'dry run').to.deep.equal({ purged: 3, checkpoint: null });
    expect(await q('SELECT count(*)::int AS n FROM audit_events')).to.deep.equal([{ n: 6 }]);
    const result = await trail.purge(before, actor, { dryRun: false });
    expect(result, 'the expired prefix (the old entry after newer ones waits for the next purge that reaches it)').to.deep.equal({
      purged: 3,
      checkpoint: '3',
    });
    expect(await q("SELECT action FROM audit_events WHERE action LIKE 'old%' ORDER BY chain_seq")).to.deep.equal([
      { action: 'old.but.after' },
    ]);
    await trail.seal(); // the audit entry of the purge itself
    const report = await verify();
    expect(report).to.deep.include({ ok: true, from: '3', entries: 4, head: '7' });
    const [purgeEvent] = await db().repositories.audit.list({ action: 'audit.purge' });
    expect(purgeEvent!.details).to.deep.include({ purged: 3 });
    expect((await rejects(q('DELETE FROM audit_checkpoints'))).message, 'checkpoints are append-only too').to.contain('append-only');

    // A checkpoint changed without the hub key is found.
    await q('ALTER TABLE audit_checkpoints DISABLE TRIGGER audit_checkpoints_append_only');
    await q("UPDATE audit_checkpoints SET upto_hash = repeat('a', 64)");
    await q('ALTER TABLE audit_checkpoints ENABLE TRIGGER audit_checkpoints_append_only');
    expect((await verify()).problem).to.deep.include({ kind: 'bad-signature', what: 'checkpoint' });
  });

  it('refuses to purge (and so to vouch for) a chain that was already tampered with', async () => {
    await q(
      "INSERT INTO audit_events (actor_type, actor_id, action, outcome, occurred_at) SELECT 'cli', 'x' || g, 'old', 'success', now() - interval '400 days' FROM generate_series(1, 3) g",
    );
    await trail.seal();
    await tamper("UPDATE audit_events SET actor_id = 'forged' WHERE chain_seq = 2");
    const e = await rejects(trail.purge(new Date(Date.now() - 365 * 86_400_000), actor, { dryRun: false }));
    expect(e.message).to.contain('audit purge refused').and.to.contain('#2');
    expect(await q('SELECT count(*)::int AS n FROM audit_checkpoints')).to.deep.equal([{ n: 0 }]);
    expect(await q("SELECT count(*)::int AS n FROM audit_events WHERE action = 'old'")).to.deep.equal([{ n: 3 }]);
  });

  it('concurrent writers (transactions, SSO group commits) and concurrent sealers leave one valid chain, every entry sealed once', async () => {
    const school = await db().repositories.schools.insert({ brin: '12AB', dependanceCode: '00', name: 'S' });
    const participant = await db().repositories.participants.insert({ name: 'Uitgeverij' });
    const recorder = new GroupCommitRecorder(db().dataSource);
    const sso = (n: number) =>
      recorder.record({
        ledger: { schoolId: school.id, participantId: participant.id, channel: 'sso', categories: ['brin'], peopleCount: 1 },
        audit: {
          actor: { type: 'person', id: `p${n}` },
          action: 'saml.sso.success',
          outcome: 'success',
          schoolId: school.id,
          details: { n },
        },
      });
    const tx = (n: number) =>
      db().unitOfWork.run(async (repos) => {
        await repos.audit.record({ actor, action: 'tx.first', outcome: 'success', details: { n } });
        await repos.audit.record({ actor, action: 'tx.second', outcome: 'success', details: { n } });
      });
    // A second store on the same database stands for another hub process's sealer.
    const otherProcess = new AuditTrailService(db().unitOfWork, new SqlAuditChainStore(db().dataSource), signer);
    let sealing = true;
    const sealers = [trail, otherProcess].map(async (t) => {
      while (sealing) await t.seal();
    });
    await Promise.all([...Array.from({ length: 80 }, (_, n) => sso(n)), ...Array.from({ length: 40 }, (_, n) => tx(n))]);
    sealing = false;
    await Promise.all(sealers);
    await trail.seal();
    const report = await verify();
    expect(report).to.deep.include({ ok: true, pending: 0, entries: 160, head: '160' });
    const [{ n, distinct, max }] = await q(
      'SELECT count(*)::int AS n, count(DISTINCT chain_seq)::int AS distinct, max(chain_seq)::int AS max FROM audit_events',
    );
    expect({ n, distinct, max }).to.deep.equal({ n: 160, distinct: 160, max: 160 });
  });

  if (backend === 'postgres')
    it('an entry whose transaction commits after later ids were sealed joins the chain at its end (ids are not commit order)', async () => {
      const client = new Client({ connectionString: siblingDatabaseUrl('') });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query("INSERT INTO audit_events (actor_type, actor_id, action, outcome) VALUES ('cli', 'slow', 'slow.tx', 'success')");
        await write(3); // higher ids, committed first
        expect((await trail.seal()).sealed, 'the open transaction is invisible').to.equal(3);
        await client.query('COMMIT');
      } finally {
        await client.end();
      }
      expect((await trail.seal()).sealed).to.equal(1);
      const rows = await q('SELECT id::int AS id, chain_seq::int AS seq, action FROM audit_events ORDER BY chain_seq');
      expect(rows[3].action).to.equal('slow.tx');
      expect(rows[3].id, 'the lowest id, sealed last').to.be.lessThan(rows[0].id);
      expect(await verify()).to.deep.include({ ok: true, entries: 4 });
    });
});

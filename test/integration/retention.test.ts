import { expect } from 'chai';
import { RetentionService } from '../../src/domain/roster/retention.service';
import { SchoolDestructionService } from '../../src/domain/retention/school-destruction.service';
import { verifyCertificate } from '../../src/domain/retention/destruction-certificate';
import { describeEachBackend, truncateAll } from '../support/postgres';
import { testSigner } from '../support/signer';
import { AuditTrailService } from '../../src/domain/audit/audit-trail.service';
import { SqlAuditChainStore } from '../../src/persistence/audit-chain';
import { standardRetentionSteps } from '../../src/domain/retention/retention-steps';
import { type RetentionStep, runRetention } from '../../src/domain/retention/retention-run';
import { SCHOOL_ROWS } from '../../src/persistence/repositories/retention.repository';

describeEachBackend('retention: leavers deleted after the grace period', ({ db }) => {
  it('deletes only people deactivated longer ago than the grace period, with everything attached, audited by id', async () => {
    await truncateAll(db());
    const repos = db().repositories;
    const school = await repos.schools.insert({ brin: '12AB', dependanceCode: '00', name: 'S' });
    const group = await repos.groups.insert({ schoolId: school.id, lasKey: 'G', name: 'G', yearGroup: 5, kind: 'stamgroep' });
    const old = await repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'OLD', firstName: 'Oud', lastName: 'Vertrokken' });
    const recent = await repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'NEW', firstName: 'Net', lastName: 'Weg' });
    const active = await repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'ACT', firstName: 'Nog', lastName: 'Hier' });
    for (const p of [old, recent, active]) await repos.groups.addMember({ groupId: group.id, personId: p.id, roleInGroup: 'member' });
    const credential = await repos.credentials.insert({ personId: old.id, username: 'oud.v', passwordHash: null });
    await repos.sessions.set('sid-old', { auth: { credentialId: credential.id } }, new Date(Date.now() + 3600_000), credential.id);
    await repos.people.addHomeAccessEmail(old.id, 'ouder@example.nl');
    await repos.people.update(old.id, { status: 'inactive' });
    await repos.people.update(recent.id, { status: 'inactive' });
    await db().dataSource.query("UPDATE people SET deactivated_at = now() - interval '100 days' WHERE id = $1", [old.id]);

    const service = new RetentionService(db().unitOfWork);
    const dry = await service.deleteLeavers(90, { type: 'cli', id: 'test' }, { dryRun: true });
    expect(dry.deleted).to.equal(1);
    expect(await repos.people.findById(old.id), 'dry run').not.to.equal(null);

    const result = await service.deleteLeavers(90, { type: 'cli', id: 'test' });
    expect(result).to.deep.equal({ deleted: 1, bySchool: { [school.id]: 1 } });
    expect(await repos.people.findById(old.id)).to.equal(null);
    expect(await repos.people.findById(recent.id)).not.to.equal(null);
    expect(await repos.people.findById(active.id)).not.to.equal(null);
    expect(await repos.credentials.findByUsername('oud.v')).to.equal(null);
    expect(await repos.sessions.get('sid-old', new Date())).to.equal(null);
    expect(await repos.groups.membershipsOf(old.id)).to.deep.equal([]);
    expect(await db().dataSource.query('SELECT count(*)::int AS n FROM pupil_home_emails')).to.deep.equal([{ n: 0 }]);
    const [audit] = await repos.audit.list({ action: 'person.delete' });
    expect(audit!.targetId).to.equal(old.id);
    expect(JSON.stringify(audit)).not.to.contain('Vertrokken');
  });

  it('destroys a school whose notice has ended — everything but ledger counts, audit ids and its signed certificate — and nothing of other schools', async () => {
    await truncateAll(db());
    const repos = db().repositories;
    const leaving = await repos.schools.insert({ brin: '12AB', dependanceCode: '00', name: 'Vertrekkende School' });
    const staying = await repos.schools.insert({ brin: '34CD', dependanceCode: '00', name: 'Blijvende School' });
    const pupil = await repos.people.insert({ schoolId: leaving.id, role: 'pupil', lasKey: 'P', firstName: 'Weg', lastName: 'Straks' });
    await repos.people.insert({
      schoolId: leaving.id,
      role: 'delegate',
      lasKey: 'D',
      firstName: 'Ict',
      lastName: 'Coördinator',
      staffEmail: 'ict@vertrekkend.example.nl',
    });
    const sibling = await repos.people.insert({ schoolId: staying.id, role: 'pupil', lasKey: 'S', firstName: 'Blijft', lastName: 'Hier' });
    const credential = await repos.credentials.insert({ personId: pupil.id, username: 'weg.s', passwordHash: null });
    await repos.sessions.set('sid-leaving', { auth: { credentialId: credential.id } }, new Date(Date.now() + 3600_000), credential.id);
    await repos.people.addHomeAccessEmail(pupil.id, 'alleen@example.nl');
    await repos.people.addHomeAccessEmail(pupil.id, 'gedeeld@example.nl');
    await repos.people.addHomeAccessEmail(sibling.id, 'gedeeld@example.nl');
    for (const address of ['alleen@example.nl', 'gedeeld@example.nl'])
      await repos.guardians.setPassword(repos.guardians.emailKey(address), '$argon2id$v=19$m=19456,t=2,p=1$a$b');
    await repos.groups.insert({ schoolId: leaving.id, lasKey: 'G', name: 'G', yearGroup: 5, kind: 'stamgroep' });
    await repos.schoolNetworks.replace(leaving.id, ['192.0.2.0/24']);
    const participant = await repos.participants.insert({ name: 'Uitgever' });
    await repos.ledger.record({
      schoolId: leaving.id,
      participantId: participant.id,
      channel: 'sso',
      categories: ['firstName'],
      peopleCount: 1,
    });

    const { signer } = await testSigner();
    const service = new SchoolDestructionService(db().unitOfWork, signer, 'https://hub.example/saml/metadata');
    const now = new Date();
    await repos.agreements.scheduleTermination(leaving.id, new Date(now.getTime() - 40 * 86_400_000), new Date(now.getTime() + 86_400_000));
    expect(await service.destroyDue({ type: 'cli', id: 'test' }), 'notice not over yet').to.deep.equal([]);
    await repos.agreements.scheduleTermination(leaving.id, new Date(now.getTime() - 40 * 86_400_000), new Date(now.getTime() - 1000));
    const dry = await service.destroyDue({ type: 'cli', id: 'test' }, { dryRun: true });
    expect(dry.map((d) => [d.brin, d.people, d.certificateId])).to.deep.equal([['12AB', 2, '']]);
    expect(await repos.schools.findById(leaving.id), 'dry run').not.to.equal(null);
    const [destroyed] = await service.destroyDue({ type: 'cli', id: 'test' });
    expect(destroyed).to.deep.include({ brin: '12AB', people: 2, mailed: 1 });
    expect(destroyed!.tables).to.deep.include({
      schools: 1,
      people: 2,
      groups: 1,
      credentials: 1,
      sessions: 1,
      pupil_home_emails: 2,
      school_networks: 1,
      guardian_accounts: 1,
    });

    expect(await repos.schools.findById(leaving.id)).to.equal(null);
    expect(await repos.people.findById(pupil.id)).to.equal(null);
    expect(await repos.sessions.get('sid-leaving', new Date())).to.equal(null);
    expect(await repos.guardians.passwordHash(repos.guardians.emailKey('alleen@example.nl')), 'parent without children left').to.equal(
      null,
    );
    expect(await repos.guardians.passwordHash(repos.guardians.emailKey('gedeeld@example.nl')), 'parent of a child elsewhere').not.to.equal(
      null,
    );
    expect(await repos.people.findById(sibling.id)).not.to.equal(null);
    const tables: Array<{ tablename: string }> = await db().dataSource.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    const holding: string[] = [];
    for (const { tablename } of tables) {
      const [{ n }] = await db().dataSource.query(`SELECT count(*)::int AS n FROM "${tablename}" x WHERE x::text LIKE $1`, [
        `%${leaving.id}%`,
      ]);
      if (n > 0) holding.push(tablename);
    }
    expect(holding.sort(), 'only the proof remains: ledger counts, audit ids, the certificate').to.deep.equal([
      'audit_events',
      'destruction_certificates',
      'release_ledger',
    ]);
    const [confirmation] = await repos.audit.list({ action: 'school.destroy' });
    expect(confirmation!.details).to.deep.include({ brin: '12AB', people: 2, certificateId: destroyed!.certificateId, delegatesMailed: 1 });

    // The certificate: stored, mailed to the delegate (read before the delegate was destroyed), valid under the hub key.
    const [stored] = await repos.retention.listCertificates('12AB');
    expect(stored!.id).to.equal(destroyed!.certificateId);
    const mails = await repos.outbox.list();
    expect(mails.map((m) => m.to)).to.deep.equal(['ict@vertrekkend.example.nl']);
    expect(mails[0]!.body).to.contain(stored!.document.trim());
    const check = await verifyCertificate(stored!.document, signer);
    expect(check.ok, JSON.stringify(check)).to.equal(true);
    if (check.ok) {
      expect(check.certificate).to.deep.include({ reason: 'notice-ended', issuer: 'https://hub.example/saml/metadata' });
      expect(check.certificate.school).to.deep.equal({ id: leaving.id, brin: '12AB', name: 'Vertrekkende School' });
      expect(check.certificate.tables).to.deep.equal(destroyed!.tables);
      expect(check.certificate.totalRows).to.equal(Object.values(destroyed!.tables).reduce((a, b) => a + b, 0));
    }
    expect(stored!.document, 'no personal data on the certificate').not.to.match(/Straks|Coördinator|ict@/);
    expect(JSON.stringify(await db().dataSource.query('SELECT * FROM audit_events'))).not.to.contain('Straks');
  });

  it('the certificate counts every table a school destruction empties: each table the schema cascades to from schools is listed', async () => {
    // A new table that hangs off a school (or its people, groups, licences…) with ON DELETE CASCADE is
    // destroyed with it; the certificate must then name it, so adding such a table without a count fails here.
    const edges: Array<{ child: string; parent: string }> = await db().dataSource.query(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
         FROM pg_constraint c WHERE c.contype = 'f' AND c.confdeltype = 'c'`,
    );
    const reached = new Set(['schools']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const { child, parent } of edges)
        if (reached.has(parent) && !reached.has(child)) {
          reached.add(child);
          grew = true;
        }
    }
    const counted = new Set(SCHOOL_ROWS.map((r) => r.table));
    expect([...reached].filter((t) => !counted.has(t)).sort(), 'cascaded from schools but not on the certificate').to.deep.equal([]);
  });

  it('destroys a school at once on its written request: the request is audited and on the certificate; a changed certificate or another key is caught', async () => {
    await truncateAll(db());
    const repos = db().repositories;
    const school = await repos.schools.insert({ brin: '56EF', dependanceCode: '00', name: 'Verzoekschool' });
    await repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'P', firstName: 'A', lastName: 'B' });
    const { signer } = await testSigner();
    const service = new SchoolDestructionService(db().unitOfWork, signer, 'https://hub.example/saml/metadata');
    const received = new Date(Date.now() - 86_400_000);
    const bad = await service
      .destroyOnRequest('56EF', { reference: '<script>', receivedAt: received }, { type: 'cli', id: 'test' })
      .catch((e: Error) => e);
    expect((bad as Error).message).to.contain('reference');
    expect(await repos.schools.findById(school.id), 'a refused request destroys nothing').not.to.equal(null);

    const result = await service.destroyOnRequest(
      '56EF',
      { reference: 'brief 2026/17', receivedAt: received },
      { type: 'cli', id: 'test' },
    );
    expect(result).to.deep.include({ brin: '56EF', people: 1, mailed: 0 });
    expect(await repos.schools.findById(school.id)).to.equal(null);
    const [request] = await repos.audit.list({ action: 'school.destruction_request' });
    expect(request!.details).to.deep.equal({ reference: 'brief 2026/17', receivedAt: received.toISOString() });
    const [stored] = await repos.retention.listCertificates('56EF');
    const ok = await verifyCertificate(stored!.document, signer);
    expect(ok.ok && ok.certificate.reason).to.equal('written-request');
    expect(ok.ok && ok.certificate.writtenRequest).to.deep.equal({ reference: 'brief 2026/17', receivedAt: received.toISOString() });

    // Tampering: a count lowered in the readable part, the signed payload swapped, a signature from another key.
    const doc = JSON.parse(stored!.document);
    const lowered = structuredClone(doc);
    lowered.certificate.tables.people = 0;
    expect(await verifyCertificate(JSON.stringify(lowered), signer)).to.deep.include({ ok: false, reason: 'tampered' });
    const [h, , sig] = (doc.jws as string).split('.');
    const swapped = { ...doc, jws: `${h}.${Buffer.from('{"type":"leerpoort-destruction-certificate"}').toString('base64url')}.${sig}` };
    expect(await verifyCertificate(JSON.stringify(swapped), signer)).to.deep.include({ ok: false, reason: 'tampered' });
    const { signer: other } = await testSigner();
    expect(await verifyCertificate(stored!.document, other)).to.deep.include({ ok: false, reason: 'unknown-key' });
    expect(await verifyCertificate('{"not":"a certificate"}', signer)).to.deep.include({ ok: false, reason: 'malformed' });
  });

  it('a retention run purges, step by step, what expired or is older than the period — a dry run only counts; a failing step does not stop the rest', async () => {
    await truncateAll(db());
    const repos = db().repositories;
    const q = (sql: string, params: unknown[] = []) => db().dataSource.query(sql, params);
    const hour = 3_600_000;
    const past = new Date(Date.now() - hour);
    const future = new Date(Date.now() + hour);
    const school = await repos.schools.insert({ brin: '78GH', dependanceCode: '00', name: 'S' });
    const person = await repos.people.insert({ schoolId: school.id, role: 'teacher', lasKey: 'T', firstName: 'T', lastName: 'T' });
    const credential = await repos.credentials.insert({ personId: person.id, username: 't.t', passwordHash: null });
    await repos.sessions.set('expired', { a: 1 }, past, credential.id);
    await repos.sessions.set('live', { a: 1 }, future, credential.id);
    await repos.sessions.set('tombstone-expired', {}, past, null);
    await q("UPDATE sessions SET destroyed_at = now() WHERE sid = 'tombstone-expired'");
    await q("INSERT INTO saml_message_ids (issuer, message_id, expires_at) VALUES ('sp', 'old', $1), ('sp', 'new', $2)", [past, future]);
    await q('INSERT INTO password_resets (token_hash, credential_id, expires_at) VALUES ($1, $2, $3), ($4, $2, $5)', [
      'h1',
      credential.id,
      past,
      'h2',
      future,
    ]);
    await q("INSERT INTO guardian_password_links (token_hash, email_hmac, expires_at) VALUES ('g1', 'e', $1)", [past]);
    await q(
      "INSERT INTO import_uploads (school_id, uploaded_by, format, file_name, contents_enc, expires_at) VALUES ($1, $2, 'csv', 'a.csv', 'x', $3), ($1, $2, 'csv', 'b.csv', 'x', $4)",
      [school.id, person.id, past, future],
    );
    await repos.outbox.add({ to: 'a@example.nl', subject: 'old', body: 'b' });
    await repos.outbox.add({ to: 'b@example.nl', subject: 'new', body: 'b' });
    await q("UPDATE outbox SET created_at = now() - interval '31 days' WHERE subject = 'old'");
    const participant = await repos.participants.insert({ name: 'P' });
    // An old OpenID Connect row (purged) and a recent SAML one (kept): the purge goes by age, whatever the channel.
    for (const channel of ['oidc', 'sso'] as const)
      await repos.ledger.record({
        schoolId: school.id,
        participantId: participant.id,
        channel,
        oidcClientId: channel === 'oidc' ? 'lp-old-client' : null,
        categories: ['brin'],
        peopleCount: 1,
      });
    await q("UPDATE release_ledger SET occurred_at = now() - interval '7 months' WHERE id = (SELECT min(id) FROM release_ledger)");
    await q(
      "INSERT INTO audit_events (actor_type, actor_id, action, outcome, occurred_at) VALUES ('cli', 'x', 'old', 'success', now() - interval '7 months')",
    );
    await repos.audit.record({ actor: { type: 'cli', id: 'x' }, action: 'recent', outcome: 'success' });
    await q("INSERT INTO api_rate_windows (client_id, window_start, hits) VALUES ('c', now() - interval '2 days', 1), ('c', now(), 1)");
    await repos.oidcPayloads.upsert('AuthorizationCode', 'old', { grantId: 'g' }, new Date(Date.now() - 60_000));
    await repos.oidcPayloads.upsert('AuthorizationCode', 'new', { grantId: 'g' }, new Date(Date.now() + 60_000));
    // Requests to school IdPs (and the continuations holding their NameID, sealed) expire with the sessions.
    // Recorded unexpired, then aged: record() itself clears expired requests now and then (1 in 100).
    await repos.upstreamRequests.record({
      id: 'continue:old',
      idpEntityId: 'idp',
      context: {},
      sealed: { nameId: 'x' },
      expiresAt: future,
    });
    await repos.upstreamRequests.record({ id: '_new', idpEntityId: 'idp', context: {}, expiresAt: future });
    await q("UPDATE upstream_authn_requests SET expires_at = $1 WHERE id = 'continue:old'", [past]);

    const { signer } = await testSigner();
    const uow = db().unitOfWork;
    const audit = new AuditTrailService(uow, new SqlAuditChainStore(db().dataSource), signer);
    const steps = standardRetentionSteps({
      uow,
      leavers: new RetentionService(uow),
      destruction: new SchoolDestructionService(uow, signer, 'https://hub.example/saml/metadata'),
      audit,
      policy: { retentionMonths: 6, leaverGraceDays: 90 },
    });
    const actor = { type: 'cli' as const, id: 'test' };
    const counts = (r: Awaited<ReturnType<typeof runRetention>>) => Object.fromEntries(r.steps.map((s) => [s.name, s.counts]));
    const expected = {
      sessions: { sessions: 3 },
      'replay-entries': { 'replay-entries': 1 },
      'reset-tokens': { 'reset-tokens': 2 },
      'import-uploads': { 'import-uploads': 1 },
      outbox: { outbox: 1 },
      'release-ledger': { 'release-ledger': 1 },
      audit: { auditEntries: 1 },
      'api-rate-windows': { 'api-rate-windows': 1 },
      'oidc-payloads': { 'oidc-payloads': 1 },
    };
    const dry = await runRetention(steps, { now: new Date(), dryRun: true, actor });
    expect(dry.ok).to.equal(true);
    expect(counts(dry)).to.deep.include(expected);
    expect(await q('SELECT count(*)::int AS n FROM sessions'), 'a dry run deletes nothing').to.deep.equal([{ n: 3 }]);

    const progress: string[] = [];
    const failing: RetentionStep = {
      name: 'broken-step',
      description: 'a step whose table is gone',
      run: async () => {
        throw new Error('relation "gone" does not exist');
      },
    };
    const real = await runRetention(
      [failing, ...steps],
      { now: new Date(), dryRun: false, actor },
      {
        onProgress: (p) => p.type === 'done' && progress.push(p.report.name),
      },
    );
    expect(real.ok).to.equal(false);
    expect(real.steps[0]).to.deep.include({ name: 'broken-step', ok: false, error: 'relation "gone" does not exist' });
    expect(progress, 'every step ran, in order, after the failure').to.deep.equal(['broken-step', ...steps.map((s) => s.name)]);
    expect(counts(real)).to.deep.include(expected);
    expect((await q('SELECT sid FROM sessions')).map((r: { sid: string }) => r.sid)).to.deep.equal(['live']);
    expect(await q('SELECT message_id FROM saml_message_ids')).to.deep.equal([{ message_id: 'new' }]);
    expect(await q('SELECT token_hash FROM password_resets')).to.deep.equal([{ token_hash: 'h2' }]);
    expect(await q('SELECT count(*)::int AS n FROM guardian_password_links')).to.deep.equal([{ n: 0 }]);
    expect(await q('SELECT file_name FROM import_uploads')).to.deep.equal([{ file_name: 'b.csv' }]);
    expect(await q('SELECT subject FROM outbox')).to.deep.equal([{ subject: 'new' }]);
    expect(await q('SELECT channel, oidc_client_id FROM release_ledger')).to.deep.equal([{ channel: 'sso', oidc_client_id: null }]);
    expect(await q("SELECT count(*)::int AS n FROM audit_events WHERE action = 'old'")).to.deep.equal([{ n: 0 }]);
    expect(await q('SELECT count(*)::int AS n FROM api_rate_windows')).to.deep.equal([{ n: 1 }]);
    expect(await q('SELECT id FROM upstream_authn_requests')).to.deep.equal([{ id: '_new' }]);
    await audit.seal();
    expect(await audit.verify(), 'the chain verifies from its checkpoint').to.deep.include({ ok: true, from: '1' });
  });

  it('scheduled jobs: of parallel claims exactly one wins; the job is not claimed again before its interval; a dead claimer’s lease expires', async () => {
    await truncateAll(db());
    const jobs = db().repositories.jobs;
    const hour = 3_600_000;
    const now = new Date();
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => jobs.claim('retention', `p${i}`, hour, 10 * 60_000, now)));
    expect(claims.filter(Boolean)).to.have.length(1);
    const winner = `p${claims.indexOf(true)}`;
    expect(await jobs.claim('retention', 'late', hour, 10 * 60_000, now), 'held').to.equal(false);
    await jobs.finish('retention', 'someone-else', 'not mine');
    expect(await db().dataSource.query("SELECT locked_by FROM job_runs WHERE name = 'retention'")).to.deep.equal([{ locked_by: winner }]);
    await jobs.finish('retention', winner, 'leavers: deleted 0 leaver(s)');
    expect(await jobs.claim('retention', 'soon', hour, 10 * 60_000, new Date(now.getTime() + 60_000)), 'interval not passed').to.equal(
      false,
    );
    expect(await jobs.claim('retention', 'later', hour, 10 * 60_000, new Date(now.getTime() + 2 * hour))).to.equal(true);
    // 'later' dies without finishing: after its lease another process may take over.
    expect(await jobs.claim('retention', 'next', hour, 10 * 60_000, new Date(now.getTime() + 2 * hour + 5 * 60_000))).to.equal(false);
    expect(await jobs.claim('retention', 'next', 60_000, 10 * 60_000, new Date(now.getTime() + 2 * hour + 11 * 60_000))).to.equal(true);
    expect(await jobs.claim('audit-seal', 'p0', 5_000, 60_000, now), 'jobs are independent').to.equal(true);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { cliDatabase, runCli } from '../support/cli';

/** `leerpoort retention …` and `leerpoort audit …` through the built bin against PostgreSQL (DPA art. 12, security annex B). */
describe('CLI retention (run, destroy-school, certificates) and audit (seal, verify)', function () {
  // Each test runs the bin up to ten times (a process start each, seconds on a loaded machine).
  this.timeout(300_000);
  let env: Record<string, string>;
  let sql: Awaited<ReturnType<typeof cliDatabase>>['sql'];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-retention-'));

  before(async function () {
    ({ env, sql } = await cliDatabase(this, '_cli_retention', 'CLI retention'));
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    expect((await runCli(['demo'], env)).code).to.equal(0);
  });

  it('refuses RETENTION_MONTHS of 13 or more at start, saying why', async () => {
    const r = await runCli(['retention', 'run', '--dry-run'], { ...env, RETENTION_MONTHS: '13' });
    expect(r.code).to.equal(78);
    expect(r.stderr).to.contain('RETENTION_MONTHS must be at most 12').and.to.contain('shorter than 13 months');
  });

  it('retention run: named steps in order, progress on stderr, a summary; --json the report; an unknown --step is a usage error', async () => {
    await sql("INSERT INTO saml_message_ids (issuer, message_id, expires_at) VALUES ('sp', 'old', now() - interval '1 hour')");
    await sql(
      "INSERT INTO audit_events (actor_type, actor_id, action, outcome, occurred_at) VALUES ('cli', 'x', 'ancient', 'success', now() - interval '13 months')",
    );
    const steps = await runCli(['retention', 'steps', '--json'], env);
    expect(steps.code, steps.stderr).to.equal(0);
    const names = (JSON.parse(steps.stdout) as Array<{ name: string }>).map((s) => s.name);
    expect(names).to.include.members([
      'leavers',
      'school-destruction',
      'audit',
      'sessions',
      'replay-entries',
      'reset-tokens',
      'import-uploads',
      'outbox',
    ]);

    const dry = await runCli(['retention', 'run', '--dry-run'], env);
    expect(dry.code, dry.stderr).to.equal(0);
    expect(dry.stderr).to.match(/\[\d+\/\d+\] replay-entries: would delete 1 /);
    expect(dry.stdout).to.match(/^dry run: would remove \d+ row\(s\) in \d+ step\(s\)/);

    const real = await runCli(['retention', 'run', '--json'], env);
    expect(real.code, real.stderr).to.equal(0);
    const report = JSON.parse(real.stdout);
    expect(report.ok).to.equal(true);
    expect(report.steps.map((s: { name: string }) => s.name)).to.deep.equal(names);
    const byName = Object.fromEntries(report.steps.map((s: { name: string; counts: unknown }) => [s.name, s.counts]));
    expect(byName['replay-entries']).to.deep.equal({ 'replay-entries': 1 });
    expect(byName.audit).to.deep.equal({ auditEntries: 1 });
    expect(await sql("SELECT count(*)::int AS n FROM audit_events WHERE action = 'ancient'")).to.deep.equal([{ n: 0 }]);
    expect(await sql('SELECT upto_seq::int AS seq FROM audit_checkpoints')).to.have.length(1);

    const only = await runCli(['retention', 'run', '--step', 'sessions', '--json'], env);
    expect(JSON.parse(only.stdout).steps.map((s: { name: string }) => s.name)).to.deep.equal(['sessions']);
    const unknown = await runCli(['retention', 'run', '--step', 'backups'], env);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.contain('unknown retention step backups');
  });

  it('audit seal and verify: exit 0 when intact; an edited entry gives exit 10 and names it, also with --json', async () => {
    const seal = await runCli(['audit', 'seal', '--json'], env);
    expect(seal.code, seal.stderr).to.equal(0);
    const ok = await runCli(['audit', 'verify'], env);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(ok.stdout).to.match(/^audit trail intact: \d+ sealed entries from #\d+ to the signed head #\d+/);

    const [victim] = await sql(
      'SELECT chain_seq::text AS seq, id::text AS id FROM audit_events WHERE chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1 OFFSET 2',
    );
    await sql('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    await sql("UPDATE audit_events SET actor_id = 'someone-else' WHERE id = $1", [victim!.id]);
    await sql('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    const broken = await runCli(['audit', 'verify'], env);
    expect(broken.code).to.equal(10);
    expect(broken.stderr).to.contain(`audit entry #${victim!.seq} (id ${victim!.id})`).and.to.contain('changed');
    const json = await runCli(['audit', 'verify', '--json'], env);
    expect(json.code).to.equal(10);
    expect(JSON.parse(json.stdout)).to.deep.include({
      error: 'tampered',
      ok: false,
      problem: { kind: 'broken', seq: victim!.seq, id: victim!.id },
    });
  });

  it('destroy-school on written request: needs --yes; the certificate is mailed, re-printable, and verify-certificate tells valid (0), changed (10), another key (11), not a certificate (2)', async () => {
    const noYes = await runCli(['retention', 'destroy-school', '--brin', '99ZZ', '--request-ref', 'brief 12'], env);
    expect(noYes.code).to.equal(2);
    expect(noYes.stderr).to.contain('--yes');
    const r = await runCli(['retention', 'destroy-school', '--brin', '99ZZ', '--request-ref', 'brief 12', '--yes', '--json'], env);
    expect(r.code, r.stderr).to.equal(0);
    const result = JSON.parse(r.stdout);
    expect(result.brin).to.equal('99ZZ');
    expect(result.mailed).to.be.greaterThan(0);
    expect(await sql("SELECT count(*)::int AS n FROM schools WHERE brin = '99ZZ'")).to.deep.equal([{ n: 0 }]);

    const mails = JSON.parse((await runCli(['outbox', '--json'], env)).stdout) as Array<{ subject: string; body: string }>;
    const mail = mails.find((m) => m.subject.includes('vernietigingsverklaring'));
    expect(mail!.body).to.contain(result.certificateId);

    const file = path.join(tmp, 'certificate.json');
    const out = await runCli(['retention', 'certificate', '--brin', '99ZZ', '--out', file], env);
    expect(out.code, out.stderr).to.equal(0);
    const valid = await runCli(['retention', 'verify-certificate', file], env);
    expect(valid.code, valid.stderr).to.equal(0);
    expect(valid.stdout)
      .to.match(/^valid: signed by this hub/)
      .and.to.contain('(99ZZ)');

    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.certificate.tables.people = 0;
    const changed = path.join(tmp, 'changed.json');
    fs.writeFileSync(changed, JSON.stringify(doc));
    const tampered = await runCli(['retention', 'verify-certificate', changed, '--json'], env);
    expect(tampered.code).to.equal(10);
    expect(JSON.parse(tampered.stdout)).to.deep.include({ error: 'tampered', valid: false });

    const otherHub = { ...env, CERTS_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'lp-other-certs-')) };
    const other = await runCli(['retention', 'verify-certificate', file], otherHub);
    expect(other.code).to.equal(11);
    expect(other.stderr).to.contain("not signed by this hub's key");

    const junk = path.join(tmp, 'junk.json');
    fs.writeFileSync(junk, 'hello');
    expect((await runCli(['retention', 'verify-certificate', junk], env)).code).to.equal(2);
    expect((await runCli(['retention', 'verify-certificate', path.join(tmp, 'missing.json')], env)).code).to.equal(2);
  });
});

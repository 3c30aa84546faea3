import { expect } from 'chai';
import { cliDatabase, runCli } from '../support/cli';
import { DEFAULT_RELEASE } from '../../src/release/categories';

/**
 * `leerpoort participant annex set|show` and `leerpoort privacy check` through the built bin against
 * PostgreSQL (annex 1 D, DPA art. 13.3): validation with exit codes, the widening counted per school, and
 * the check's verdict from the release ledger (exit 1 on a difference, --json).
 */
describe('CLI privacy annex and privacy check against PostgreSQL', function () {
  let env: Record<string, string>;
  let sql: Awaited<ReturnType<typeof cliDatabase>>['sql'];
  let participant: string;

  before(async function () {
    // migrate + demo (+ a dump) through the bin: minutes on a busy machine.
    this.timeout(300_000);
    ({ env, sql } = await cliDatabase(this, '_cli_privacy', 'CLI privacy'));
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    const demo = await runCli(['demo', '--json'], env);
    expect(demo.code, demo.stderr).to.equal(0);
    participant = JSON.parse(demo.stdout).participant;
    expect(participant).to.be.a('string');
  });

  it('refuses a bad annex with a specific reason and exit 2; unknown participant exit 3', async () => {
    let r = await runCli(['participant', 'annex', 'set', '--name', participant, '--categories', 'firstName,shoeSize', '--json'], env);
    expect(r.code).to.equal(2);
    expect(JSON.parse(r.stdout)).to.deep.include({ error: 'validation' });
    expect(r.stderr).to.contain('unknown category shoeSize');
    r = await runCli(['participant', 'annex', 'set', '--name', participant, '--categories', 'firstName', '--purpose', 'Rekenen'], env);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('storage location');
    r = await runCli(
      [
        'participant',
        'annex',
        'set',
        '--name',
        participant,
        '--categories',
        'firstName',
        '--purpose',
        'x',
        '--storage-location',
        'NL',
        '--sub-processor',
        'only-a-name',
      ],
      env,
    );
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('name|purpose|location');
    r = await runCli(['participant', 'annex', 'show', '--name', 'Niemand BV'], env);
    expect(r.code).to.equal(3);
    const shown = await runCli(['participant', 'annex', 'show', '--name', participant, '--json'], env);
    expect(JSON.parse(shown.stdout)).to.deep.include({ declared: false, annex: null });
  });

  it('declares, widens (schools must accept), shows; audited', async () => {
    const base = DEFAULT_RELEASE.join(',');
    let r = await runCli(
      [
        'participant',
        'annex',
        'set',
        '--name',
        participant,
        '--categories',
        base,
        '--purpose',
        'Inloggen op het lesmateriaal',
        '--sub-processor',
        'Hosting BV|hosting|Amsterdam, NL',
        '--storage-location',
        'Nederland (EU)',
        '--json',
      ],
      env,
    );
    expect(r.code, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout)).to.deep.include({ added: [], removed: [], schoolsToAccept: 0 });
    r = await runCli(['participant', 'annex', 'set', '--name', participant, '--categories', `${base},birthDate`, '--json'], env);
    expect(r.code, r.stderr).to.equal(0);
    const widened = JSON.parse(r.stdout);
    expect(widened).to.deep.include({ added: ['birthDate'], removed: [] });
    expect(widened.schoolsToAccept).to.be.greaterThan(0);
    // The delegates of those schools are told, in plain words, through the outbox.
    expect(widened.delegatesMailed).to.be.greaterThan(0);
    const mails = (JSON.parse((await runCli(['outbox', '--json'], env)).stdout) as Array<{ subject: string; body: string }>).filter((m) =>
      m.subject.includes('vraagt om meer gegevens'),
    );
    expect(mails).to.have.length(widened.delegatesMailed);
    expect(mails[0]!.body).to.contain('geboortedatum').and.contain('birth date').and.contain('/admin/activations').and.contain('art. 13.3');
    expect(mails[0]!.body.indexOf('geboortedatum'), 'Dutch first').to.be.lessThan(mails[0]!.body.indexOf('birth date'));
    expect(widened.annex.subProcessors).to.deep.equal([{ name: 'Hosting BV', purpose: 'hosting', location: 'Amsterdam, NL' }]);
    const human = await runCli(['participant', 'annex', 'show', '--name', participant], env);
    expect(human.stdout)
      .to.contain('birthDate')
      .and.contain('sub-processor: Hosting BV (hosting; Amsterdam, NL)')
      .and.contain('storage: Nederland (EU)');
    const rows = await sql(
      `SELECT a.accepted_categories FROM activations a JOIN participants p ON p.id = a.participant_id WHERE p.name = $1 AND a.enabled`,
      [participant],
    );
    expect(rows.length).to.be.greaterThan(0);
    for (const row of rows) expect(row.accepted_categories).to.not.include('birthDate');
    expect(await sql(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'participant.annex'`)).to.deep.equal([{ n: 2 }]);
  });

  it('privacy check: exit 0 without differences; exit 1 and the difference named when the ledger shows an undeclared release', async () => {
    let r = await runCli(['privacy', 'check', '--json'], env);
    expect(r.code, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout).ok).to.equal(true);
    // A release the annex does not list (as the ledger records every release): e-mail.
    await sql(
      `INSERT INTO release_ledger (school_id, participant_id, channel, categories, people_count)
       SELECT s.id, p.id, 'sso', ARRAY['firstName', 'email'], 1 FROM schools s, participants p WHERE p.name = $1 LIMIT 1`,
      [participant],
    );
    r = await runCli(['privacy', 'check', '--json'], env);
    expect(r.code).to.equal(1);
    const out = JSON.parse(r.stdout);
    expect(out.ok).to.equal(false);
    expect(out.participants.find((p: { participant: string }) => p.participant === participant)).to.deep.include({
      undeclared: ['email'],
      annexDeclared: true,
    });
    r = await runCli(['privacy', 'check'], env);
    expect(r.code).to.equal(1);
    expect(r.stdout).to.contain(`DIFFERENCE ${participant}: released but not declared: email`);
    // The retention run reports it too (and does not fail on it: acting on it is the operator's call).
    r = await runCli(['retention', 'run', '--dry-run', '--json'], env);
    expect(r.code, r.stderr).to.equal(0);
    const step = JSON.parse(r.stdout).steps.find((st: { name: string }) => st.name === 'privacy-check');
    expect(step.ok, 'reported, not a failed step').to.equal(true);
    expect(step.details).to.deep.include({ ok: false });
    expect(step.details.differences[0]).to.deep.include({ undeclared: ['email'] });
    expect(step.summary).to.contain('received undeclared email');
    // A bad --since is a usage error.
    r = await runCli(['privacy', 'check', '--since', 'yesterday'], env);
    expect(r.code).to.equal(2);
  });
});

import { expect } from 'chai';
import { cliDatabase, runCli } from '../support/cli';

/**
 * `leerpoort support find|show` (data-processing agreement annex 2 I) against PostgreSQL with the built
 * bin: a reason is required, one user by username or school + full name, only what support needs
 * (never birth date, keys, e-mail or picture), `--json`, and every lookup audited with the OS user as actor.
 */
describe('CLI support find|show: reason required, one user, audited as the operator at the shell (PostgreSQL)', function () {
  let env: Record<string, string>;
  let sql: Awaited<ReturnType<typeof cliDatabase>>['sql'];
  const reason = 'Ticket 5150: ouder meldt dat Sanne niet kan inloggen';

  before(async function () {
    ({ env, sql } = await cliDatabase(this, '_cli_support', 'CLI support'));
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    expect((await runCli(['demo'], env)).code).to.equal(0);
  });

  it('without --reason (or with too short a one) nothing is looked up or recorded', async () => {
    const missing = await runCli(['support', 'find', '--username', 'demo.leerling1'], env);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain("required option '--reason <text>' not specified");
    const short = await runCli(['support', 'find', '--username', 'demo.leerling1', '--reason', '  kijken  ', '--json'], env);
    expect(short.code).to.equal(2);
    expect(JSON.parse(short.stdout)).to.deep.include({ error: 'validation' });
    expect(short.stderr).to.contain('at least 10 characters');
    const both = await runCli(['support', 'find', '--username', 'x', '--school', '99ZZ', '--name', 'a b', '--reason', reason], env);
    expect(both.code).to.equal(2);
    expect(both.stderr).to.contain('give --username, or --school and --name');
    expect(await sql("SELECT * FROM audit_events WHERE action LIKE 'support.%'")).to.deep.equal([]);
  });

  it('finds by school and full name, shows the account state as JSON — no birth date, keys or e-mail — and audits both with the reason', async () => {
    expect((await runCli(['support', 'find', '--school', '99ZZ', '--name', 'Sanne', '--reason', reason], env)).code).to.equal(2);
    const found = await runCli(['support', 'find', '--school', '99zz', '--name', 'sanne vries', '--reason', reason, '--json'], env);
    expect(found.code, found.stderr).to.equal(0);
    const matches = JSON.parse(found.stdout);
    expect(matches).to.have.length(1);
    expect(matches[0]).to.deep.include({ name: 'Sanne de Vries', role: 'pupil', username: 'demo.leerling1' });

    const shown = await runCli(['support', 'show', '--person', matches[0].personId, '--reason', reason, '--json'], env);
    expect(shown.code, shown.stderr).to.equal(0);
    const view = JSON.parse(shown.stdout);
    expect(view).to.deep.include({ name: 'Sanne de Vries', active: true, groups: view.groups });
    expect(view.account).to.deep.include({ username: 'demo.leerling1', twoFactor: false, picturePassword: true, throttledUntil: null });
    for (const hidden of ['2017-03-14', 'LL001', 'ketenid', '@', 'uil']) expect(shown.stdout, hidden).not.to.contain(hidden);

    const human = await runCli(['support', 'show', '--person', matches[0].personId, '--reason', reason], env);
    expect(human.stdout).to.contain('two-step:    not enrolled').and.to.contain('last login:  never');

    const audit = await sql(
      "SELECT action, actor_type, actor_id, target_id, details FROM audit_events WHERE action LIKE 'support.%' AND outcome = 'success' ORDER BY id",
    );
    expect(audit.map((a) => a.action)).to.deep.equal(['support.find', 'support.view', 'support.view']);
    for (const a of audit) {
      expect(a.actor_type).to.equal('cli');
      expect((a.details as { reason: string }).reason).to.equal(reason);
    }
    expect(audit[1]!.target_id).to.equal(matches[0].personId);
    expect(JSON.stringify(audit)).not.to.contain('Vries');
  });

  it('an unknown person or school is "not found" (exit 3)', async () => {
    const person = await runCli(['support', 'show', '--person', '00000000-0000-4000-8000-000000000000', '--reason', reason], env);
    expect(person.code).to.equal(3);
    const school = await runCli(['support', 'find', '--school', '00XX', '--name', 'Sanne de Vries', '--reason', reason], env);
    expect(school.code).to.equal(3);
  });
});

import { expect } from 'chai';
import { cliDatabase, runCli } from '../support/cli';

/** `leerpoort breach record|list|show|confirm|notify` through the built bin, against PostgreSQL (security annex C). */
describe('CLI breach register (record, list, show, confirm, notify) against PostgreSQL', function () {
  let env: Record<string, string>;
  let sql: Awaited<ReturnType<typeof cliDatabase>>['sql'];
  let brin = '';
  let id = '';
  type Mail = { to: string; subject: string; body: string };
  const outbox = async (): Promise<Mail[]> => JSON.parse((await runCli(['outbox', '--json'], env)).stdout);
  const record = (extra: string[] = []) => [
    'breach',
    'record',
    '--detected',
    new Date(Date.now() - 3 * 3_600_000).toISOString(),
    '--summary',
    'Back-up zonder versleuteling gekopieerd',
    '--nature',
    'copy,theft',
    '--cause',
    'Gestolen schijf',
    '--measures',
    'Sleutels geroteerd',
    '--school',
    `${brin}:120`,
    '--affected',
    'pupils,teachers',
    '--categories',
    'firstName,lastName,birthDate',
    '--access-data',
    ...extra,
  ];

  before(async function () {
    ({ env, sql } = await cliDatabase(this, '_cli_breach', 'CLI breach'));
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    const demo = await runCli(['demo', '--json'], env);
    expect(demo.code, demo.stderr).to.equal(0);
    brin = JSON.parse(demo.stdout).school.brin;
  });

  it('records a breach with the annex fields (--json), audited as the CLI user', async () => {
    const r = await runCli([...record(), '--json'], env);
    expect(r.code, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout);
    id = out.id;
    expect(out).to.deep.include({
      natures: ['copy', 'theft'],
      affectedKinds: ['pupils', 'teachers'],
      dataCategories: ['firstName', 'lastName', 'birthDate'],
      accessDataAffected: true,
      affectedPeople: 120,
      confirmedAt: null,
      notification: { state: 'unconfirmed', deadline: null, late: false },
    });
    expect(out.affectedSchools).to.have.length(1);
    expect(out.affectedSchools[0]).to.include({ brin, peopleCount: 120 });
    expect(await sql("SELECT actor_type, target_id FROM audit_events WHERE action = 'breach.record'")).to.deep.equal([
      { actor_type: 'cli', target_id: id },
    ]);
  });

  it('refuses bad input with exit code 2 and the reason on one line (and as JSON); stores nothing; audits the refusal', async () => {
    const before = (await sql('SELECT count(*)::int AS n FROM breaches'))[0]!.n;
    const bad = await runCli(record(['--nature', 'lek']), env);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain("unknown nature 'lek'");
    expect(bad.stderr.trim().split('\n')).to.have.length(1);
    const json = await runCli([...record(['--school', '98YY:1']), '--json'], env);
    expect(json.code).to.equal(2);
    expect(JSON.parse(json.stdout)).to.deep.include({ error: 'validation' });
    expect(JSON.parse(json.stdout).message).to.contain("unknown school '98YY'");
    const when = await runCli(record(['--detected', 'gisteren']), env);
    expect(when.code).to.equal(2);
    expect(when.stderr).to.contain('enter when the breach was detected');
    expect((await sql('SELECT count(*)::int AS n FROM breaches'))[0]!.n).to.equal(before);
    expect(
      (await sql("SELECT count(*)::int AS n FROM audit_events WHERE action = 'breach.record' AND outcome = 'failure'"))[0]!.n,
    ).to.equal(3);
  });

  it('notify before confirm is refused (exit 4); confirm starts the 24 hours; list and show say so', async () => {
    const early = await runCli(['breach', 'notify', id], env);
    expect(early.code).to.equal(4);
    expect(early.stderr).to.contain('confirm the breach first');
    const c = await runCli(['breach', 'confirm', id, '--json'], env);
    expect(c.code, c.stderr).to.equal(0);
    const confirmed = JSON.parse(c.stdout);
    expect(confirmed.notification.state).to.equal('due');
    expect(new Date(confirmed.notification.deadline).getTime() - new Date(confirmed.confirmedAt).getTime()).to.equal(24 * 3_600_000);
    expect((await runCli(['breach', 'confirm', id], env)).code, 'twice').to.equal(4);
    const list = await runCli(['breach', 'list'], env);
    expect(list.stdout)
      .to.contain(id)
      .and.to.match(/notify by \S+ \(2[34] h left\)/);
    const show = await runCli(['breach', 'show', id], env);
    expect(show.stdout).to.contain('nature:       copy, theft').and.to.contain('ACCESS/IDENTIFICATION DATA');
    expect((await runCli(['breach', 'show', 'nonsense'], env)).code).to.equal(3);
  });

  it('notify mails the delegates of the affected school the annex fields in Dutch and English, once', async () => {
    const before = (await outbox()).length;
    const n = await runCli(['breach', 'notify', id, '--json'], env);
    expect(n.code, n.stderr).to.equal(0);
    const out = JSON.parse(n.stdout);
    expect(out.late).to.equal(false);
    expect(out.delegatesNotified).to.be.greaterThan(0);
    const mails = (await outbox()).slice(before);
    expect(mails).to.have.length(out.delegatesNotified);
    expect(mails[0]!.subject).to.equal(`Leerpoort: melding datalek / data breach notification (${brin})`);
    expect(mails[0]!.body).to.contain('Aard: kopiëren, diefstal').and.to.contain('Nature: copy, theft');
    expect(mails[0]!.body).to.contain('Getroffen gegevens: voornaam, achternaam, geboortedatum');
    expect((await runCli(['breach', 'notify', id], env)).code, 'twice').to.equal(4);
    expect((await outbox()).length).to.equal(before + out.delegatesNotified);
  });

  it('lists an overdue breach as OVERDUE (and late in --json)', async () => {
    const r = JSON.parse((await runCli([...record(), '--json'], env)).stdout);
    await sql("UPDATE breaches SET confirmed_at = now() - interval '25 hours', confirmed_by = 'cli:test' WHERE id = $1", [r.id]);
    const list = await runCli(['breach', 'list'], env);
    expect(list.stdout.split('\n').find((l) => l.startsWith(r.id))).to.match(/OVERDUE since \S+ \(1 h\)/);
    const json = JSON.parse((await runCli(['breach', 'list', '--json'], env)).stdout) as Array<{
      id: string;
      notification: { state: string; late: boolean };
    }>;
    expect(json.find((b) => b.id === r.id)!.notification).to.deep.include({ state: 'overdue', late: true });
    expect(json.find((b) => b.id === id)!.notification).to.deep.include({ state: 'notified', late: false });
  });
});

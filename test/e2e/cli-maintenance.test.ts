import { expect } from 'chai';
import { amsterdamTime } from '../../src/domain/calendar';
import { cliDatabase, runCli } from '../support/cli';

/** `leerpoort maintenance schedule|list|cancel` through the built bin, against PostgreSQL (agreement art. 4). */
describe('CLI maintenance windows (schedule, list, cancel) against PostgreSQL', function () {
  let env: Record<string, string>;
  let sql: Awaited<ReturnType<typeof cliDatabase>>['sql'];
  const inDays = (days: number, hours = 0) => new Date(Math.floor(Date.now() / 60_000) * 60_000 + days * 86_400_000 + hours * 3_600_000);
  type Mail = { to: string; subject: string; body: string };
  const outbox = async (): Promise<Mail[]> => JSON.parse((await runCli(['outbox', '--json'], env)).stdout);

  before(async function () {
    ({ env, sql } = await cliDatabase(this, '_cli_maint', 'CLI maintenance'));
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    expect((await runCli(['demo'], env)).code).to.equal(0);
  });

  it('schedules a window announced more than 72 hours ahead: the delegates are mailed, Dutch first, and it is audited', async () => {
    const start = inDays(4);
    const end = inDays(4, 2);
    const before = (await outbox()).length;
    const r = await runCli(
      [
        'maintenance',
        'schedule',
        '--start',
        start.toISOString(),
        '--end',
        end.toISOString(),
        '--nl',
        'Nieuwe databaseserver',
        '--en',
        'New database server',
        '--json',
      ],
      env,
    );
    expect(r.code, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout);
    expect(out).to.include({ startsAt: start.toISOString(), endsAt: end.toISOString(), descriptionNl: 'Nieuwe databaseserver' });
    expect(out.delegatesNotified).to.be.greaterThan(0);
    const mails = (await outbox()).slice(before);
    expect(mails).to.have.length(out.delegatesNotified);
    const mail = mails[0]!;
    expect(mail.to).to.match(/@/);
    expect(mail.subject).to.equal('Leerpoort: gepland onderhoud / planned maintenance');
    expect(mail.body.indexOf('Nieuwe databaseserver'), 'Dutch first').to.be.lessThan(mail.body.indexOf('New database server'));
    expect(mail.body).to.contain('(Nederlandse tijd)').and.to.contain('(Dutch time)').and.to.contain('/status');
    const audit = await sql("SELECT actor_type, target_id, details FROM audit_events WHERE action = 'maintenance.schedule'");
    expect(audit).to.have.length(1);
    expect(audit[0]).to.include({ actor_type: 'cli', target_id: out.id });
    expect(audit[0]!.details).to.include({ basis: 'notice', delegatesNotified: out.delegatesNotified });
  });

  it('reads a time without offset as Amsterdam wall clock', async () => {
    const start = inDays(6);
    const local = (d: Date) => {
      const t = amsterdamTime(d);
      return `${t.day}T${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
    };
    const r = await runCli(
      ['maintenance', 'schedule', '--start', local(start), '--end', local(inDays(6, 1)), '--nl', 'Updates', '--en', 'Updates', '--json'],
      env,
    );
    expect(r.code, r.stderr).to.equal(0);
    expect(JSON.parse(r.stdout).startsAt).to.equal(start.toISOString());
  });

  it('refuses short notice with the reason in Dutch and English, and stores and mails nothing', async () => {
    const mailsBefore = (await outbox()).length;
    const windowsBefore = (await sql('SELECT count(*)::int AS n FROM maintenance_windows'))[0]!.n;
    // One start for the command and the check: inDays rounds to the minute, and a minute may pass in between.
    const start = inDays(1);
    const r = await runCli(
      [
        'maintenance',
        'schedule',
        '--start',
        start.toISOString(),
        '--end',
        new Date(start.getTime() + 2 * 3_600_000).toISOString(),
        '--nl',
        'x',
        '--en',
        'y',
      ],
      env,
    );
    expect(r.code).to.equal(2);
    expect(r.stderr).to.contain('minstens 3 dagen (72 uur) vooraf').and.to.contain('at least 3 days (72 hours) ahead');
    expect(r.stderr).to.contain('it lasts 5 minutes or longer');
    expect(r.stderr.trim().split('\n'), 'one line').to.have.length(1);
    expect((await sql('SELECT count(*)::int AS n FROM maintenance_windows'))[0]!.n).to.equal(windowsBefore);
    expect((await outbox()).length).to.equal(mailsBefore);
    const bad = await runCli(['maintenance', 'schedule', '--start', 'morgen', '--end', 'overmorgen', '--nl', 'x', '--en', 'y'], env);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('--start must be a time like');
    const noEnglish = await runCli(
      ['maintenance', 'schedule', '--start', inDays(5).toISOString(), '--end', inDays(5, 1).toISOString(), '--nl', 'x', '--en', '  '],
      env,
    );
    expect(noEnglish.code).to.equal(2);
    expect(noEnglish.stderr).to.contain('the English description is missing');
    // Every refused attempt is on the record: who (the CLI's OS user), why — never the descriptions.
    const refused = (await sql(
      "SELECT actor_type, outcome, details FROM audit_events WHERE action = 'maintenance.schedule' AND outcome = 'failure' ORDER BY id",
    )) as Array<{ actor_type: string; details: { reason: string; startsAt: string | null } }>;
    expect(refused.map((r) => r.actor_type)).to.deep.equal(['cli', 'cli', 'cli']);
    expect(refused[0]!.details.reason).to.contain('at least 3 days (72 hours) ahead');
    expect(refused[0]!.details.startsAt).to.equal(start.toISOString());
    expect(refused[1]!.details).to.deep.include({ startsAt: null, endsAt: null });
    expect(refused[1]!.details.reason).to.contain('--start must be a time like');
    expect(refused[2]!.details.reason).to.contain('the English description is missing');
  });

  it('lists coming windows, cancels one (delegates mailed, audited); cancelling twice or an unknown id is refused', async () => {
    const list = JSON.parse((await runCli(['maintenance', 'list', '--json'], env)).stdout) as Array<{ id: string; startsAt: string }>;
    expect(list).to.have.length(2);
    expect(list[0]!.startsAt < list[1]!.startsAt, 'earliest first').to.equal(true);
    const human = await runCli(['maintenance', 'list'], env);
    expect(human.stdout).to.contain(list[0]!.id).and.to.contain('New database server');

    const before = (await outbox()).length;
    const cancel = await runCli(['maintenance', 'cancel', list[0]!.id, '--json'], env);
    expect(cancel.code, cancel.stderr).to.equal(0);
    const out = JSON.parse(cancel.stdout);
    expect(out.cancelledAt).to.be.a('string');
    const mails = (await outbox()).slice(before);
    expect(mails).to.have.length(out.delegatesNotified);
    expect(mails[0]!.subject).to.equal('Leerpoort: onderhoud geannuleerd / maintenance cancelled');
    expect(mails[0]!.body).to.contain('gaat niet door').and.to.contain('has been cancelled');
    expect(await sql("SELECT target_id FROM audit_events WHERE action = 'maintenance.cancel'")).to.deep.equal([{ target_id: list[0]!.id }]);

    const again = await runCli(['maintenance', 'cancel', list[0]!.id], env);
    expect(again.code).to.equal(4);
    expect(again.stderr).to.contain('already cancelled');
    expect((await runCli(['maintenance', 'cancel', '00000000-0000-4000-8000-000000000000'], env)).code).to.equal(3);
    expect((await runCli(['maintenance', 'cancel', 'nonsense'], env)).code).to.equal(3);

    const coming = JSON.parse((await runCli(['maintenance', 'list', '--json'], env)).stdout);
    expect(coming.map((w: { id: string }) => w.id)).to.deep.equal([list[1]!.id]);
    const all = JSON.parse((await runCli(['maintenance', 'list', '--all', '--json'], env)).stdout);
    expect(all).to.have.length(2);
  });
});

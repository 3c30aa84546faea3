import { expect } from 'chai';
import { cliDatabase, runCli } from '../support/cli';

/** `leerpoort school board|warn|warnings|suspend|unsuspend` through the built bin, against PostgreSQL (agreement art. 12). */
describe('CLI misuse warnings and suspension (art. 12) against PostgreSQL', function () {
  // Every step is a process of its own (the built bin), some 20 in a row.
  this.timeout(240_000);
  let env: Record<string, string>;
  let sql: Awaited<ReturnType<typeof cliDatabase>>['sql'];
  let brin: string;
  type Mail = { to: string; subject: string; body: string };
  const outbox = async (): Promise<Mail[]> => JSON.parse((await runCli(['outbox', '--json'], env)).stdout);
  const json = async (args: string[]) => {
    const r = await runCli([...args, '--json'], env);
    return { ...r, out: r.stdout ? JSON.parse(r.stdout) : null };
  };

  before(async function () {
    ({ env, sql } = await cliDatabase(this, '_cli_misuse', 'CLI misuse'));
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    const demo = await runCli(['demo', '--json'], env);
    expect(demo.code, demo.stderr).to.equal(0);
    brin = JSON.parse(demo.stdout).school.brin;
  });

  it('warns (delegates and board mailed), refuses to suspend before the deadline, suspends after it, once; lifts once', async () => {
    expect((await json(['school', 'board', '--brin', brin, '--email', 'bestuur@stichting.example.nl'])).code).to.equal(0);
    const bad = await json(['school', 'board', '--brin', brin, '--email', 'not an address']);
    expect(bad.code).to.equal(2);
    expect(bad.out).to.deep.include({ error: 'validation' });

    const before = (await outbox()).length;
    const deadline = new Date(Date.now() + 7 * 86_400_000);
    const warned = await json([
      'school',
      'warn',
      '--brin',
      brin,
      '--observed',
      'Eén account wordt door de hele klas gebruikt',
      '--measures',
      'Geef elke leerling een eigen account',
      '--deadline',
      deadline.toISOString(),
    ]);
    expect(warned.code, warned.stderr).to.equal(0);
    expect(warned.out).to.include({
      state: 'open',
      deadline: deadline.toISOString(),
      requiredMeasures: 'Geef elke leerling een eigen account',
    });
    const mails = (await outbox()).slice(before);
    expect(mails).to.have.length(warned.out.notified);
    expect(mails.map((m) => m.to)).to.include('bestuur@stichting.example.nl');
    expect(mails[0]!.subject).to.equal('Leerpoort: schriftelijke waarschuwing / written warning (art. 12)');

    const early = await runCli(['school', 'suspend', '--brin', brin, '--explanation', 'te vroeg'], env);
    expect(early.code).to.equal(2);
    expect(early.stderr).to.contain('eerder opschorten kan alleen').and.contain('suspending earlier needs an immediate reason');
    expect(early.stderr.trim().split('\n'), 'one line').to.have.length(1);
    expect((await sql('SELECT suspended_at FROM schools WHERE brin = $1', [brin.slice(0, 4)]))[0]!.suspended_at).to.equal(null);

    // The deadline passes (the school took no measures).
    await sql("UPDATE misuse_warnings SET issued_at = now() - interval '8 days', deadline = now() - interval '1 minute'");
    const suspended = await json(['school', 'suspend', '--brin', brin, '--explanation', 'geen maatregelen genomen']);
    expect(suspended.code, suspended.stderr).to.equal(0);
    expect(suspended.out).to.include({ basis: 'expired_warning', warningId: warned.out.id, liftedAt: null });
    const twice = await json(['school', 'suspend', '--brin', brin, '--explanation', 'nog eens']);
    expect(twice.code).to.equal(4);
    expect(twice.out).to.deep.include({ error: 'conflict' });

    const shown = await json(['school', 'warnings', '--brin', brin]);
    expect(shown.out.suspension).to.include({ basis: 'expired_warning' });
    expect(shown.out.warnings.map((w: { state: string }) => w.state)).to.deep.equal(['expired']);
    expect(shown.out.boardEmail).to.equal('bestuur@stichting.example.nl');

    const lifted = await json(['school', 'unsuspend', '--brin', brin, '--note', 'eigen accounts aangemaakt']);
    expect(lifted.code, lifted.stderr).to.equal(0);
    expect(lifted.out.liftNote).to.equal('eigen accounts aangemaakt');
    expect((await json(['school', 'unsuspend', '--brin', brin, '--note', 'x'])).code).to.equal(4);
    const afterLift = await json(['school', 'warnings', '--brin', brin]);
    expect(afterLift.out.suspension).to.equal(null);
    expect(afterLift.out.warnings[0]).to.include({ state: 'closed', closing: 'measures_taken' });

    const audit = await sql(
      "SELECT action, outcome, actor_type FROM audit_events WHERE action LIKE 'school.%' OR action LIKE 'misuse.%' ORDER BY occurred_at",
    );
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).to.include.members([
      'school.board_email:success',
      'misuse.warn:success',
      'school.suspend:failure',
      'school.suspend:success',
      'school.unsuspend:success',
    ]);
    const ours = audit.filter((a) =>
      ['school.board_email', 'misuse.warn', 'school.suspend', 'school.unsuspend'].includes(String(a.action)),
    );
    expect(ours.map((a) => a.actor_type)).to.deep.equal(ours.map(() => 'cli'));
  });

  it('suspends at once only for a reason the agreement allows; unknown schools are exit 3', async () => {
    const bogus = await json(['school', 'suspend', '--brin', brin, '--immediate', 'gut_feeling', '--explanation', 'x']);
    expect(bogus.code).to.equal(2);
    expect(bogus.out.message).to.contain("'gut_feeling' is not a reason to suspend at once");
    const now = await json(['school', 'suspend', '--brin', brin, '--immediate', 'security_threat', '--explanation', 'aanval op de inlog']);
    expect(now.code, now.stderr).to.equal(0);
    expect(now.out).to.include({ basis: 'immediate', immediateReason: 'security_threat' });
    expect((await json(['school', 'unsuspend', '--brin', brin, '--note', 'aanval gestopt'])).code).to.equal(0);
    expect(
      (
        await json([
          'school',
          'warn',
          '--brin',
          brin === '98YY' ? '97XX' : '98YY',
          '--observed',
          'x',
          '--measures',
          'y',
          '--deadline',
          new Date(Date.now() + 86_400_000).toISOString(),
        ])
      ).code,
    ).to.equal(3);
  });
});

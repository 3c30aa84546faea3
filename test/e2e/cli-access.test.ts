import { expect } from 'chai';
import { PASSWORD_PICTURES } from '../../src/domain/identity/pictures';
import { cliDatabase, runCli } from '../support/cli';

/** The access commands of the built bin: school networks, pupils' home e-mail addresses, picture passwords, operators. */
describe('CLI access commands (homeaccess networks|email, user pictures, operator add) against PostgreSQL', function () {
  let env: Record<string, string>;
  let sql: Awaited<ReturnType<typeof cliDatabase>>['sql'];

  before(async function () {
    ({ env, sql } = await cliDatabase(this, '_cli_access', 'CLI access commands'));
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    const demo = await runCli(['demo', '--json'], env);
    expect(demo.code, demo.stderr).to.equal(0);
    const summary = JSON.parse(demo.stdout);
    expect(summary.parent.email).to.equal('ouders@demoschool.invalid');
    expect(summary.pictures.map((p: { username: string }) => p.username)).to.deep.equal(['demo.leerling1', 'demo.leerling2']);
    expect(summary.operator.roles).to.deep.equal(['helpdesk']);
  });

  it('shows and replaces the school network; bad ranges and unknown schools are refused with the reason and change nothing', async () => {
    const shown = await runCli(['homeaccess', 'networks', '--school', '99ZZ', '--json'], env);
    expect(JSON.parse(shown.stdout).networks).to.deep.equal(['127.0.0.0/8', '::1/128']);
    const hostBits = await runCli(['homeaccess', 'networks', '--school', '99ZZ', '--set', '10.1.2.3/8'], env);
    expect(hostBits.code).to.equal(2);
    expect(hostBits.stderr).to.contain("'10.1.2.3/8' has host bits set; did you mean 10.0.0.0/8");
    const junk = await runCli(['homeaccess', 'networks', '--school', '99ZZ', '--set', '192.0.2.0/24,schoolnet'], env);
    expect(junk.code).to.equal(2);
    expect(junk.stderr).to.contain("'schoolnet' is not an IP address or range");
    expect((await runCli(['homeaccess', 'networks', '--school', '00XX', '--set', '192.0.2.0/24'], env)).code).to.equal(3);
    expect(
      JSON.parse((await runCli(['homeaccess', 'networks', '--school', '99ZZ', '--json'], env)).stdout).networks,
      'unchanged',
    ).to.deep.equal(['127.0.0.0/8', '::1/128']);
    const set = await runCli(['homeaccess', 'networks', '--school', '99zz', '--set', '192.0.2.0/24, 2001:db8::/48', '--json'], env);
    expect(set.code, set.stderr).to.equal(0);
    expect(JSON.parse(set.stdout).networks).to.have.members(['192.0.2.0/24', '2001:db8::/48']);
    const audit = await sql("SELECT details FROM audit_events WHERE action = 'school.networks.set' ORDER BY occurred_at DESC LIMIT 1");
    expect((audit[0]!.details as { networks: string[] }).networks).to.deep.equal(['192.0.2.0/24', '2001:db8::/48']);
  });

  it("manages a pupil's home-access addresses: at most two, pupils only, removal of an unknown address refused", async () => {
    const add = await runCli(['homeaccess', 'email', '--username', 'demo.leerling1', '--add', 'oma@example.nl', '--json'], env);
    expect(add.code, add.stderr).to.equal(0);
    expect(JSON.parse(add.stdout).homeAccessEmails).to.equal(2);
    const third = await runCli(['homeaccess', 'email', '--username', 'demo.leerling1', '--add', 'opa@example.nl'], env);
    expect(third.code).to.equal(2);
    expect(third.stderr).to.contain('at most two');
    const bad = await runCli(['homeaccess', 'email', '--username', 'demo.leerling2', '--add', 'geen-adres'], env);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain("invalid e-mail address 'geen-adres'");
    const teacher = await runCli(['homeaccess', 'email', '--username', 'demo.leerkracht', '--add', 'x@example.nl'], env);
    expect(teacher.code).to.equal(2);
    expect(teacher.stderr).to.contain('only for pupils');
    expect((await runCli(['homeaccess', 'email', '--username', 'demo.leerling1', '--remove', 'nooit@example.nl'], env)).code).to.equal(3);
    expect((await runCli(['homeaccess', 'email', '--username', 'demo.leerling1'], env)).code).to.equal(2);
    const removed = await runCli(['homeaccess', 'email', '--username', 'demo.leerling1', '--remove', 'OMA@example.nl', '--json'], env);
    expect(JSON.parse(removed.stdout).homeAccessEmails).to.equal(1);
    expect(JSON.stringify(await sql('SELECT * FROM pupil_home_emails')))
      .not.to.contain('oma@')
      .and.not.to.contain('ouders@');
  });

  it('gives a pupil a new picture password, printed once; the picture stays', async () => {
    const before = (await sql("SELECT picture_password_hash FROM credentials WHERE picture_avatar = 'vos'"))[0].picture_password_hash;
    const r = await runCli(['user', 'pictures', '--username', 'demo.leerling2', '--json'], env);
    expect(r.code, r.stderr).to.equal(0);
    const out = JSON.parse(r.stdout);
    expect(out.avatar).to.equal('vos');
    expect(out.sequence).to.have.length(4);
    for (const p of out.sequence) expect(PASSWORD_PICTURES.map((x) => x.id)).to.include(p);
    const after = (await sql("SELECT picture_password_hash FROM credentials WHERE picture_avatar = 'vos'"))[0].picture_password_hash;
    expect(after)
      .to.match(/^\$argon2id\$/)
      .and.not.equal(before);
    expect((await runCli(['user', 'pictures', '--username', 'niemand'], env)).code).to.equal(3);
  });

  it('adds an operator with least-privilege roles; unknown roles, common passwords, no password and duplicates are refused', async () => {
    const base = ['operator', 'add', '--name', 'Hanna Helpdesk', '--email', 'hanna@leerpoort.example', '--username', 'hanna.ops'];
    const role = await runCli([...base, '--role', 'helpdesk,root'], env, 'Console-Lamp-Vijver-8\n');
    expect(role.code).to.equal(2);
    expect(role.stderr).to.contain("unknown operator role 'root'");
    const common = await runCli([...base, '--role', 'helpdesk'], env, 'password123\n');
    expect(common.code).to.equal(2);
    expect(common.stderr).to.contain('most common passwords');
    expect((await runCli([...base, '--role', 'helpdesk'], env, '')).stderr).to.contain('no password on stdin');
    const ok = await runCli([...base, '--role', 'helpdesk,dba', '--json'], env, 'Console-Lamp-Vijver-8\n');
    expect(ok.code, ok.stderr).to.equal(0);
    expect(JSON.parse(ok.stdout).roles).to.deep.equal(['helpdesk', 'dba']);
    expect(ok.stdout + ok.stderr).not.to.contain('Console-Lamp');
    const dup = await runCli([...base, '--role', 'dba'], env, 'Console-Lamp-Vijver-9\n');
    expect(dup.code).to.equal(4);
    expect(dup.stderr).to.contain('already');
    expect((await sql('SELECT count(*)::int AS n FROM operators'))[0].n, 'demo operator + Hanna').to.equal(2);
  });

  it("user reset-2fa removes an account's second factor (audited, owner mailed); no factor is a conflict, an unknown user not found", async () => {
    await sql(
      "UPDATE credentials SET totp_enabled = true, totp_secret_enc = 'x' WHERE person_id IN (SELECT id FROM people WHERE role = 'delegate')",
    );
    const ok = await runCli(['user', 'reset-2fa', '--username', 'demo.beheerder', '--json'], env);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(JSON.parse(ok.stdout)).to.deep.equal({ username: 'demo.beheerder', twoFactorReset: true });
    expect((await sql('SELECT count(*)::int AS n FROM credentials WHERE totp_enabled'))[0].n).to.equal(0);
    expect((await sql("SELECT actor_type FROM audit_events WHERE action = 'two_factor.reset'"))[0].actor_type).to.equal('cli');
    const mails = JSON.parse((await runCli(['outbox', '--json'], env)).stdout) as Array<{ to: string; body: string }>;
    expect(mails.some((m) => m.to === 'demo.beheerder@demoschool.invalid' && m.body.includes('verwijderd door een beheerder'))).to.equal(
      true,
    );
    const again = await runCli(['user', 'reset-2fa', '--username', 'demo.beheerder'], env);
    expect(again.code).to.equal(4);
    expect(again.stderr).to.contain('no two-step verification');
    expect((await runCli(['user', 'reset-2fa', '--username', 'niemand.hier'], env)).code).to.equal(3);
  });

  it('publishes agreement versions: ≥ 45 days ahead (refused otherwise), delegates notified, no duplicate versions', async () => {
    const dir = require('node:fs').mkdtempSync(require('node:path').join(require('node:os').tmpdir(), 'lp-agreement-'));
    const file = require('node:path').join(dir, 'v2.txt');
    require('node:fs').writeFileSync(file, 'Versie 2 van de product- en dienstenovereenkomst, met gewijzigde artikelen over thuistoegang.');
    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const early = await runCli(['agreement', 'publish', '--version', '2', '--file', file, '--effective', day(30)], env);
    expect(early.code).to.equal(2);
    expect(early.stderr).to.contain('at least 45 days');
    expect(
      (await runCli(['agreement', 'publish', '--version', '2', '--file', `${file}.missing`, '--effective', day(50)], env)).stderr,
    ).to.contain('cannot read');
    expect((await runCli(['agreement', 'publish', '--version', '2', '--file', file, '--effective', '1 januari'], env)).code).to.equal(2);
    const ok = await runCli(['agreement', 'publish', '--version', '2', '--file', file, '--effective', day(50), '--json'], env);
    expect(ok.code, ok.stderr).to.equal(0);
    expect(JSON.parse(ok.stdout)).to.deep.include({ version: '2', delegatesNotified: 1 });
    const again = await runCli(['agreement', 'publish', '--version', '2', '--file', file, '--effective', day(60)], env);
    expect(again.code).to.equal(4);
    expect(
      JSON.parse((await runCli(['agreement', 'list', '--json'], env)).stdout).map((v: { version: string }) => v.version),
    ).to.deep.equal(['2', 'demo-1']);
    const mails = JSON.parse((await runCli(['outbox', '--json'], env)).stdout) as Array<{ to: string; subject: string }>;
    expect(mails.filter((m) => m.subject.includes('overeenkomst 2 ')).map((m) => m.to)).to.deep.equal([
      'demo.beheerder@demoschool.invalid',
    ]);
  });
});

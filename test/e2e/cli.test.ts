import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { cliDatabase, runCli, startServe, stopChild } from '../support/cli';
import { childProcessDefaults, TEST_KEYRING_TEXT } from '../support/env';
import { freePort } from '../support/hub';
import { siblingDatabaseUrl } from '../support/postgres';

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

describe('CLI `leerpoort` against PostgreSQL (built bin)', function () {
  const url = siblingDatabaseUrl('_cli');
  let env: Record<string, string>;
  let sql: Awaited<ReturnType<typeof cliDatabase>>['sql'];
  const count = async (table: string) => (await sql(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n as number;

  before(async function () {
    ({ env, sql } = await cliDatabase(this, '_cli', 'CLI against PostgreSQL'));
  });

  it('refuses to work on an unmigrated database and says what to do', async () => {
    const r = await runCli(['school', 'add', '--brin', '12AB', '--name', 'X'], env);
    expect(r.code).to.equal(6);
    expect(r.stderr).to.contain('leerpoort migrate');
  });

  it('migrate applies the schema, and a second run says it is up to date', async () => {
    const first = await runCli(['migrate', '--json'], env);
    expect(first.code, first.stderr).to.equal(0);
    expect(JSON.parse(first.stdout).applied).to.have.length.greaterThan(0);
    const second = await runCli(['migrate'], env);
    expect(second.stdout).to.contain('up to date');
  });

  it('school add: creates, prints JSON, refuses a duplicate (exit 4) and a malformed BRIN (exit 2), writing nothing', async () => {
    const ok = await runCli(
      [
        'school',
        'add',
        '--brin',
        '12ab',
        '--name',
        'OBS De Regenboog',
        '--assu',
        '1234',
        '--street',
        'Kerkstraat',
        '--house-number',
        '1',
        '--postal-code',
        '1234 AB',
        '--city',
        'Utrecht',
        '--json',
      ],
      env,
    );
    expect(ok.code, ok.stderr).to.equal(0);
    expect(JSON.parse(ok.stdout)).to.deep.include({ brin: '12AB', dependanceCode: '00', name: 'OBS De Regenboog', assuNumber: '1234' });

    const dup = await runCli(['school', 'add', '--brin', '12AB', '--name', 'Again'], env);
    expect(dup.code).to.equal(4);
    expect(dup.stderr.trim().split('\n')).to.have.length(1);
    expect(dup.stderr).to.match(/^leerpoort: school 12AB already exists/);

    const bad = await runCli(['school', 'add', '--brin', '1A2B', '--name', 'Bad', '--json'], env);
    expect(bad.code).to.equal(2);
    expect(JSON.parse(bad.stdout)).to.deep.equal({ error: 'validation', message: JSON.parse(bad.stdout).message });
    expect(bad.stderr).to.contain("invalid BRIN '1A2B'");
    expect(await count('schools')).to.equal(1);
  });

  it('participant add, product add; unknown participant → exit 3', async () => {
    expect((await runCli(['participant', 'add', '--name', 'Uitgeverij Noord'], env)).code).to.equal(0);
    const dup = await runCli(['participant', 'add', '--name', 'Uitgeverij Noord'], env);
    expect(dup.code).to.equal(4);
    const product = await runCli(
      [
        'product',
        'add',
        '--participant',
        'Uitgeverij Noord',
        '--name',
        'Taalkanjers',
        '--launch-url',
        'https://noord.example/taal',
        '--json',
      ],
      env,
    );
    expect(product.code, product.stderr).to.equal(0);
    expect(JSON.parse(product.stdout)).to.deep.include({ name: 'Taalkanjers', launchUrl: 'https://noord.example/taal' });
    const unknown = await runCli(['product', 'add', '--participant', 'Niemand', '--name', 'X'], env);
    expect(unknown.code).to.equal(3);
    expect(unknown.stderr).to.contain("unknown participant 'Niemand'");
    const badUrl = await runCli(
      ['product', 'add', '--participant', 'Uitgeverij Noord', '--name', 'Y', '--launch-url', 'javascript:alert(1)'],
      env,
    );
    expect(badUrl.code).to.equal(2);
    expect(await count('products')).to.equal(1);
  });

  it('licence grant: whole school; unknown product/school → exit 3; no target → exit 2; nothing half-written', async () => {
    const ok = await runCli(
      ['licence', 'grant', '--school', '12AB', '--product', 'Taalkanjers', '--all', '--until', '2027-08-01', '--json'],
      env,
    );
    expect(ok.code, ok.stderr).to.equal(0);
    expect(JSON.parse(ok.stdout).licence).to.deep.include({ scope: 'all', validUntil: '2027-08-01T00:00:00.000Z' });
    expect((await runCli(['licence', 'grant', '--school', '12AB', '--product', 'Onbekend', '--all'], env)).code).to.equal(3);
    expect((await runCli(['licence', 'grant', '--school', '98ZZ', '--product', 'Taalkanjers', '--all'], env)).code).to.equal(3);
    expect((await runCli(['licence', 'grant', '--school', '12AB', '--product', 'Taalkanjers'], env)).code).to.equal(2);
    expect((await runCli(['licence', 'grant', '--school', '12AB', '--product', 'Taalkanjers', '--group', 'G1'], env)).code).to.equal(3);
    const both = await runCli(['licence', 'grant', '--school', '12AB', '--product', 'Taalkanjers', '--group', 'G1', '--all'], env);
    expect(both.code).to.equal(2);
    expect(
      (await runCli(['licence', 'grant', '--school', '12AB', '--product', 'Taalkanjers', '--all', '--seats', '-3'], env)).code,
    ).to.equal(2);
    expect(await count('licences')).to.equal(1);
    expect(await count("audit_events WHERE action = 'licence.grant'")).to.equal(1);
  });

  it('activation set --on / --off keeps the history', async () => {
    expect((await runCli(['activation', 'set', '--school', '12AB', '--participant', 'Uitgeverij Noord', '--on'], env)).code).to.equal(0);
    const off = await runCli(['activation', 'set', '--school', '12AB', '--participant', 'Uitgeverij Noord', '--off', '--json'], env);
    expect(JSON.parse(off.stdout).enabled).to.equal(false);
    expect(await count('activation_history')).to.equal(2);
    const history = JSON.parse(
      (await runCli(['activation', 'history', '--school', '12AB', '--participant', 'Uitgeverij Noord', '--json'], env)).stdout,
    );
    expect(history.map((h: { enabled: boolean }) => h.enabled)).to.deep.equal([true, false]);
    expect(history[0].changedBy).to.match(/^cli:/);
    expect((await runCli(['activation', 'set', '--school', '12AB', '--participant', 'Niemand', '--on'], env)).code).to.equal(3);
    expect((await runCli(['activation', 'set', '--school', '12AB', '--participant', 'Uitgeverij Noord'], env)).code).to.equal(2);
  });

  it('demo is idempotent and prints the contract JSON', async () => {
    const first = await runCli(['demo', '--json'], env);
    expect(first.code, first.stderr).to.equal(0);
    const demo = JSON.parse(first.stdout);
    expect(demo.school).to.deep.equal({ brin: '99ZZ', name: 'Demoschool De Leerpoort' });
    expect(demo.users.map((u: { role: string }) => u.role)).to.include.members(['pupil', 'teacher', 'delegate']);
    for (const u of demo.users) expect(u.username).to.be.a('string') && expect(u.password).to.be.a('string');
    expect(demo.participant).to.equal('Demo Uitgeverij');
    // The publisher registered is the run's own on its free port, never whatever answers on 3001 (`npm start`).
    expect(demo.sp).to.equal(`http://localhost:${childProcessDefaults().DEMO_PUBLISHER_PORT}/saml/metadata`);
    const people = await count('people');
    const second = await runCli(['demo', '--json'], env);
    expect(JSON.parse(second.stdout)).to.deep.equal(demo);
    expect(await count('people')).to.equal(people);
    expect(await count('licences')).to.equal(2);
  });

  it('licence list shows seats used; licence assign adds a person and refuses unknown targets', async () => {
    const list = await runCli(['licence', 'list', '--school', '99ZZ', '--json'], env);
    expect(list.code, list.stderr).to.equal(0);
    const [demo] = JSON.parse(list.stdout);
    expect(demo).to.deep.include({ product: 'Rekenrijk Demo', scope: 'assigned', seats: null, seatsUsed: 4, people: 0, current: true });
    const assign = await runCli(
      ['licence', 'assign', '--school', '99ZZ', '--product', 'Rekenrijk Demo', '--username', 'demo.leerling1', '--json'],
      env,
    );
    expect(assign.code, assign.stderr).to.equal(0);
    expect(JSON.parse((await runCli(['licence', 'list', '--school', '99ZZ', '--json'], env)).stdout)[0]).to.deep.include({
      seatsUsed: 4,
      people: 1,
    });
    expect(
      (await runCli(['licence', 'assign', '--school', '99ZZ', '--product', 'Rekenrijk Demo', '--username', 'niemand'], env)).code,
    ).to.equal(3);
    expect((await runCli(['licence', 'assign', '--school', '99ZZ', '--product', 'Rekenrijk Demo', '--group', 'G9'], env)).code).to.equal(3);
    expect((await runCli(['licence', 'assign', '--school', '99ZZ', '--product', 'Rekenrijk Demo'], env)).code).to.equal(2);
    expect(
      (await runCli(['licence', 'assign', '--school', '12AB', '--product', 'Taalkanjers', '--username', 'demo.leerling1'], env)).code,
      'whole-school licence',
    ).to.equal(2);
    const human = await runCli(['licence', 'list', '--school', '99ZZ'], env);
    expect(human.stdout).to.match(/Rekenrijk Demo .* seats 4\/∞/);
  });

  it('outbox prints queued mail: here the demo agreement notice to the demo delegate', async () => {
    const r = await runCli(['outbox', '--json'], env);
    expect(r.code, r.stderr).to.equal(0);
    const mails = JSON.parse(r.stdout) as Array<{ to: string; subject: string; body: string }>;
    expect(mails.map((m) => [m.to, m.subject])).to.deep.equal([
      ['demo.beheerder@demoschool.invalid', 'Leerpoort: nieuwe overeenkomst demo-1 / new agreement demo-1'],
    ]);
    expect(mails[0]!.body).to.contain('/admin/agreement');
  });

  it('school set --teacher-2fa and homeaccess set toggle the settings, audited', async () => {
    const on = await runCli(['school', 'set', '--brin', '12AB', '--teacher-2fa', 'on', '--json'], env);
    expect(on.code, on.stderr).to.equal(0);
    expect(JSON.parse(on.stdout).teacher2faRequired).to.equal(true);
    expect((await runCli(['school', 'set', '--brin', '12AB', '--teacher-2fa', 'maybe'], env)).code).to.equal(2);
    const home = await runCli(['homeaccess', 'set', '--school', '12AB', '--on', '--json'], env);
    expect(JSON.parse(home.stdout).homeAccessEnabled).to.equal(true);
    expect(JSON.parse((await runCli(['homeaccess', 'set', '--school', '12AB', '--off', '--json'], env)).stdout).homeAccessEnabled).to.equal(
      false,
    );
    expect((await runCli(['homeaccess', 'set', '--school', '12AB'], env)).code).to.equal(2);
    expect((await runCli(['homeaccess', 'set', '--school', '98ZZ', '--on'], env)).code).to.equal(3);
    expect(await count("audit_events WHERE action LIKE 'school.%'")).to.be.greaterThanOrEqual(4);
  });

  it('user passwd reads the password from stdin, enforces the policy, never echoes it', async () => {
    const ok = await runCli(['user', 'passwd', '--username', 'demo.leerkracht'], env, 'Nieuw-Krijtje-2027\n');
    expect(ok.code, ok.stderr).to.equal(0);
    expect(ok.stdout + ok.stderr).not.to.contain('Nieuw-Krijtje-2027');
    const weak = await runCli(['user', 'passwd', '--username', 'demo.leerkracht'], env, 'welkom123\n');
    expect(weak.code).to.equal(2);
    expect(weak.stderr).to.contain('common passwords');
    const unknown = await runCli(['user', 'passwd', '--username', 'niemand'], env, 'Whatever-Long-1\n');
    expect(unknown.code).to.equal(3);
    const empty = await runCli(['user', 'passwd', '--username', 'demo.leerkracht'], env, '');
    expect(empty.code).to.equal(2);
    // demo puts the printed password back
    await runCli(['demo'], env);
  });

  it('bad configuration: exit 78 listing every problem', async () => {
    const r = await runCli(['migrate'], { ...env, PORT: 'abc', SMTP_URL: 'http://nope' });
    expect(r.code).to.equal(78);
    expect(r.stderr).to.contain('PORT').and.contain('SMTP_URL');
    const prod = await runCli(['migrate'], { NODE_ENV: 'production', BASE_URL: 'https://hub.example.nl', CERTS_DIR: tmp('lp-prod-') });
    expect(prod.code).to.equal(78);
    expect(prod.stderr).to.contain('SESSION_SECRET').and.contain('DATA_ENCRYPTION_KEY').and.contain('DATABASE_URL');
  });

  it('production refuses to start without mounted SAML keys', async () => {
    const r = await runCli(['migrate'], {
      NODE_ENV: 'production',
      BASE_URL: 'https://hub.example.nl',
      DATABASE_URL: url,
      SESSION_SECRET: 's'.repeat(40),
      DATA_ENCRYPTION_KEY: TEST_KEYRING_TEXT,
      CERTS_DIR: tmp('lp-prod-'),
    });
    expect(r.code).to.equal(78);
    expect(r.stderr).to.contain('idp-signing.key');
  });

  it('PostgreSQL unreachable (a closed port): exit 75 and a Dutch/English "try again" line, for migrate, serve and a command', async () => {
    const port = await freePort(); // nobody listens there
    const closed = { ...env, DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/leerpoort` };
    for (const args of [['migrate'], ['school', 'add', '--brin', '12AB', '--name', 'X'], ['serve', '--migrate']]) {
      const r = await runCli(args, closed);
      expect(r.code, `${args[0]}: ${r.stderr}`).to.equal(75);
      const line = r.stderr.trim();
      expect(line.split('\n'), 'one line, no stack dump').to.have.length(1);
      expect(line).to.contain('database niet bereikbaar, probeer het zo opnieuw').and.contain('database unreachable, try again');
      expect(line, 'says where (without credentials) and why').to.contain(`127.0.0.1:${port}`).and.contain('ECONNREFUSED');
    }
    const json = await runCli(['school', 'add', '--brin', '12AB', '--name', 'X', '--json'], closed);
    expect(json.code).to.equal(75);
    expect(JSON.parse(json.stdout)).to.include({ error: 'unavailable' });
    // Not the same as a schema that is not migrated (6): that one retrying does not fix.
  });

  it('unknown command and missing option are usage errors (exit 2)', async () => {
    expect((await runCli(['bogus'], env)).code).to.equal(2);
    expect((await runCli(['school', 'add', '--brin', '12AB'], env)).code).to.equal(2);
  });
});

describe('CLI and hub on the embedded database (PGlite data folder)', function () {
  let dataDir: string;
  let env: Record<string, string>;
  before(() => {
    dataDir = tmp('lp-data-');
    env = { DATA_DIR: dataDir, CERTS_DIR: tmp('lp-certs-'), PORT: '0', LOG_LEVEL: 'warn' };
  });

  it('a fresh start generates dev keys, migrates, seeds the demo and serves /healthz; a second process is refused', async () => {
    const { child, output } = await startServe(['--migrate', '--demo'], env);
    try {
      expect(output()).to.contain('demo.leerling1').and.contain('Demoschool De Leerpoort');
      for (const f of ['idp-signing.key', 'idp-signing.crt', 'idp-encryption.key', 'data-encryption.key', 'session-secret']) {
        const stat = fs.statSync(path.join(env.CERTS_DIR!, f));
        expect(stat.mode & 0o077, `${f} is private`).to.equal(0);
      }
      const port = /\(port (\d+);/.exec(output())![1];
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).to.equal(200);
      expect(await health.json()).to.deep.equal({ status: 'ok' });
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).to.equal(200);
      expect(health.headers.get('x-content-type-options')).to.equal('nosniff');

      const second = await runCli(['school', 'add', '--brin', '12AB', '--name', 'X'], env);
      expect(second.code).to.equal(6);
      expect(second.stderr).to.contain('is in use by another Leerpoort process').and.contain(dataDir).and.contain('DATABASE_URL');
    } finally {
      expect(await stopChild(child)).to.equal(0);
    }
    // once the hub has stopped, the CLI may use the folder
    const after = await runCli(['school', 'add', '--brin', '12AB', '--name', 'Na de hub', '--json'], env);
    expect(after.code, after.stderr).to.equal(0);
  });

  it('an unusable DATA_DIR gets a clear error (exit 6)', async () => {
    const file = path.join(tmp('lp-file-'), 'not-a-dir');
    fs.writeFileSync(file, 'x');
    const r = await runCli(['migrate'], { ...env, DATA_DIR: file });
    expect(r.code).to.equal(6);
    expect(r.stderr).to.contain('DATA_DIR').and.contain('not a directory');
  });
});

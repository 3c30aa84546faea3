import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Client } from 'pg';
import { runCli } from '../support/cli';
import { TEST_KEYRING_TEXT, testEnv } from '../support/env';
import { postgresProblem, resetPostgresDatabase, siblingDatabaseUrl, skippedSuites } from '../support/postgres';

const EXAMPLE = fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/edexml/EDEXML.Voorbeeld.2.1.xml'), 'utf8');
// The example (with a BSN, a postal code and a comment) plus a photo URL: none of it may be kept.
const WITH_EXTRAS = EXAMPLE.replace(
  '<vestiging key="VH"/>',
  '<vestiging key="VH"/><fotourl>https://foto.example/wimpie-4711.jpg</fotourl><etniciteit>1</etniciteit>',
);

describe('CLI: import edexml (built bin, PostgreSQL)', function () {
  const url = siblingDatabaseUrl('_cli_import');
  let env: Record<string, string>;
  let dir: string;

  before(async function () {
    const problem = await postgresProblem();
    if (problem) {
      if (testEnv.isCI) throw new Error(`CI=true requires PostgreSQL: ${problem}`);
      skippedSuites.add(`CLI import: ${problem}`);
      this.skip();
    }
    await resetPostgresDatabase(url);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-cli-import-'));
    env = {
      DATABASE_URL: url,
      CERTS_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'lp-certs-')),
      DATA_ENCRYPTION_KEY: TEST_KEYRING_TEXT,
      LOG_LEVEL: 'trace',
    };
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    expect((await runCli(['school', 'add', '--brin', '99ZZ', '--name', 'Voorbeeldschool'], env)).code).to.equal(0);
  });

  it('dry run, apply with login cards, minimised storage and logs, clear refusals', async () => {
    const file = path.join(dir, 'export.xml');
    fs.writeFileSync(file, WITH_EXTRAS);
    const dry = await runCli(['import', 'edexml', file, '--dry-run'], env);
    expect(dry.code, dry.stderr).to.equal(0);
    expect(dry.stdout).to.contain('DRY RUN').and.contain('6 new');

    const cards = path.join(dir, 'kaartjes.html');
    const applied = await runCli(['import', 'edexml', file, '--school', '99ZZ', '--cards', cards, '--json'], env);
    expect(applied.code, applied.stderr).to.equal(0);
    const summary = JSON.parse(applied.stdout);
    expect(summary).to.deep.include({ school: '99ZZ', dryRun: false, newAccounts: 6, cards });
    expect(fs.statSync(cards).mode & 0o077).to.equal(0);
    const html = fs.readFileSync(cards, 'utf8');
    expect(html).to.contain('wimpie.i').and.contain('Inlogkaartjes');
    const password = /wimpie\.i<\/code><\/div>\s*<div class="field">Wachtwoord \/ password: <code>([^<]+)</.exec(html)![1]!;
    expect(applied.stdout + applied.stderr + dry.stdout + dry.stderr, 'no password in output or logs').not.to.contain(password);

    const c = new Client({ connectionString: url });
    await c.connect();
    const tables = (await c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).rows.map((r) => r.tablename as string);
    let dump = '';
    for (const t of tables) dump += JSON.stringify((await c.query(`SELECT * FROM "${t}"`)).rows);
    await c.end();
    const logs = applied.stdout + applied.stderr + dry.stdout + dry.stderr;
    for (const secret of [
      '133456785',
      'foto.example',
      'wimpie-4711',
      '6971VB',
      'Voorbeeld bij EDEXML',
      'Geert Evers',
      'Wimpie',
      'Assati',
    ]) {
      expect(dump, `database holds '${secret}'`).not.to.contain(secret);
      expect(logs, `logs hold '${secret}'`).not.to.contain(secret);
    }

    const other = await runCli(['import', 'edexml', file, '--school', '12AB'], env);
    expect(other.code).to.equal(2);
    expect(other.stderr).to.contain('the file is for school 99ZZ, not 12AB');
    const empty = path.join(dir, 'empty.xml');
    fs.writeFileSync(empty, '');
    expect((await runCli(['import', 'edexml', empty], env)).stderr).to.contain('is empty');
    expect((await runCli(['import', 'edexml', path.join(dir, 'missing.xml')], env)).code).to.equal(2);
    const again = await runCli(['import', 'edexml', file, '--json'], env);
    expect(JSON.parse(again.stdout).people).to.deep.include({ added: 0, unchanged: 6 });
  });

  it('import csv: documented columns, --school required, PDF login cards', async () => {
    expect((await runCli(['school', 'add', '--brin', '12AB', '--name', 'CSV-school'], env)).code).to.equal(0);
    const file = path.join(dir, 'leerlingen.csv');
    fs.writeFileSync(
      file,
      'soort;key;achternaam;roepnaam;groep_key;groep_naam;jaargroep;bsn\nleerling;C1;Jansen;Emma;G5;Groep 5;5;123456782\nleerkracht;T1;Visser;Anna;G5;Groep 5;5;\n',
    );
    expect((await runCli(['import', 'csv', file], env)).code, 'no --school').to.equal(2);
    const pdf = path.join(dir, 'kaartjes.pdf');
    const r = await runCli(['import', 'csv', file, '--school', '12AB', '--cards', pdf, '--json'], env);
    expect(r.code, r.stderr).to.equal(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.people.added).to.equal(2);
    expect(summary.warnings).to.deep.equal(['ignored column(s), not read or stored: bsn']);
    const bytes = fs.readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).to.equal('%PDF-');
    expect(fs.statSync(pdf).mode & 0o077).to.equal(0);
    expect(r.stdout + r.stderr).not.to.contain('123456782');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'soort;key;achternaam;roepnaam;groep_key\nleerling;C1;Jansen;Emma;\n');
    const refused = await runCli(['import', 'csv', bad, '--school', '12AB'], env);
    expect(refused.code).to.equal(2);
    expect(refused.stderr).to.contain("line 2: pupil 'C1' has no groep_key");
  });

  it('several EDEXML files: one transaction per school in order, the first refusal stops the run and says what was applied', async () => {
    const forSchool = (brin: string, extra = '') => {
      const f = path.join(dir, `bulk-${brin}.xml`);
      fs.writeFileSync(
        f,
        EXAMPLE.replace('<brincode>99ZZ</brincode>', `<brincode>${brin}</brincode>`)
          .replace(/eckid="https:\/\/id\.school\//g, `eckid="https://id.school/${brin}-`)
          .replace('<roepnaam>Wimpie</roepnaam>', `<roepnaam>Wimpie</roepnaam>${extra}`),
      );
      return f;
    };
    for (const brin of ['21AA', '21AB', '21AC'])
      expect((await runCli(['school', 'add', '--brin', brin, '--name', `School ${brin}`], env)).code).to.equal(0);
    const files = [forSchool('21AA'), forSchool('21AB'), forSchool('21AC', '<schoenmaat>31</schoenmaat>')];
    expect((await runCli(['import', 'edexml', ...files, '--cards', path.join(dir, 'k.html')], env)).stderr).to.contain(
      '--cards takes one file at a time',
    );
    const r = await runCli(['import', 'edexml', ...files, '--no-accounts', '--json'], env);
    expect(r.code, r.stderr).to.equal(2);
    expect(r.stderr)
      .to.contain('bulk-21AC.xml (file 3 of 3)')
      .and.contain('does not follow the standard')
      .and.contain('the 2 file(s) before it were applied');
    const lines = r.stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{"file"'))
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.school, l.people.added])).to.deep.equal([
      ['21AA', 6],
      ['21AB', 6],
    ]);
    const c = new Client({ connectionString: url });
    await c.connect();
    const counts = (
      await c.query(
        "SELECT s.brin, count(p.id)::int AS n FROM schools s LEFT JOIN people p ON p.school_id = s.id WHERE s.brin LIKE '21A%' GROUP BY s.brin ORDER BY s.brin",
      )
    ).rows;
    await c.end();
    expect(counts).to.deep.equal([
      { brin: '21AA', n: 6 },
      { brin: '21AB', n: 6 },
      { brin: '21AC', n: 0 },
    ]);
  });
});

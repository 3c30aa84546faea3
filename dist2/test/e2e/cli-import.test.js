"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const chai_1 = require("chai");
const pg_1 = require("pg");
const cli_1 = require("../support/cli");
const env_1 = require("../support/env");
const postgres_1 = require("../support/postgres");
const EXAMPLE = node_fs_1.default.readFileSync(node_path_1.default.resolve(__dirname, '../../../test/fixtures/edexml/EDEXML.Voorbeeld.2.1.xml'), 'utf8');
// The example (with a BSN, a postal code and a comment) plus a photo URL: none of it may be kept.
const WITH_EXTRAS = EXAMPLE.replace('<vestiging key="VH"/>', '<vestiging key="VH"/><fotourl>https://foto.example/wimpie-4711.jpg</fotourl><etniciteit>1</etniciteit>');
describe('CLI: import edexml (built bin, PostgreSQL)', function () {
    const url = (0, postgres_1.siblingDatabaseUrl)('_cli_import');
    let env;
    let dir;
    before(async function () {
        const problem = await (0, postgres_1.postgresProblem)();
        if (problem) {
            if (env_1.testEnv.isCI)
                throw new Error(`CI=true requires PostgreSQL: ${problem}`);
            postgres_1.skippedSuites.add(`CLI import: ${problem}`);
            this.skip();
        }
        await (0, postgres_1.resetPostgresDatabase)(url);
        dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-cli-import-'));
        env = {
            DATABASE_URL: url,
            CERTS_DIR: node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-certs-')),
            DATA_ENCRYPTION_KEY: env_1.TEST_KEYRING_TEXT,
            LOG_LEVEL: 'trace',
        };
        (0, chai_1.expect)((await (0, cli_1.runCli)(['migrate'], env)).code).to.equal(0);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['school', 'add', '--brin', '99ZZ', '--name', 'Voorbeeldschool'], env)).code).to.equal(0);
    });
    it('dry run, apply with login cards, minimised storage and logs, clear refusals', async () => {
        const file = node_path_1.default.join(dir, 'export.xml');
        node_fs_1.default.writeFileSync(file, WITH_EXTRAS);
        const dry = await (0, cli_1.runCli)(['import', 'edexml', file, '--dry-run'], env);
        (0, chai_1.expect)(dry.code, dry.stderr).to.equal(0);
        (0, chai_1.expect)(dry.stdout).to.contain('DRY RUN').and.contain('6 new');
        const cards = node_path_1.default.join(dir, 'kaartjes.html');
        const applied = await (0, cli_1.runCli)(['import', 'edexml', file, '--school', '99ZZ', '--cards', cards, '--json'], env);
        (0, chai_1.expect)(applied.code, applied.stderr).to.equal(0);
        const summary = JSON.parse(applied.stdout);
        (0, chai_1.expect)(summary).to.deep.include({ school: '99ZZ', dryRun: false, newAccounts: 6, cards });
        (0, chai_1.expect)(node_fs_1.default.statSync(cards).mode & 0o077).to.equal(0);
        const html = node_fs_1.default.readFileSync(cards, 'utf8');
        (0, chai_1.expect)(html).to.contain('wimpie.i').and.contain('Inlogkaartjes');
        const password = /wimpie\.i<\/code><\/div>\s*<div class="field">Wachtwoord \/ password: <code>([^<]+)</.exec(html)[1];
        (0, chai_1.expect)(applied.stdout + applied.stderr + dry.stdout + dry.stderr, 'no password in output or logs').not.to.contain(password);
        const c = new pg_1.Client({ connectionString: url });
        await c.connect();
        const tables = (await c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).rows.map((r) => r.tablename);
        let dump = '';
        for (const t of tables)
            dump += JSON.stringify((await c.query(`SELECT * FROM "${t}"`)).rows);
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
            (0, chai_1.expect)(dump, `database holds '${secret}'`).not.to.contain(secret);
            (0, chai_1.expect)(logs, `logs hold '${secret}'`).not.to.contain(secret);
        }
        const other = await (0, cli_1.runCli)(['import', 'edexml', file, '--school', '12AB'], env);
        (0, chai_1.expect)(other.code).to.equal(2);
        (0, chai_1.expect)(other.stderr).to.contain('the file is for school 99ZZ, not 12AB');
        const empty = node_path_1.default.join(dir, 'empty.xml');
        node_fs_1.default.writeFileSync(empty, '');
        (0, chai_1.expect)((await (0, cli_1.runCli)(['import', 'edexml', empty], env)).stderr).to.contain('is empty');
        (0, chai_1.expect)((await (0, cli_1.runCli)(['import', 'edexml', node_path_1.default.join(dir, 'missing.xml')], env)).code).to.equal(2);
        const again = await (0, cli_1.runCli)(['import', 'edexml', file, '--json'], env);
        (0, chai_1.expect)(JSON.parse(again.stdout).people).to.deep.include({ added: 0, unchanged: 6 });
    });
    it('import csv: documented columns, --school required, PDF login cards', async () => {
        (0, chai_1.expect)((await (0, cli_1.runCli)(['school', 'add', '--brin', '12AB', '--name', 'CSV-school'], env)).code).to.equal(0);
        const file = node_path_1.default.join(dir, 'leerlingen.csv');
        node_fs_1.default.writeFileSync(file, 'soort;key;achternaam;roepnaam;groep_key;groep_naam;jaargroep;bsn\nleerling;C1;Jansen;Emma;G5;Groep 5;5;123456782\nleerkracht;T1;Visser;Anna;G5;Groep 5;5;\n');
        (0, chai_1.expect)((await (0, cli_1.runCli)(['import', 'csv', file], env)).code, 'no --school').to.equal(2);
        const pdf = node_path_1.default.join(dir, 'kaartjes.pdf');
        const r = await (0, cli_1.runCli)(['import', 'csv', file, '--school', '12AB', '--cards', pdf, '--json'], env);
        (0, chai_1.expect)(r.code, r.stderr).to.equal(0);
        const summary = JSON.parse(r.stdout);
        (0, chai_1.expect)(summary.people.added).to.equal(2);
        (0, chai_1.expect)(summary.warnings).to.deep.equal(['ignored column(s), not read or stored: bsn']);
        const bytes = node_fs_1.default.readFileSync(pdf);
        (0, chai_1.expect)(bytes.subarray(0, 5).toString()).to.equal('%PDF-');
        (0, chai_1.expect)(node_fs_1.default.statSync(pdf).mode & 0o077).to.equal(0);
        (0, chai_1.expect)(r.stdout + r.stderr).not.to.contain('123456782');
        const bad = node_path_1.default.join(dir, 'bad.csv');
        node_fs_1.default.writeFileSync(bad, 'soort;key;achternaam;roepnaam;groep_key\nleerling;C1;Jansen;Emma;\n');
        const refused = await (0, cli_1.runCli)(['import', 'csv', bad, '--school', '12AB'], env);
        (0, chai_1.expect)(refused.code).to.equal(2);
        (0, chai_1.expect)(refused.stderr).to.contain("line 2: pupil 'C1' has no groep_key");
    });
    it('several EDEXML files: one transaction per school in order, the first refusal stops the run and says what was applied', async () => {
        const forSchool = (brin, extra = '') => {
            const f = node_path_1.default.join(dir, `bulk-${brin}.xml`);
            node_fs_1.default.writeFileSync(f, EXAMPLE.replace('<brincode>99ZZ</brincode>', `<brincode>${brin}</brincode>`)
                .replace(/eckid="https:\/\/id\.school\//g, `eckid="https://id.school/${brin}-`)
                .replace('<roepnaam>Wimpie</roepnaam>', `<roepnaam>Wimpie</roepnaam>${extra}`));
            return f;
        };
        for (const brin of ['21AA', '21AB', '21AC'])
            (0, chai_1.expect)((await (0, cli_1.runCli)(['school', 'add', '--brin', brin, '--name', `School ${brin}`], env)).code).to.equal(0);
        const files = [forSchool('21AA'), forSchool('21AB'), forSchool('21AC', '<schoenmaat>31</schoenmaat>')];
        (0, chai_1.expect)((await (0, cli_1.runCli)(['import', 'edexml', ...files, '--cards', node_path_1.default.join(dir, 'k.html')], env)).stderr).to.contain('--cards takes one file at a time');
        const r = await (0, cli_1.runCli)(['import', 'edexml', ...files, '--no-accounts', '--json'], env);
        (0, chai_1.expect)(r.code, r.stderr).to.equal(2);
        (0, chai_1.expect)(r.stderr)
            .to.contain('bulk-21AC.xml (file 3 of 3)')
            .and.contain('does not follow the standard')
            .and.contain('the 2 file(s) before it were applied');
        const lines = r.stdout
            .trim()
            .split('\n')
            .filter((l) => l.startsWith('{"file"'))
            .map((l) => JSON.parse(l));
        (0, chai_1.expect)(lines.map((l) => [l.school, l.people.added])).to.deep.equal([
            ['21AA', 6],
            ['21AB', 6],
        ]);
        const c = new pg_1.Client({ connectionString: url });
        await c.connect();
        const counts = (await c.query("SELECT s.brin, count(p.id)::int AS n FROM schools s LEFT JOIN people p ON p.school_id = s.id WHERE s.brin LIKE '21A%' GROUP BY s.brin ORDER BY s.brin")).rows;
        await c.end();
        (0, chai_1.expect)(counts).to.deep.equal([
            { brin: '21AA', n: 6 },
            { brin: '21AB', n: 6 },
            { brin: '21AC', n: 0 },
        ]);
    });
});
//# sourceMappingURL=cli-import.test.js.map
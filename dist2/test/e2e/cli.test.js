"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const chai_1 = require("chai");
const cli_1 = require("../support/cli");
const env_1 = require("../support/env");
const postgres_1 = require("../support/postgres");
const tmp = (prefix) => node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), prefix));
describe('CLI `leerpoort` against PostgreSQL (built bin)', function () {
    const url = (0, postgres_1.siblingDatabaseUrl)('_cli');
    let env;
    let sql;
    const count = async (table) => (await sql(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
    before(async function () {
        ({ env, sql } = await (0, cli_1.cliDatabase)(this, '_cli', 'CLI against PostgreSQL'));
    });
    it('refuses to work on an unmigrated database and says what to do', async () => {
        const r = await (0, cli_1.runCli)(['school', 'add', '--brin', '12AB', '--name', 'X'], env);
        (0, chai_1.expect)(r.code).to.equal(6);
        (0, chai_1.expect)(r.stderr).to.contain('leerpoort migrate');
    });
    it('migrate applies the schema, and a second run says it is up to date', async () => {
        const first = await (0, cli_1.runCli)(['migrate', '--json'], env);
        (0, chai_1.expect)(first.code, first.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse(first.stdout).applied).to.have.length.greaterThan(0);
        const second = await (0, cli_1.runCli)(['migrate'], env);
        (0, chai_1.expect)(second.stdout).to.contain('up to date');
    });
    it('school add: creates, prints JSON, refuses a duplicate (exit 4) and a malformed BRIN (exit 2), writing nothing', async () => {
        const ok = await (0, cli_1.runCli)([
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
        ], env);
        (0, chai_1.expect)(ok.code, ok.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse(ok.stdout)).to.deep.include({ brin: '12AB', dependanceCode: '00', name: 'OBS De Regenboog', assuNumber: '1234' });
        const dup = await (0, cli_1.runCli)(['school', 'add', '--brin', '12AB', '--name', 'Again'], env);
        (0, chai_1.expect)(dup.code).to.equal(4);
        (0, chai_1.expect)(dup.stderr.trim().split('\n')).to.have.length(1);
        (0, chai_1.expect)(dup.stderr).to.match(/^leerpoort: school 12AB already exists/);
        const bad = await (0, cli_1.runCli)(['school', 'add', '--brin', '1A2B', '--name', 'Bad', '--json'], env);
        (0, chai_1.expect)(bad.code).to.equal(2);
        (0, chai_1.expect)(JSON.parse(bad.stdout)).to.deep.equal({ error: 'validation', message: JSON.parse(bad.stdout).message });
        (0, chai_1.expect)(bad.stderr).to.contain("invalid BRIN '1A2B'");
        (0, chai_1.expect)(await count('schools')).to.equal(1);
    });
    it('participant add, product add; unknown participant → exit 3', async () => {
        (0, chai_1.expect)((await (0, cli_1.runCli)(['participant', 'add', '--name', 'Uitgeverij Noord'], env)).code).to.equal(0);
        const dup = await (0, cli_1.runCli)(['participant', 'add', '--name', 'Uitgeverij Noord'], env);
        (0, chai_1.expect)(dup.code).to.equal(4);
        const product = await (0, cli_1.runCli)([
            'product',
            'add',
            '--participant',
            'Uitgeverij Noord',
            '--name',
            'Taalkanjers',
            '--launch-url',
            'https://noord.example/taal',
            '--json',
        ], env);
        (0, chai_1.expect)(product.code, product.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse(product.stdout)).to.deep.include({ name: 'Taalkanjers', launchUrl: 'https://noord.example/taal' });
        const unknown = await (0, cli_1.runCli)(['product', 'add', '--participant', 'Niemand', '--name', 'X'], env);
        (0, chai_1.expect)(unknown.code).to.equal(3);
        (0, chai_1.expect)(unknown.stderr).to.contain("unknown participant 'Niemand'");
        const badUrl = await (0, cli_1.runCli)(['product', 'add', '--participant', 'Uitgeverij Noord', '--name', 'Y', '--launch-url', 'javascript:alert(1)'], env);
        (0, chai_1.expect)(badUrl.code).to.equal(2);
        (0, chai_1.expect)(await count('products')).to.equal(1);
    });
    it('licence grant: whole school; unknown product/school → exit 3; no target → exit 2; nothing half-written', async () => {
        const ok = await (0, cli_1.runCli)(['licence', 'grant', '--school', '12AB', '--product', 'Taalkanjers', '--all', '--until', '2027-08-01', '--json'], env);
        (0, chai_1.expect)(ok.code, ok.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse(ok.stdout).licence).to.deep.include({ scope: 'all', validUntil: '2027-08-01T00:00:00.000Z' });
        (0, chai_1.expect)((await (0, cli_1.runCli)(['licence', 'grant', '--school', '12AB', '--product', 'Onbekend', '--all'], env)).code).to.equal(3);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['licence', 'grant', '--school', '98ZZ', '--product', 'Taalkanjers', '--all'], env)).code).to.equal(3);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['licence', 'grant', '--school', '12AB', '--product', 'Taalkanjers'], env)).code).to.equal(2);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['licence', 'grant', '--school', '12AB', '--product', 'Taalkanjers', '--group', 'G1'], env)).code).to.equal(3);
        const both = await (0, cli_1.runCli)(['licence', 'grant', '--school', '12AB', '--product', 'Taalkanjers', '--group', 'G1', '--all'], env);
        (0, chai_1.expect)(both.code).to.equal(2);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['licence', 'grant', '--school', '12AB', '--product', 'Taalkanjers', '--all', '--seats', '-3'], env)).code).to.equal(2);
        (0, chai_1.expect)(await count('licences')).to.equal(1);
        (0, chai_1.expect)(await count("audit_events WHERE action = 'licence.grant'")).to.equal(1);
    });
    it('activation set --on / --off keeps the history', async () => {
        (0, chai_1.expect)((await (0, cli_1.runCli)(['activation', 'set', '--school', '12AB', '--participant', 'Uitgeverij Noord', '--on'], env)).code).to.equal(0);
        const off = await (0, cli_1.runCli)(['activation', 'set', '--school', '12AB', '--participant', 'Uitgeverij Noord', '--off', '--json'], env);
        (0, chai_1.expect)(JSON.parse(off.stdout).enabled).to.equal(false);
        (0, chai_1.expect)(await count('activation_history')).to.equal(2);
        const history = JSON.parse((await (0, cli_1.runCli)(['activation', 'history', '--school', '12AB', '--participant', 'Uitgeverij Noord', '--json'], env)).stdout);
        (0, chai_1.expect)(history.map((h) => h.enabled)).to.deep.equal([true, false]);
        (0, chai_1.expect)(history[0].changedBy).to.match(/^cli:/);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['activation', 'set', '--school', '12AB', '--participant', 'Niemand', '--on'], env)).code).to.equal(3);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['activation', 'set', '--school', '12AB', '--participant', 'Uitgeverij Noord'], env)).code).to.equal(2);
    });
    it('demo is idempotent and prints the contract JSON', async () => {
        const first = await (0, cli_1.runCli)(['demo', '--json'], env);
        (0, chai_1.expect)(first.code, first.stderr).to.equal(0);
        const demo = JSON.parse(first.stdout);
        (0, chai_1.expect)(demo.school).to.deep.equal({ brin: '99ZZ', name: 'Demoschool De Leerpoort' });
        (0, chai_1.expect)(demo.users.map((u) => u.role)).to.include.members(['pupil', 'teacher', 'delegate']);
        for (const u of demo.users)
            (0, chai_1.expect)(u.username).to.be.a('string') && (0, chai_1.expect)(u.password).to.be.a('string');
        (0, chai_1.expect)(demo.participant).to.equal('Demo Uitgeverij');
        const people = await count('people');
        const second = await (0, cli_1.runCli)(['demo', '--json'], env);
        (0, chai_1.expect)(JSON.parse(second.stdout)).to.deep.equal(demo);
        (0, chai_1.expect)(await count('people')).to.equal(people);
        (0, chai_1.expect)(await count('licences')).to.equal(2);
    });
    it('licence list shows seats used; licence assign adds a person and refuses unknown targets', async () => {
        const list = await (0, cli_1.runCli)(['licence', 'list', '--school', '99ZZ', '--json'], env);
        (0, chai_1.expect)(list.code, list.stderr).to.equal(0);
        const [demo] = JSON.parse(list.stdout);
        (0, chai_1.expect)(demo).to.deep.include({ product: 'Rekenrijk Demo', scope: 'assigned', seats: null, seatsUsed: 4, people: 0, current: true });
        const assign = await (0, cli_1.runCli)(['licence', 'assign', '--school', '99ZZ', '--product', 'Rekenrijk Demo', '--username', 'demo.leerling1', '--json'], env);
        (0, chai_1.expect)(assign.code, assign.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse((await (0, cli_1.runCli)(['licence', 'list', '--school', '99ZZ', '--json'], env)).stdout)[0]).to.deep.include({
            seatsUsed: 4,
            people: 1,
        });
        (0, chai_1.expect)((await (0, cli_1.runCli)(['licence', 'assign', '--school', '99ZZ', '--product', 'Rekenrijk Demo', '--username', 'niemand'], env)).code).to.equal(3);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['licence', 'assign', '--school', '99ZZ', '--product', 'Rekenrijk Demo', '--group', 'G9'], env)).code).to.equal(3);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['licence', 'assign', '--school', '99ZZ', '--product', 'Rekenrijk Demo'], env)).code).to.equal(2);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['licence', 'assign', '--school', '12AB', '--product', 'Taalkanjers', '--username', 'demo.leerling1'], env)).code, 'whole-school licence').to.equal(2);
        const human = await (0, cli_1.runCli)(['licence', 'list', '--school', '99ZZ'], env);
        (0, chai_1.expect)(human.stdout).to.match(/Rekenrijk Demo .* seats 4\/∞/);
    });
    it('outbox prints queued mail: here the demo agreement notice to the demo delegate', async () => {
        const r = await (0, cli_1.runCli)(['outbox', '--json'], env);
        (0, chai_1.expect)(r.code, r.stderr).to.equal(0);
        const mails = JSON.parse(r.stdout);
        (0, chai_1.expect)(mails.map((m) => [m.to, m.subject])).to.deep.equal([
            ['demo.beheerder@demoschool.invalid', 'Leerpoort: nieuwe overeenkomst demo-1 / new agreement demo-1'],
        ]);
        (0, chai_1.expect)(mails[0].body).to.contain('/admin/agreement');
    });
    it('school set --teacher-2fa and homeaccess set toggle the settings, audited', async () => {
        const on = await (0, cli_1.runCli)(['school', 'set', '--brin', '12AB', '--teacher-2fa', 'on', '--json'], env);
        (0, chai_1.expect)(on.code, on.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse(on.stdout).teacher2faRequired).to.equal(true);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['school', 'set', '--brin', '12AB', '--teacher-2fa', 'maybe'], env)).code).to.equal(2);
        const home = await (0, cli_1.runCli)(['homeaccess', 'set', '--school', '12AB', '--on', '--json'], env);
        (0, chai_1.expect)(JSON.parse(home.stdout).homeAccessEnabled).to.equal(true);
        (0, chai_1.expect)(JSON.parse((await (0, cli_1.runCli)(['homeaccess', 'set', '--school', '12AB', '--off', '--json'], env)).stdout).homeAccessEnabled).to.equal(false);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['homeaccess', 'set', '--school', '12AB'], env)).code).to.equal(2);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['homeaccess', 'set', '--school', '98ZZ', '--on'], env)).code).to.equal(3);
        (0, chai_1.expect)(await count("audit_events WHERE action LIKE 'school.%'")).to.be.greaterThanOrEqual(4);
    });
    it('user passwd reads the password from stdin, enforces the policy, never echoes it', async () => {
        const ok = await (0, cli_1.runCli)(['user', 'passwd', '--username', 'demo.leerkracht'], env, 'Nieuw-Krijtje-2027\n');
        (0, chai_1.expect)(ok.code, ok.stderr).to.equal(0);
        (0, chai_1.expect)(ok.stdout + ok.stderr).not.to.contain('Nieuw-Krijtje-2027');
        const weak = await (0, cli_1.runCli)(['user', 'passwd', '--username', 'demo.leerkracht'], env, 'welkom123\n');
        (0, chai_1.expect)(weak.code).to.equal(2);
        (0, chai_1.expect)(weak.stderr).to.contain('common passwords');
        const unknown = await (0, cli_1.runCli)(['user', 'passwd', '--username', 'niemand'], env, 'Whatever-Long-1\n');
        (0, chai_1.expect)(unknown.code).to.equal(3);
        const empty = await (0, cli_1.runCli)(['user', 'passwd', '--username', 'demo.leerkracht'], env, '');
        (0, chai_1.expect)(empty.code).to.equal(2);
        // demo puts the printed password back
        await (0, cli_1.runCli)(['demo'], env);
    });
    it('bad configuration: exit 78 listing every problem', async () => {
        const r = await (0, cli_1.runCli)(['migrate'], { ...env, PORT: 'abc', SMTP_URL: 'http://nope' });
        (0, chai_1.expect)(r.code).to.equal(78);
        (0, chai_1.expect)(r.stderr).to.contain('PORT').and.contain('SMTP_URL');
        const prod = await (0, cli_1.runCli)(['migrate'], { NODE_ENV: 'production', BASE_URL: 'https://hub.example.nl', CERTS_DIR: tmp('lp-prod-') });
        (0, chai_1.expect)(prod.code).to.equal(78);
        (0, chai_1.expect)(prod.stderr).to.contain('SESSION_SECRET').and.contain('DATA_ENCRYPTION_KEY').and.contain('DATABASE_URL');
    });
    it('production refuses to start without mounted SAML keys', async () => {
        const r = await (0, cli_1.runCli)(['migrate'], {
            NODE_ENV: 'production',
            BASE_URL: 'https://hub.example.nl',
            DATABASE_URL: url,
            SESSION_SECRET: 's'.repeat(40),
            DATA_ENCRYPTION_KEY: env_1.TEST_KEYRING_TEXT,
            CERTS_DIR: tmp('lp-prod-'),
        });
        (0, chai_1.expect)(r.code).to.equal(78);
        (0, chai_1.expect)(r.stderr).to.contain('idp-signing.key');
    });
    it('unknown command and missing option are usage errors (exit 2)', async () => {
        (0, chai_1.expect)((await (0, cli_1.runCli)(['bogus'], env)).code).to.equal(2);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['school', 'add', '--brin', '12AB'], env)).code).to.equal(2);
    });
});
describe('CLI and hub on the embedded database (PGlite data folder)', function () {
    let dataDir;
    let env;
    before(() => {
        dataDir = tmp('lp-data-');
        env = { DATA_DIR: dataDir, CERTS_DIR: tmp('lp-certs-'), PORT: '0', LOG_LEVEL: 'warn' };
    });
    it('a fresh start generates dev keys, migrates, seeds the demo and serves /healthz; a second process is refused', async () => {
        const { child, output } = await (0, cli_1.startServe)(['--migrate', '--demo'], env);
        try {
            (0, chai_1.expect)(output()).to.contain('demo.leerling1').and.contain('Demoschool De Leerpoort');
            for (const f of ['idp-signing.key', 'idp-signing.crt', 'idp-encryption.key', 'data-encryption.key', 'session-secret']) {
                const stat = node_fs_1.default.statSync(node_path_1.default.join(env.CERTS_DIR, f));
                (0, chai_1.expect)(stat.mode & 0o077, `${f} is private`).to.equal(0);
            }
            const port = /\(port (\d+);/.exec(output())[1];
            const health = await fetch(`http://127.0.0.1:${port}/healthz`);
            (0, chai_1.expect)(health.status).to.equal(200);
            (0, chai_1.expect)(await health.json()).to.deep.equal({ status: 'ok' });
            const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
            (0, chai_1.expect)(ready.status).to.equal(200);
            (0, chai_1.expect)(health.headers.get('x-content-type-options')).to.equal('nosniff');
            const second = await (0, cli_1.runCli)(['school', 'add', '--brin', '12AB', '--name', 'X'], env);
            (0, chai_1.expect)(second.code).to.equal(6);
            (0, chai_1.expect)(second.stderr).to.contain('is in use by another Leerpoort process').and.contain(dataDir).and.contain('DATABASE_URL');
        }
        finally {
            (0, chai_1.expect)(await (0, cli_1.stopChild)(child)).to.equal(0);
        }
        // once the hub has stopped, the CLI may use the folder
        const after = await (0, cli_1.runCli)(['school', 'add', '--brin', '12AB', '--name', 'Na de hub', '--json'], env);
        (0, chai_1.expect)(after.code, after.stderr).to.equal(0);
    });
    it('an unusable DATA_DIR gets a clear error (exit 6)', async () => {
        const file = node_path_1.default.join(tmp('lp-file-'), 'not-a-dir');
        node_fs_1.default.writeFileSync(file, 'x');
        const r = await (0, cli_1.runCli)(['migrate'], { ...env, DATA_DIR: file });
        (0, chai_1.expect)(r.code).to.equal(6);
        (0, chai_1.expect)(r.stderr).to.contain('DATA_DIR').and.contain('not a directory');
    });
});
//# sourceMappingURL=cli.test.js.map
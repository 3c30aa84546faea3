"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const chai_1 = require("chai");
const cli_1 = require("../support/cli");
const postgres_1 = require("../support/postgres");
/**
 * Issue 14, embedded mode: a data folder that is in use by another process, read-only, or full gives a
 * Dutch/English message naming the folder and the cause and a non-zero exit, for `serve` and for CLI
 * commands, and leaves nothing written half. Read-only and full folders are real file systems: a tmpfs
 * (with a size limit, or mounted read-only), which needs root; without it those suites are skipped and listed.
 */
const tmp = (prefix) => node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), prefix));
const baseEnv = (dataDir) => ({ DATA_DIR: dataDir, CERTS_DIR: tmp('lp-certs-'), PORT: '0', LOG_LEVEL: 'warn' });
/** `serve` refused before it listens: its exit code and output. */
function serveRefused(env) {
    return (0, cli_1.runCli)(['serve'], env);
}
function expectFault(r, dataDir, nl, en) {
    (0, chai_1.expect)(r.code, r.stderr).to.equal(6);
    const line = r.stderr.trim();
    (0, chai_1.expect)(line.split('\n'), 'one line, no stack dump').to.have.length(1);
    (0, chai_1.expect)(line).to.contain(`datamap ${dataDir} ${nl}`).and.contain(`data folder ${dataDir} ${en}`);
}
describe('Embedded mode: a data folder in use by another process (built bin)', function () {
    this.timeout(120_000);
    it('serve and every command are refused with the folder, the owner pid and the way out; nothing is written', async () => {
        const dataDir = tmp('lp-inuse-');
        const env = baseEnv(dataDir);
        const { child } = await (0, cli_1.startServe)(['--migrate'], env);
        try {
            for (const args of [['school', 'add', '--brin', '12AB', '--name', 'Tijdens de hub'], ['migrate'], ['serve']]) {
                const r = await (0, cli_1.runCli)(args, env);
                expectFault(r, dataDir, 'is in gebruik door een ander Leerpoort-proces', 'is in use by another Leerpoort process');
                (0, chai_1.expect)(r.stderr, args.join(' ')).to.contain(`pid ${child.pid}`).and.contain('DATABASE_URL');
            }
            (0, chai_1.expect)(node_fs_1.default.readFileSync(node_path_1.default.join(dataDir, 'leerpoort.lock'), 'utf8').trim(), 'the lock stays the hub’s').to.equal(String(child.pid));
            // keys rotate writes key files and an audit entry: refused before either, so no unaudited rotation.
            const keyFiles = () => Object.fromEntries(node_fs_1.default.readdirSync(env.CERTS_DIR).map((f) => [f, node_fs_1.default.readFileSync(node_path_1.default.join(env.CERTS_DIR, f), 'utf8')]));
            const keysBefore = keyFiles();
            expectFault(await (0, cli_1.runCli)(['keys', 'rotate'], env), dataDir, 'is in gebruik door een ander Leerpoort-proces', 'is in use by another Leerpoort process');
            (0, chai_1.expect)(keyFiles(), 'the key files are untouched').to.deep.equal(keysBefore);
        }
        finally {
            (0, chai_1.expect)(await (0, cli_1.stopChild)(child)).to.equal(0);
        }
        const after = await (0, cli_1.runCli)(['school', 'add', '--brin', '12AB', '--name', 'Na de hub'], env);
        (0, chai_1.expect)(after.code, `the refused command added nothing: ${after.stderr}`).to.equal(0);
    });
});
describe('Embedded mode: read-only and full data folders (tmpfs, built bin)', function () {
    this.timeout(240_000);
    const mounts = [];
    const mount = (args, at) => {
        (0, node_child_process_1.execFileSync)('mount', [...args, at], { stdio: 'pipe' });
        mounts.push(at);
    };
    const unmount = (at) => {
        (0, node_child_process_1.execFileSync)('umount', [at], { stdio: 'pipe' });
        mounts.splice(mounts.lastIndexOf(at), 1);
    };
    before(function () {
        try {
            mount(['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs'], tmp('lp-mount-probe-'));
            unmount(mounts[0]);
        }
        catch (e) {
            postgres_1.skippedSuites.add(`Embedded read-only/full data folders: cannot mount a tmpfs here (needs root): ${e.message.split('\n')[0]}`);
            this.skip();
        }
    });
    after(() => {
        for (const at of [...mounts].reverse())
            unmount(at);
    });
    it('read-only: a new folder and an existing database are refused, naming the folder; the database is intact afterwards', async () => {
        const roMount = tmp('lp-ro-');
        mount(['-t', 'tmpfs', '-o', 'size=8m,ro', 'tmpfs'], roMount);
        const fresh = node_path_1.default.join(roMount, 'data');
        expectFault(await (0, cli_1.runCli)(['migrate'], baseEnv(fresh)), fresh, 'staat op een alleen-lezen bestandssysteem', 'is on a read-only file system');
        expectFault(await serveRefused(baseEnv(fresh)), fresh, 'staat op een alleen-lezen bestandssysteem', 'is on a read-only file system');
        const dataDir = node_path_1.default.join(tmp('lp-existing-'), 'data');
        const env = baseEnv(dataDir);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['migrate'], env)).code).to.equal(0);
        mount(['--bind', dataDir], dataDir);
        (0, node_child_process_1.execFileSync)('mount', ['-o', 'remount,bind,ro', dataDir], { stdio: 'pipe' });
        const refused = await (0, cli_1.runCli)(['school', 'add', '--brin', '12AB', '--name', 'Alleen-lezen'], env);
        expectFault(refused, dataDir, 'staat op een alleen-lezen bestandssysteem', 'is on a read-only file system');
        expectFault(await serveRefused(env), dataDir, 'staat op een alleen-lezen bestandssysteem', 'is on a read-only file system');
        unmount(dataDir);
        const after = await (0, cli_1.runCli)(['school', 'add', '--brin', '12AB', '--name', 'Weer schrijfbaar'], env);
        (0, chai_1.expect)(after.code, `the database opens and the refused school is not there: ${after.stderr}`).to.equal(0);
    });
    it('full: a first start leaves no half-made database; an import that runs out of space is rolled back whole; serve is refused', async () => {
        const small = tmp('lp-full-');
        mount(['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs'], small);
        const dataDir = node_path_1.default.join(small, 'data');
        const env = baseEnv(dataDir);
        expectFault(await (0, cli_1.runCli)(['migrate'], env), dataDir, 'heeft geen schijfruimte meer', 'is out of disk space');
        (0, chai_1.expect)(node_fs_1.default.readdirSync(dataDir), 'no half-made database, no lock left').to.deep.equal([]);
        (0, node_child_process_1.execFileSync)('mount', ['-o', 'remount,size=100m', small], { stdio: 'pipe' });
        (0, chai_1.expect)((await (0, cli_1.runCli)(['migrate'], env)).code).to.equal(0);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['school', 'add', '--brin', '12AB', '--name', 'Volle school'], env)).code).to.equal(0);
        const csv = node_path_1.default.join(tmp('lp-csv-'), 'groot.csv');
        const rows = Array.from({ length: 3000 }, (_, i) => `leerling;P${i};Achternaam${i};Voornaam${i};G1;Groep 1;5`);
        node_fs_1.default.writeFileSync(csv, `soort;key;achternaam;roepnaam;groep_key;groep_naam;jaargroep\n${rows.join('\n')}\n`);
        const filler = node_path_1.default.join(small, 'filler');
        const fill = (leaveKiB) => {
            const free = Number((0, node_child_process_1.execFileSync)('df', ['-k', '--output=avail', small]).toString().trim().split('\n')[1]);
            node_fs_1.default.appendFileSync(filler, Buffer.alloc(Math.max(0, free - leaveKiB) * 1024));
        };
        fill(300);
        const importing = await (0, cli_1.runCli)(['import', 'csv', csv, '--school', '12AB', '--no-accounts'], env);
        expectFault(importing, dataDir, 'heeft geen schijfruimte meer', 'is out of disk space');
        fill(0);
        expectFault(await serveRefused(env), dataDir, 'heeft geen schijfruimte meer', 'is out of disk space');
        (0, chai_1.expect)(node_fs_1.default.existsSync(node_path_1.default.join(dataDir, 'leerpoort.lock')), 'no empty lock file left').to.equal(false);
        node_fs_1.default.rmSync(filler);
        const dry = await (0, cli_1.runCli)(['import', 'csv', csv, '--school', '12AB', '--no-accounts', '--dry-run', '--json'], env);
        (0, chai_1.expect)(dry.code, dry.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse(dry.stdout).people, 'nothing of the failed import was kept').to.deep.include({ added: 3000, unchanged: 0 });
        const again = await (0, cli_1.runCli)(['import', 'csv', csv, '--school', '12AB', '--no-accounts', '--json'], env);
        (0, chai_1.expect)(again.code, again.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse(again.stdout).people.added).to.equal(3000);
    });
});
//# sourceMappingURL=embedded-faults.test.js.map
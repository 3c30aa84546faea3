import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { type CliResult, runCli, startServe, stopChild } from '../support/cli';
import { skippedSuites } from '../support/postgres';

/**
 * Issue 14, embedded mode: a data folder that is in use by another process, read-only, or full gives a
 * Dutch/English message naming the folder and the cause and a non-zero exit, for `serve` and for CLI
 * commands, and leaves nothing written half. Read-only and full folders are real file systems: a tmpfs
 * (with a size limit, or mounted read-only), which needs root; without it those suites are skipped and listed.
 */

const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
const baseEnv = (dataDir: string) => ({ DATA_DIR: dataDir, CERTS_DIR: tmp('lp-certs-'), PORT: '0', LOG_LEVEL: 'warn' });

/** `serve` refused before it listens: its exit code and output. */
function serveRefused(env: Record<string, string>): Promise<CliResult> {
  return runCli(['serve'], env);
}

function expectFault(r: CliResult, dataDir: string, nl: string, en: string): void {
  expect(r.code, r.stderr).to.equal(6);
  const line = r.stderr.trim();
  expect(line.split('\n'), 'one line, no stack dump').to.have.length(1);
  expect(line).to.contain(`datamap ${dataDir} ${nl}`).and.contain(`data folder ${dataDir} ${en}`);
}

describe('Embedded mode: a data folder in use by another process (built bin)', function () {
  this.timeout(120_000);

  it('serve and every command are refused with the folder, the owner pid and the way out; nothing is written', async () => {
    const dataDir = tmp('lp-inuse-');
    const env = baseEnv(dataDir);
    const { child } = await startServe(['--migrate'], env);
    try {
      for (const args of [['school', 'add', '--brin', '12AB', '--name', 'Tijdens de hub'], ['migrate'], ['serve']]) {
        const r = await runCli(args, env);
        expectFault(r, dataDir, 'is in gebruik door een ander Leerpoort-proces', 'is in use by another Leerpoort process');
        expect(r.stderr, args.join(' ')).to.contain(`pid ${child.pid}`).and.contain('DATABASE_URL');
      }
      expect(fs.readFileSync(path.join(dataDir, 'leerpoort.lock'), 'utf8').trim(), 'the lock stays the hub’s').to.equal(String(child.pid));
      // keys rotate writes key files and an audit entry: refused before either, so no unaudited rotation.
      const keyFiles = () =>
        Object.fromEntries(fs.readdirSync(env.CERTS_DIR).map((f) => [f, fs.readFileSync(path.join(env.CERTS_DIR, f), 'utf8')]));
      const keysBefore = keyFiles();
      expectFault(
        await runCli(['keys', 'rotate'], env),
        dataDir,
        'is in gebruik door een ander Leerpoort-proces',
        'is in use by another Leerpoort process',
      );
      expect(keyFiles(), 'the key files are untouched').to.deep.equal(keysBefore);
    } finally {
      expect(await stopChild(child)).to.equal(0);
    }
    const after = await runCli(['school', 'add', '--brin', '12AB', '--name', 'Na de hub'], env);
    expect(after.code, `the refused command added nothing: ${after.stderr}`).to.equal(0);
  });
});

describe('Embedded mode: read-only and full data folders (tmpfs, built bin)', function () {
  this.timeout(240_000);
  const mounts: string[] = [];
  const mount = (args: string[], at: string) => {
    execFileSync('mount', [...args, at], { stdio: 'pipe' });
    mounts.push(at);
  };
  const unmount = (at: string) => {
    execFileSync('umount', [at], { stdio: 'pipe' });
    mounts.splice(mounts.lastIndexOf(at), 1);
  };

  before(function () {
    try {
      mount(['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs'], tmp('lp-mount-probe-'));
      unmount(mounts[0]!);
    } catch (e) {
      skippedSuites.add(
        `Embedded read-only/full data folders: cannot mount a tmpfs here (needs root): ${(e as Error).message.split('\n')[0]}`,
      );
      this.skip();
    }
  });
  after(() => {
    for (const at of [...mounts].reverse()) unmount(at);
  });

  it('read-only: a new folder and an existing database are refused, naming the folder; the database is intact afterwards', async () => {
    const roMount = tmp('lp-ro-');
    mount(['-t', 'tmpfs', '-o', 'size=8m,ro', 'tmpfs'], roMount);
    const fresh = path.join(roMount, 'data');
    expectFault(
      await runCli(['migrate'], baseEnv(fresh)),
      fresh,
      'staat op een alleen-lezen bestandssysteem',
      'is on a read-only file system',
    );
    expectFault(await serveRefused(baseEnv(fresh)), fresh, 'staat op een alleen-lezen bestandssysteem', 'is on a read-only file system');

    const dataDir = path.join(tmp('lp-existing-'), 'data');
    const env = baseEnv(dataDir);
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    mount(['--bind', dataDir], dataDir);
    execFileSync('mount', ['-o', 'remount,bind,ro', dataDir], { stdio: 'pipe' });
    const refused = await runCli(['school', 'add', '--brin', '12AB', '--name', 'Alleen-lezen'], env);
    expectFault(refused, dataDir, 'staat op een alleen-lezen bestandssysteem', 'is on a read-only file system');
    expectFault(await serveRefused(env), dataDir, 'staat op een alleen-lezen bestandssysteem', 'is on a read-only file system');

    unmount(dataDir);
    const after = await runCli(['school', 'add', '--brin', '12AB', '--name', 'Weer schrijfbaar'], env);
    expect(after.code, `the database opens and the refused school is not there: ${after.stderr}`).to.equal(0);
  });

  it('full: a first start leaves no half-made database; an import that runs out of space is rolled back whole; serve is refused', async () => {
    const small = tmp('lp-full-');
    mount(['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs'], small);
    const dataDir = path.join(small, 'data');
    const env = baseEnv(dataDir);
    expectFault(await runCli(['migrate'], env), dataDir, 'heeft geen schijfruimte meer', 'is out of disk space');
    expect(fs.readdirSync(dataDir), 'no half-made database, no lock left').to.deep.equal([]);

    execFileSync('mount', ['-o', 'remount,size=100m', small], { stdio: 'pipe' });
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    expect((await runCli(['school', 'add', '--brin', '12AB', '--name', 'Volle school'], env)).code).to.equal(0);

    const csv = path.join(tmp('lp-csv-'), 'groot.csv');
    const rows = Array.from({ length: 3000 }, (_, i) => `leerling;P${i};Achternaam${i};Voornaam${i};G1;Groep 1;5`);
    fs.writeFileSync(csv, `soort;key;achternaam;roepnaam;groep_key;groep_naam;jaargroep\n${rows.join('\n')}\n`);
    const filler = path.join(small, 'filler');
    const fill = (leaveKiB: number) => {
      const free = Number(execFileSync('df', ['-k', '--output=avail', small]).toString().trim().split('\n')[1]);
      fs.appendFileSync(filler, Buffer.alloc(Math.max(0, free - leaveKiB) * 1024));
    };
    fill(300);
    const importing = await runCli(['import', 'csv', csv, '--school', '12AB', '--no-accounts'], env);
    expectFault(importing, dataDir, 'heeft geen schijfruimte meer', 'is out of disk space');

    fill(0);
    expectFault(await serveRefused(env), dataDir, 'heeft geen schijfruimte meer', 'is out of disk space');
    expect(fs.existsSync(path.join(dataDir, 'leerpoort.lock')), 'no empty lock file left').to.equal(false);

    fs.rmSync(filler);
    const dry = await runCli(['import', 'csv', csv, '--school', '12AB', '--no-accounts', '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).to.equal(0);
    expect(JSON.parse(dry.stdout).people, 'nothing of the failed import was kept').to.deep.include({ added: 3000, unchanged: 0 });
    const again = await runCli(['import', 'csv', csv, '--school', '12AB', '--no-accounts', '--json'], env);
    expect(again.code, again.stderr).to.equal(0);
    expect(JSON.parse(again.stdout).people.added).to.equal(3000);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { migrations } from '../../migrations';
import { cliDatabase, runCli } from '../support/cli';

/**
 * Several processes migrating one PostgreSQL at once (every `serve --migrate` of a rolling start, or an
 * operator's `migrate` beside them): one applies the migrations, the others wait for it and find the
 * schema up to date. Without a lock across processes they race on the same CREATE TABLE.
 */
describe('migrate: several processes at once on one PostgreSQL (advisory lock)', function () {
  this.timeout(120_000);

  it('three `migrate` runs in parallel on a fresh database: all succeed, each migration applied exactly once', async function () {
    const { env, sql } = await cliDatabase(this, '_migrate_lock', 'migrate lock');
    // Each run its own certs folder: the race under test is the schema's, not the development keys'.
    const runs = await Promise.all(
      [1, 2, 3].map(() => runCli(['migrate', '--json'], { ...env, CERTS_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'lp-certs-lock-')) })),
    );
    for (const r of runs) expect(r.code, r.stderr).to.equal(0);
    const applied = runs.map((r) => (JSON.parse(r.stdout) as { applied: string[] }).applied);
    expect(
      applied.filter((a) => a.length > 0),
      'one run applied them',
    ).to.have.length(1);
    expect(applied.find((a) => a.length > 0)).to.have.length(migrations.length);
    const rows = await sql('SELECT name, count(*)::int AS n FROM migrations GROUP BY name');
    expect(rows).to.have.length(migrations.length);
    expect(
      rows.every((r) => r.n === 1),
      'no migration recorded twice',
    ).to.equal(true);
  });
});

"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const chai_1 = require("chai");
const migrations_1 = require("../../migrations");
const cli_1 = require("../support/cli");
/**
 * Several processes migrating one PostgreSQL at once (every `serve --migrate` of a rolling start, or an
 * operator's `migrate` beside them): one applies the migrations, the others wait for it and find the
 * schema up to date. Without a lock across processes they race on the same CREATE TABLE.
 */
describe('migrate: several processes at once on one PostgreSQL (advisory lock)', function () {
    this.timeout(120_000);
    it('three `migrate` runs in parallel on a fresh database: all succeed, each migration applied exactly once', async function () {
        const { env, sql } = await (0, cli_1.cliDatabase)(this, '_migrate_lock', 'migrate lock');
        // Each run its own certs folder: the race under test is the schema's, not the development keys'.
        const runs = await Promise.all([1, 2, 3].map(() => (0, cli_1.runCli)(['migrate', '--json'], { ...env, CERTS_DIR: node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-certs-lock-')) })));
        for (const r of runs)
            (0, chai_1.expect)(r.code, r.stderr).to.equal(0);
        const applied = runs.map((r) => JSON.parse(r.stdout).applied);
        (0, chai_1.expect)(applied.filter((a) => a.length > 0), 'one run applied them').to.have.length(1);
        (0, chai_1.expect)(applied.find((a) => a.length > 0)).to.have.length(migrations_1.migrations.length);
        const rows = await sql('SELECT name, count(*)::int AS n FROM migrations GROUP BY name');
        (0, chai_1.expect)(rows).to.have.length(migrations_1.migrations.length);
        (0, chai_1.expect)(rows.every((r) => r.n === 1), 'no migration recorded twice').to.equal(true);
    });
});
//# sourceMappingURL=migrate-lock.test.js.map
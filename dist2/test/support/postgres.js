"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.BACKENDS = exports.testCipher = exports.skippedSuites = void 0;
exports.siblingDatabaseUrl = siblingDatabaseUrl;
exports.postgresProblem = postgresProblem;
exports.resetPostgresDatabase = resetPostgresDatabase;
exports.describeEachBackend = describeEachBackend;
exports.truncateAll = truncateAll;
const pg_1 = require("pg");
const field_cipher_1 = require("../../src/crypto/field-cipher");
const data_source_1 = require("../../src/persistence/data-source");
const env_1 = require("./env");
exports.skippedSuites = new Set();
const testCipher = () => new field_cipher_1.FieldCipher((0, field_cipher_1.parseKeyring)(env_1.TEST_KEYRING_TEXT));
exports.testCipher = testCipher;
/** The URL of a database next to TEST_DATABASE_URL's, e.g. leerpoort_test_cli. */
function siblingDatabaseUrl(suffix) {
    const url = new URL(env_1.testEnv.databaseUrl);
    url.pathname = `${url.pathname.replace(/\/$/, '')}${suffix}`;
    return url.toString();
}
let reachable = null;
/** null when PostgreSQL answers, else the reason. */
function postgresProblem() {
    reachable ??= (async () => {
        const admin = new URL(env_1.testEnv.databaseUrl);
        admin.pathname = '/postgres';
        const client = new pg_1.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
        try {
            await client.connect();
            return null;
        }
        catch (e) {
            return `PostgreSQL not reachable at ${admin.host}: ${e.message}`;
        }
        finally {
            await client.end().catch(() => undefined);
        }
    })();
    return reachable;
}
/** Creates the database when missing and empties its public schema, so each suite starts from nothing. */
async function resetPostgresDatabase(url) {
    const target = new URL(url);
    const name = decodeURIComponent(target.pathname.slice(1));
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const adminClient = new pg_1.Client({ connectionString: admin.toString() });
    await adminClient.connect();
    try {
        const exists = await adminClient.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (exists.rowCount === 0)
            await adminClient.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    }
    finally {
        await adminClient.end();
    }
    const client = new pg_1.Client({ connectionString: url });
    await client.connect();
    try {
        await client.query('DROP SCHEMA IF EXISTS public CASCADE');
        await client.query('CREATE SCHEMA public');
    }
    finally {
        await client.end();
    }
}
/** Both database backends, for suites that run on each. */
exports.BACKENDS = ['pglite', 'postgres'];
/**
 * Runs a suite against both backends: embedded PGlite (in memory) and real PostgreSQL. Without
 * PostgreSQL the postgres half is skipped with a reason, unless CI=true, where it fails.
 */
function describeEachBackend(title, body, opts = {}) {
    for (const backend of ['pglite', 'postgres']) {
        describe(`${title} [${backend}]`, function () {
            let db = null;
            before(async function () {
                if (backend === 'postgres') {
                    const problem = await postgresProblem();
                    if (problem) {
                        if (env_1.testEnv.isCI)
                            throw new Error(`CI=true requires PostgreSQL: ${problem}`);
                        exports.skippedSuites.add(`${title} [postgres]: ${problem}`);
                        this.skip();
                    }
                    const url = siblingDatabaseUrl('');
                    await resetPostgresDatabase(url);
                    db = await (0, data_source_1.openDatabase)({ kind: 'postgres', url }, (0, exports.testCipher)());
                }
                else {
                    db = await (0, data_source_1.openDatabase)({ kind: 'pglite', dataDir: null }, (0, exports.testCipher)());
                }
                if (opts.migrate !== false)
                    await db.migrate();
            });
            after(async () => {
                await db?.close();
            });
            body({
                db: () => {
                    if (!db)
                        throw new Error('database not open');
                    return db;
                },
                backend,
            });
        });
    }
}
/** Empties every table but the migrations bookkeeping (between tests of one suite). */
async function truncateAll(db) {
    const rows = await db.dataSource.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'");
    if (rows.length)
        await db.dataSource.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
}
//# sourceMappingURL=postgres.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.CLI = void 0;
exports.runCli = runCli;
exports.spawnCli = spawnCli;
exports.startServe = startServe;
exports.stopChild = stopChild;
exports.cliDatabase = cliDatabase;
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const pg_1 = require("pg");
const env_1 = require("./env");
const postgres_1 = require("./postgres");
exports.CLI = node_path_1.default.resolve(__dirname, '../../src/cli/main.js');
/** Runs the built `leerpoort` bin as a user would; the environment is given whole (nothing inherited but PATH). */
function runCli(args, env, stdin) {
    return new Promise((resolve, reject) => {
        const child = (0, node_child_process_1.spawn)(process.execPath, [exports.CLI, ...args], {
            env: { PATH: process.env.PATH ?? '', ...env },
            stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
        child.stdin.end(stdin ?? '');
    });
}
/** Starts the built bin without waiting for it: for tests that interrupt a command (e.g. SIGKILL mid-apply). */
function spawnCli(args, env) {
    const child = (0, node_child_process_1.spawn)(process.execPath, [exports.CLI, ...args], {
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const done = new Promise((resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
    return { child, done };
}
/** Starts `leerpoort serve …` and resolves once it says it is listening. */
function startServe(args, env, timeoutMs = 60_000) {
    return new Promise((resolve, reject) => {
        const child = (0, node_child_process_1.spawn)(process.execPath, [exports.CLI, 'serve', ...args], {
            env: { PATH: process.env.PATH ?? '', ...env },
            stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`serve did not start within ${timeoutMs} ms:\n${out}`));
        }, timeoutMs);
        const onData = (d) => {
            out += d;
            if (out.includes('is running at')) {
                clearTimeout(timer);
                resolve({ child, output: () => out });
            }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`serve exited with ${code} before listening:\n${out}`));
        });
    });
}
function stopChild(child) {
    return new Promise((resolve) => {
        if (child.exitCode !== null)
            return resolve(child.exitCode);
        child.removeAllListeners('exit');
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
    });
}
/**
 * A fresh PostgreSQL database for a CLI suite and the environment to run the bin against it; the suite is
 * skipped (and listed) without PostgreSQL unless CI=true. `sql` runs one query on that database.
 */
async function cliDatabase(ctx, suffix, label) {
    const url = (0, postgres_1.siblingDatabaseUrl)(suffix);
    const problem = await (0, postgres_1.postgresProblem)();
    if (problem) {
        if (env_1.testEnv.isCI)
            throw new Error(`CI=true requires PostgreSQL: ${problem}`);
        postgres_1.skippedSuites.add(`${label}: ${problem}`);
        ctx.skip();
    }
    await (0, postgres_1.resetPostgresDatabase)(url);
    const env = {
        DATABASE_URL: url,
        CERTS_DIR: node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-certs-')),
        DATA_ENCRYPTION_KEY: env_1.TEST_KEYRING_TEXT,
        LOG_LEVEL: 'warn',
    };
    const sql = async (query, params = []) => {
        const c = new pg_1.Client({ connectionString: url });
        await c.connect();
        try {
            return (await c.query(query, params)).rows;
        }
        finally {
            await c.end();
        }
    };
    return { env, sql };
}
//# sourceMappingURL=cli.js.map
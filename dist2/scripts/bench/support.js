"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.freshBenchDatabase = freshBenchDatabase;
exports.startBenchHub = startBenchHub;
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const pg_1 = require("pg");
const config_1 = require("../../src/config");
const logger_1 = require("../../src/logger");
const main_1 = require("../../src/main");
/**
 * A scratch database for a benchmark: created when missing, its public schema emptied. Returns the URL,
 * or undefined when PostgreSQL is not reachable (the caller then falls back to PGlite or gives up).
 */
async function freshBenchDatabase(url) {
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const c = new pg_1.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 2000 });
    try {
        await c.connect();
        const name = new URL(url).pathname.slice(1);
        if ((await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 0)
            await c.query(`CREATE DATABASE "${name}"`);
    }
    catch {
        return undefined;
    }
    finally {
        await c.end().catch(() => undefined);
    }
    const db = new pg_1.Client({ connectionString: url });
    await db.connect();
    try {
        await db.query('DROP SCHEMA IF EXISTS public CASCADE');
        await db.query('CREATE SCHEMA public');
    }
    finally {
        await db.end();
    }
    return url;
}
/** A migrated hub listening on a random port: on PostgreSQL when `databaseUrl` is given, else PGlite. */
async function startBenchHub(databaseUrl) {
    const port = 30000 + Math.floor(Math.random() * 20000);
    const config = (0, config_1.loadConfig)({
        NODE_ENV: 'test',
        PORT: String(port),
        BASE_URL: `http://127.0.0.1:${port}`,
        CERTS_DIR: node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-bench-')),
        LOG_LEVEL: 'silent',
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-bench-data-')) }),
    });
    const hub = await (0, main_1.openHub)(config, (0, logger_1.createLogger)(config, 2), { serving: true });
    await hub.db.migrate();
    const server = await (0, main_1.serve)(hub);
    return { config, hub, server };
}
//# sourceMappingURL=support.js.map
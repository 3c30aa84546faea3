"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.targetFromConfig = targetFromConfig;
exports.openDatabase = openDatabase;
const typeorm_1 = require("typeorm");
const migrations_1 = require("../../migrations");
const errors_1 = require("../domain/errors");
const embedded_lock_1 = require("./embedded-lock");
const embedded_folder_1 = require("./embedded-folder");
const entities_1 = require("./entities");
const field_encryption_1 = require("./field-encryption");
const naming_strategy_1 = require("./naming-strategy");
const pglite_pool_1 = require("./pglite-pool");
const repositories_1 = require("./repositories");
const change_feed_1 = require("./cache/change-feed");
const repository_cache_1 = require("./cache/repository-cache");
const group_commit_1 = require("./group-commit");
function targetFromConfig(config) {
    return config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir };
}
const DEFAULT_POOL = { size: 10, waitMs: 5_000, statementTimeoutMs: null };
/**
 * The advisory lock every migration run holds (a fixed key, "LPMI"): separate processes migrating one
 * database at once take turns — one applies, the next finds nothing pending. TypeORM takes no lock of
 * its own, and two runs would otherwise race on the same CREATE TABLE.
 */
const MIGRATION_LOCK_KEY = 0x4c504d49;
async function openDatabase(target, cipher, opts = {}) {
    (0, field_encryption_1.installFieldCipher)(cipher);
    const common = {
        type: 'postgres',
        entities: entities_1.entities,
        migrations: migrations_1.migrations,
        migrationsTableName: 'migrations',
        migrationsTransactionMode: 'each',
        synchronize: false,
        migrationsRun: false,
        namingStrategy: new naming_strategy_1.SnakeNamingStrategy(),
        // gen_random_uuid() is built in (PostgreSQL ≥ 13, PGlite); never CREATE EXTENSION at run time.
        installExtensions: false,
        uuidExtension: 'pgcrypto',
        logging: false,
    };
    let lock = null;
    let pglite = null;
    let options;
    if (target.kind === 'postgres') {
        const pool = opts.pool ?? DEFAULT_POOL;
        options = {
            ...common,
            url: target.url,
            extra: {
                max: pool.size,
                connectionTimeoutMillis: pool.waitMs,
                // Sent at connect as a session default: every statement on these connections is cut off after it.
                ...(pool.statementTimeoutMs !== null ? { statement_timeout: pool.statementTimeoutMs } : {}),
            },
        };
    }
    else {
        if (target.dataDir !== null) {
            (0, embedded_folder_1.prepareDataDir)(target.dataDir);
            lock = (0, embedded_lock_1.acquireEmbeddedLock)(target.dataDir);
        }
        let db;
        try {
            db = await (0, embedded_folder_1.openPGlite)(target.dataDir);
        }
        catch (e) {
            lock?.release();
            throw e;
        }
        pglite = db;
        options = { ...common, driver: (0, pglite_pool_1.pgliteDriverModule)(db) };
    }
    const dataSource = new typeorm_1.DataSource(options);
    try {
        await dataSource.initialize();
    }
    catch (e) {
        lock?.release();
        const where = target.kind === 'postgres' ? target.url.replace(/\/\/[^@/]*@/, '//***@') : 'the embedded database';
        throw new errors_1.UnavailableError(`cannot connect to ${where}: ${e.message}`);
    }
    const cache = opts.cache ? new repository_cache_1.RepositoryCache() : null;
    const feed = opts.cache
        ? pglite
            ? new change_feed_1.PGliteChangeFeed(pglite)
            : new change_feed_1.PostgresChangeFeed(target.url, opts.cache.logger)
        : null;
    await feed?.start(cache.onChange);
    const unitOfWork = {
        run: async (work) => {
            const result = await dataSource.transaction((manager) => work((0, repositories_1.repositoriesFor)(manager)));
            // Whatever the transaction changed, this process reads it fresh from now on (others hear the triggers).
            cache?.clear();
            return result;
        },
    };
    const plain = (0, repositories_1.repositoriesFor)(dataSource.manager);
    return {
        kind: target.kind,
        dataSource,
        repositories: cache ? cache.wrap(plain) : plain,
        recorder: new group_commit_1.GroupCommitRecorder(dataSource),
        settled: () => cache
            ? cache.settled(async (payload) => void (await dataSource.query('SELECT pg_notify($1, $2)', [change_feed_1.CHANGE_CHANNEL, payload])))
            : Promise.resolve(),
        unitOfWork,
        async migrate() {
            // One session for the lock, the check and the migrations (a session-level advisory lock belongs to
            // its connection). Waiting for another process's run, and a long migration, must not be cut off by
            // a serving pool's statement_timeout: lifted here, restored before the connection goes back.
            const runner = dataSource.createQueryRunner();
            try {
                await runner.query('SET statement_timeout = 0');
                await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
                try {
                    const executor = new typeorm_1.MigrationExecutor(dataSource, runner);
                    executor.transaction = 'each';
                    const ran = await executor.executePendingMigrations();
                    return ran.map((m) => m.name);
                }
                finally {
                    // These fail only on a broken connection, which the pool discards (and the lock ends with it).
                    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
                    await runner.query('RESET statement_timeout').catch(() => undefined);
                }
            }
            finally {
                await runner.release();
                cache?.clear();
            }
        },
        async revertLastMigration() {
            await dataSource.undoLastMigration({ transaction: 'each' });
        },
        async ping() {
            await dataSource.query('SELECT 1');
        },
        async close() {
            await feed?.stop();
            try {
                if (dataSource.isInitialized)
                    await dataSource.destroy();
            }
            finally {
                lock?.release();
            }
        },
    };
}
//# sourceMappingURL=data-source.js.map
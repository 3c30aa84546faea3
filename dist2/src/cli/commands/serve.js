"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.register = register;
const node_os_1 = __importDefault(require("node:os"));
const cluster_1 = require("../../cluster");
const seed_demo_1 = require("../../demo/seed-demo");
const errors_1 = require("../../domain/errors");
const logger_1 = require("../../logger");
const main_1 = require("../../main");
const demo_publisher_1 = require("../demo-publisher");
/**
 * `serve`: run the hub until SIGINT or SIGTERM — on every core by default (`--workers N`, `WORKERS`).
 * The primary process migrates and seeds first, then forks the workers; on the embedded database there
 * is one process (a PGlite data folder belongs to one process).
 */
function register(program, ctx) {
    program
        .command('serve')
        .description('run the hub (HTTP)')
        .option('--migrate', 'apply pending migrations first')
        .option('--demo', 'seed the demo school first and print its users (development only)')
        .option('--workers <n>', 'worker processes (default: WORKERS, else one per core; the embedded database uses one)')
        .action(ctx.action(async (opts, cmd) => {
        const config = ctx.config();
        const logger = (0, logger_1.createLogger)(config, 1);
        const wanted = opts.workers !== undefined ? ctx.parsePositiveInt(opts.workers, '--workers') : (config.workers ?? node_os_1.default.availableParallelism());
        const workers = config.databaseUrl ? wanted : 1;
        const graceMs = config.shutdownGraceSeconds * 1000;
        if ((0, cluster_1.isWorker)())
            return runWorker();
        // The primary (or the only process): schema and demo data once, before anyone serves.
        const hub = await (0, main_1.openHub)(config, logger, { serving: true });
        // The demo publisher runs in this process only (never in a worker), from before the seed —
        // which registers it from its metadata URL — until the hub stops.
        let publisher = null;
        const stopPublisher = async () => {
            await publisher?.stop();
            publisher = null;
        };
        try {
            if (opts.migrate) {
                const applied = await hub.db.migrate();
                if (applied.length)
                    hub.logger.info({ applied }, 'migrations applied');
            }
            else if (await hub.db.dataSource.showMigrations()) {
                throw new errors_1.UnavailableError('the database schema is not up to date; run `leerpoort migrate` or `serve --migrate`');
            }
            if (opts.demo) {
                publisher = await (0, demo_publisher_1.startPublisherBesideHub)(config, hub.logger);
                const summary = await (0, seed_demo_1.seedDemo)(hub, publisher);
                ctx.print(cmd, summary, (0, seed_demo_1.formatDemoSummary)(summary));
            }
            const publisherLine = () => publisher ? `\nDemo-uitgever / demo publisher "Rekenrijk Demo": ${publisher.url} (Inloggen via Leerpoort)` : '';
            if (!config.databaseUrl && wanted > 1)
                hub.logger.info({ workers: 1 }, 'embedded database: one worker (use DATABASE_URL for more)');
            if (workers === 1) {
                const running = await (0, main_1.serve)(hub);
                ctx.stderr(`Leerpoort draait op / is running at ${config.baseUrl} (port ${running.port}; health: ${config.baseUrl}/healthz)${publisherLine()}`);
                await untilStopSignal(hub.logger);
                await running.stop(graceMs);
                await stopPublisher();
                return;
            }
            ctx.stderr(`Leerpoort draait op / is running at ${config.baseUrl} (${workers} workers; health: ${config.baseUrl}/healthz)${publisherLine()}`);
        }
        catch (e) {
            await stopPublisher();
            throw e;
        }
        finally {
            await hub.close();
        }
        await (0, cluster_1.superviseWorkers)({ workers, graceMs, logger });
        await stopPublisher();
    }));
    /** A worker: its own connection pool, the shared listening socket; stops gracefully on SIGTERM. */
    async function runWorker() {
        const config = ctx.config();
        const hub = await (0, main_1.openHub)(config, (0, logger_1.createLogger)(config, 1), { serving: true });
        try {
            const running = await (0, main_1.serve)(hub);
            await untilStopSignal(hub.logger);
            await running.stop(config.shutdownGraceSeconds * 1000);
        }
        finally {
            await hub.close();
            (0, cluster_1.leaveCluster)();
        }
    }
}
function untilStopSignal(logger) {
    return new Promise((resolve) => {
        const stop = (signal) => {
            logger.info({ signal, pid: process.pid }, 'stopping: no new requests; those in flight finish');
            resolve();
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
    });
}
//# sourceMappingURL=serve.js.map
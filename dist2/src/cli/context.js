"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.createCliContext = createCliContext;
const node_os_1 = __importDefault(require("node:os"));
const config_1 = require("../config");
const errors_1 = require("../domain/errors");
const logger_1 = require("../logger");
const main_1 = require("../main");
const io_1 = require("./io");
function osUserActor() {
    let user = 'unknown';
    try {
        user = node_os_1.default.userInfo().username;
    }
    catch {
        /* containers without a passwd entry */
    }
    return { type: 'cli', id: user };
}
function parseDate(value, flag) {
    if (!/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value))
        throw new errors_1.ValidationError(`${flag} must be a date like 2026-08-01`);
    const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(d.getTime()))
        throw new errors_1.ValidationError(`${flag} '${value}' is not a valid date`);
    return d;
}
function parsePositiveInt(value, flag) {
    if (!/^\d+$/.test(value) || Number(value) < 1)
        throw new errors_1.ValidationError(`${flag} must be a positive whole number`);
    return Number(value);
}
/**
 * The context for one program. `failed` receives the exit code of a command whose action threw: the
 * program (program.ts) owns the exit code and returns it once parsing ends.
 */
function createCliContext(io, failed) {
    let loadedConfig = null;
    const config = () => (loadedConfig ??= (0, config_1.loadConfigFromProcess)());
    const wantsJson = (cmd) => cmd.optsWithGlobals().json;
    // Before the configuration is read (e.g. a failure while reading it), the CLI logs at `warn`.
    const logger = (level) => (0, logger_1.createLogger)({ logLevel: level ?? (loadedConfig?.logLevel === 'info' ? 'warn' : (loadedConfig?.logLevel ?? 'warn')) }, 2);
    // A database that cannot write (full disk, read-only) is told as such, naming where, not as a crash.
    const storageFault = (e) => (loadedConfig ? (0, main_1.databaseStorageFault)(loadedConfig, e) : null);
    return {
        action: (fn) => async (...args) => {
            const cmd = args[args.length - 1];
            try {
                await fn(...args);
            }
            catch (thrown) {
                const e = storageFault(thrown) ?? thrown;
                const exitCode = (0, io_1.exitCodeFor)(e);
                failed(exitCode);
                if (exitCode === io_1.EXIT.failure)
                    logger('debug').debug({ err: e }, 'command failed');
                if (wantsJson(cmd))
                    io.stdout(JSON.stringify({ error: e.kind ?? 'error', message: (0, io_1.oneLineReason)(e) }));
                io.stderr(`leerpoort: ${(0, io_1.oneLineReason)(e)}`);
            }
        },
        async withHub(work, opts = {}) {
            const hub = await (0, main_1.openHub)(config(), logger());
            try {
                if (opts.requireMigrated !== false && (await hub.db.dataSource.showMigrations())) {
                    throw new errors_1.UnavailableError('the database schema is not up to date; run `leerpoort migrate` first');
                }
                return await work(hub);
            }
            finally {
                await hub.close();
            }
        },
        print: (cmd, data, human) => io.stdout(wantsJson(cmd) ? JSON.stringify(data) : human),
        stderr: (text) => io.stderr(text),
        actor: osUserActor,
        config,
        logger,
        readStdin: () => io.readStdin(),
        readFile: (file) => (0, io_1.readTextFile)(file),
        parseDate,
        parsePositiveInt,
        stderrIsTerminal: process.stderr.isTTY === true,
    };
}
//# sourceMappingURL=context.js.map
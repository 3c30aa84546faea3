"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PGLITE_FOLDER = void 0;
exports.prepareDataDir = prepareDataDir;
exports.openPGlite = openPGlite;
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const pglite_1 = require("@electric-sql/pglite");
const errors_1 = require("../domain/errors");
const storage_faults_1 = require("./storage-faults");
/** The embedded database's own folder inside DATA_DIR. */
exports.PGLITE_FOLDER = 'pglite';
/** Where a first start builds the database before moving it to PGLITE_FOLDER. */
const INIT_FOLDER = 'pglite.init';
/** The nearest folder on the way to `dir` that exists (to ask it why `dir` cannot be made). */
function nearestExisting(dir) {
    let at = dir;
    while (!node_fs_1.default.existsSync(at) && node_path_1.default.dirname(at) !== at)
        at = node_path_1.default.dirname(at);
    return at;
}
/** DATA_DIR exists (or is made), is a folder, and this process may write it — else one clear reason. */
function prepareDataDir(dataDir) {
    if (node_fs_1.default.existsSync(dataDir) && !node_fs_1.default.statSync(dataDir).isDirectory())
        throw new errors_1.UnavailableError(`DATA_DIR ${dataDir} is geen map / is not a directory`);
    try {
        node_fs_1.default.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    }
    catch (e) {
        // A recursive mkdir on a read-only mount reports ENOENT; the parent that exists tells the real cause.
        let cause = (0, storage_faults_1.storageCause)(e);
        try {
            if (!cause)
                node_fs_1.default.accessSync(nearestExisting(dataDir), node_fs_1.default.constants.W_OK);
        }
        catch (probe) {
            cause = (0, storage_faults_1.storageCause)(probe);
        }
        if (cause)
            throw (0, storage_faults_1.storageFaultError)({ dataDir }, cause);
        throw new errors_1.UnavailableError(`DATA_DIR ${dataDir} kan niet worden aangemaakt / cannot be created: ${e.message}`);
    }
    try {
        node_fs_1.default.accessSync(dataDir, node_fs_1.default.constants.R_OK | node_fs_1.default.constants.W_OK | node_fs_1.default.constants.X_OK);
    }
    catch (e) {
        throw (0, storage_faults_1.storageFaultError)({ dataDir }, (0, storage_faults_1.storageCause)(e) ?? 'no-permission');
    }
}
/** PGlite's errors from its WebAssembly file system carry an errno and no message. */
function reason(e) {
    const err = e;
    return err?.message || (typeof err?.errno === 'number' ? `errno ${err.errno}` : String(e));
}
/**
 * Opens the embedded database in DATA_DIR/pglite. A first start builds it in a folder beside that and
 * moves it into place only once it is complete: a start that fails halfway (a full disk) leaves no
 * half-made database that the next start would open as if it were whole.
 */
async function openPGlite(dataDir) {
    // Parse like node-postgres does by default, so both backends hand TypeORM the same shapes.
    const parsers = { [pglite_1.types.INT8]: (v) => v, [pglite_1.types.DATE]: (v) => v };
    if (dataDir === null)
        return pglite_1.PGlite.create({ parsers });
    const pgDir = node_path_1.default.join(dataDir, exports.PGLITE_FOLDER);
    const fault = (e, where) => (0, storage_faults_1.asStorageFault)(e, { dataDir }) ??
        new errors_1.UnavailableError(`de ingebouwde database in ${where} kan niet worden geopend / the embedded database in ${where} cannot be opened: ${reason(e)}`);
    if (!node_fs_1.default.existsSync(pgDir)) {
        const initDir = node_path_1.default.join(dataDir, INIT_FOLDER);
        try {
            node_fs_1.default.rmSync(initDir, { recursive: true, force: true }); // what an earlier failed first start left
            const fresh = await pglite_1.PGlite.create(initDir, { parsers });
            await fresh.close();
            node_fs_1.default.renameSync(initDir, pgDir);
        }
        catch (e) {
            node_fs_1.default.rmSync(initDir, { recursive: true, force: true });
            throw fault(e, initDir);
        }
    }
    try {
        return await pglite_1.PGlite.create(pgDir, { parsers });
    }
    catch (e) {
        throw fault(e, pgDir);
    }
}
//# sourceMappingURL=embedded-folder.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.LOCK_FILE = void 0;
exports.acquireEmbeddedLock = acquireEmbeddedLock;
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const errors_1 = require("../domain/errors");
const storage_faults_1 = require("./storage-faults");
/**
 * A PGlite data folder belongs to one process: PGlite has no locking of its own, and two processes
 * writing one folder corrupt it. The owner writes its pid into `leerpoort.lock`; a lock whose process
 * is gone is stale and taken over.
 */
exports.LOCK_FILE = 'leerpoort.lock';
function processAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (e) {
        return e.code === 'EPERM';
    }
}
function acquireEmbeddedLock(dataDir) {
    const lockPath = node_path_1.default.join(dataDir, exports.LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
        try {
            node_fs_1.default.writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
            let released = false;
            const release = () => {
                if (released)
                    return;
                released = true;
                try {
                    if (node_fs_1.default.readFileSync(lockPath, 'utf8').trim() === String(process.pid))
                        node_fs_1.default.unlinkSync(lockPath);
                }
                catch {
                    /* already gone */
                }
            };
            process.once('exit', release);
            return { release };
        }
        catch (e) {
            if (e.code !== 'EEXIST') {
                // Created but not written (a full disk): an empty lock file is ours, and must not stay behind.
                try {
                    if (node_fs_1.default.readFileSync(lockPath, 'utf8') === '')
                        node_fs_1.default.unlinkSync(lockPath);
                }
                catch {
                    /* never created */
                }
                throw ((0, storage_faults_1.asStorageFault)(e, { dataDir }) ??
                    new errors_1.UnavailableError(`DATA_DIR ${dataDir} kan niet worden vergrendeld / cannot be locked: ${e.message}`));
            }
            const owner = Number.parseInt(node_fs_1.default.readFileSync(lockPath, 'utf8'), 10);
            if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner))
                throw inUse(dataDir, owner);
            node_fs_1.default.rmSync(lockPath, { force: true });
        }
    }
    throw new errors_1.UnavailableError(`DATA_DIR ${dataDir} kan niet worden vergrendeld / cannot be locked`);
}
/** The folder belongs to another live process: the hub, or a CLI command still running. */
function inUse(dataDir, pid) {
    return new errors_1.UnavailableError(`datamap ${dataDir} is in gebruik door een ander Leerpoort-proces (pid ${pid}: de hub of een opdracht); stop dat of gebruik DATABASE_URL / ` +
        `the data folder ${dataDir} is in use by another Leerpoort process (pid ${pid}: the hub or a command); stop it or use DATABASE_URL`);
}
//# sourceMappingURL=embedded-lock.js.map
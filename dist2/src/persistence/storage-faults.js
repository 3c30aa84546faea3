"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.storageCause = storageCause;
exports.storageFaultError = storageFaultError;
exports.asStorageFault = asStorageFault;
exports.asDatabaseStorageFault = asDatabaseStorageFault;
const typeorm_1 = require("typeorm");
const errors_1 = require("../domain/errors");
const NODE_CODES = {
    EROFS: 'read-only',
    EACCES: 'no-permission',
    EPERM: 'no-permission',
    ENOSPC: 'full',
    EDQUOT: 'full',
};
/** WASI errno values, as Emscripten's file system (under PGlite) reports them. */
const WASI_ERRNO = { 69: 'read-only', 2: 'no-permission', 63: 'no-permission', 51: 'full', 19: 'full' };
function storageCause(e) {
    if (!e || typeof e !== 'object')
        return null;
    const err = e;
    if (typeof err.code === 'string' && NODE_CODES[err.code])
        return NODE_CODES[err.code];
    if (err.name === 'ErrnoError' && typeof err.errno === 'number' && WASI_ERRNO[err.errno])
        return WASI_ERRNO[err.errno];
    const driver = e instanceof typeorm_1.QueryFailedError ? e.driverError : err;
    const message = typeof driver.message === 'string' ? driver.message : '';
    if (driver.code === '53100' || /No space left on device|Disk quota exceeded/i.test(message))
        return 'full';
    if (/Read-only file system/i.test(message))
        return 'read-only';
    // "Permission denied" is left alone: in a PostgreSQL message it is as likely a missing SQL privilege.
    return null;
}
const CAUSE_TEXT = {
    'read-only': {
        nl: 'staat op een alleen-lezen bestandssysteem; koppel het schrijfbaar',
        en: 'is on a read-only file system; mount it writable',
    },
    'no-permission': {
        nl: 'is niet schrijfbaar voor dit proces (rechten); geef de gebruiker van de hub schrijfrechten',
        en: 'is not writable by this process (permissions); give the hub’s user write access',
    },
    full: { nl: 'heeft geen schijfruimte meer; maak ruimte vrij', en: 'is out of disk space; free some space' },
};
/**
 * The operator's message for a fault at `place`: Dutch, then English. A transaction that fails this way
 * is rolled back, and a folder that cannot be opened is not written, so the change in progress is lost whole.
 */
function storageFaultError(place, cause) {
    const { nl, en } = CAUSE_TEXT[cause];
    const [placeNl, placeEn] = place === 'postgres' ? ['de databaseserver', 'the database server'] : [`datamap ${place.dataDir}`, `data folder ${place.dataDir}`];
    return new errors_1.UnavailableError(`${placeNl} ${nl} — de lopende wijziging is niet opgeslagen / ${placeEn} ${en} — the change in progress was not saved`);
}
/** `e` as a storage fault at `place`, or null when it is something else. */
function asStorageFault(e, place) {
    const cause = storageCause(e);
    return cause ? storageFaultError(place, cause) : null;
}
/**
 * A failure of the database engine itself (a query, or PGlite's file system) as a storage fault at
 * `place`, or null. Our own file writes are left alone: a login-cards file on a full disk is not the
 * database's fault, and the change may well have been saved before it.
 */
function asDatabaseStorageFault(e, place) {
    const fromEngine = e instanceof typeorm_1.QueryFailedError || e?.name === 'ErrnoError';
    return fromEngine ? asStorageFault(e, place) : null;
}
//# sourceMappingURL=storage-faults.js.map
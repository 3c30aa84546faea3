import { QueryFailedError } from 'typeorm';
import { UnavailableError } from '../domain/errors';

/**
 * Storage faults — a read-only, unwritable or full data folder, or a database server out of disk — told
 * to the operator in one clear line that names the place and the cause, instead of an errno, an
 * "[object Object]" from PGlite's WebAssembly file system or a stack dump. The one home of these messages.
 *
 * The same fault arrives in three shapes: a Node.js error (`code: 'ENOSPC'`) from our own file writes,
 * an Emscripten `ErrnoError` (`errno: 51`, WASI numbering) from PGlite's file system, and a PostgreSQL
 * error (SQLSTATE 53100, or the OS message inside it) once the database engine itself fails to write.
 */
export type StorageCause = 'read-only' | 'no-permission' | 'full';

const NODE_CODES: Record<string, StorageCause> = {
  EROFS: 'read-only',
  EACCES: 'no-permission',
  EPERM: 'no-permission',
  ENOSPC: 'full',
  EDQUOT: 'full',
};
/** WASI errno values, as Emscripten's file system (under PGlite) reports them. */
const WASI_ERRNO: Record<number, StorageCause> = { 69: 'read-only', 2: 'no-permission', 63: 'no-permission', 51: 'full', 19: 'full' };

export function storageCause(e: unknown): StorageCause | null {
  if (!e || typeof e !== 'object') return null;
  const err = e as { code?: unknown; errno?: unknown; name?: unknown; message?: unknown };
  if (typeof err.code === 'string' && NODE_CODES[err.code]) return NODE_CODES[err.code]!;
  if (err.name === 'ErrnoError' && typeof err.errno === 'number' && WASI_ERRNO[err.errno]) return WASI_ERRNO[err.errno]!;
  const driver = e instanceof QueryFailedError ? (e.driverError as { code?: unknown; message?: unknown }) : err;
  const message = typeof driver.message === 'string' ? driver.message : '';
  if (driver.code === '53100' || /No space left on device|Disk quota exceeded/i.test(message)) return 'full';
  if (/Read-only file system/i.test(message)) return 'read-only';
  // "Permission denied" is left alone: in a PostgreSQL message it is as likely a missing SQL privilege.
  return null;
}

const CAUSE_TEXT: Record<StorageCause, { nl: string; en: string }> = {
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

/** Where the data lives: the embedded database's folder, or a PostgreSQL server. */
export type StoragePlace = { readonly dataDir: string } | 'postgres';

/**
 * The operator's message for a fault at `place`: Dutch, then English. A transaction that fails this way
 * is rolled back, and a folder that cannot be opened is not written, so the change in progress is lost whole.
 */
export function storageFaultError(place: StoragePlace, cause: StorageCause): UnavailableError {
  const { nl, en } = CAUSE_TEXT[cause];
  const [placeNl, placeEn] =
    place === 'postgres' ? ['de databaseserver', 'the database server'] : [`datamap ${place.dataDir}`, `data folder ${place.dataDir}`];
  return new UnavailableError(
    `${placeNl} ${nl} — de lopende wijziging is niet opgeslagen / ${placeEn} ${en} — the change in progress was not saved`,
  );
}

/** `e` as a storage fault at `place`, or null when it is something else. */
export function asStorageFault(e: unknown, place: StoragePlace): UnavailableError | null {
  const cause = storageCause(e);
  return cause ? storageFaultError(place, cause) : null;
}

/**
 * A failure of the database engine itself (a query, or PGlite's file system) as a storage fault at
 * `place`, or null. Our own file writes are left alone: a login-cards file on a full disk is not the
 * database's fault, and the change may well have been saved before it.
 */
export function asDatabaseStorageFault(e: unknown, place: StoragePlace): UnavailableError | null {
  const fromEngine = e instanceof QueryFailedError || (e as { name?: unknown } | null)?.name === 'ErrnoError';
  return fromEngine ? asStorageFault(e, place) : null;
}

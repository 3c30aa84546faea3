import fs from 'node:fs';
import path from 'node:path';
import { PGlite, types } from '@electric-sql/pglite';
import { UnavailableError } from '../domain/errors';
import { asStorageFault, storageCause, storageFaultError } from './storage-faults';

/** The embedded database's own folder inside DATA_DIR. */
export const PGLITE_FOLDER = 'pglite';
/** Where a first start builds the database before moving it to PGLITE_FOLDER. */
const INIT_FOLDER = 'pglite.init';

/** The nearest folder on the way to `dir` that exists (to ask it why `dir` cannot be made). */
function nearestExisting(dir: string): string {
  let at = dir;
  while (!fs.existsSync(at) && path.dirname(at) !== at) at = path.dirname(at);
  return at;
}

/** DATA_DIR exists (or is made), is a folder, and this process may write it — else one clear reason. */
export function prepareDataDir(dataDir: string): void {
  if (fs.existsSync(dataDir) && !fs.statSync(dataDir).isDirectory())
    throw new UnavailableError(`DATA_DIR ${dataDir} is geen map / is not a directory`);
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    // A recursive mkdir on a read-only mount reports ENOENT; the parent that exists tells the real cause.
    let cause = storageCause(e);
    try {
      if (!cause) fs.accessSync(nearestExisting(dataDir), fs.constants.W_OK);
    } catch (probe) {
      cause = storageCause(probe);
    }
    if (cause) throw storageFaultError({ dataDir }, cause);
    throw new UnavailableError(`DATA_DIR ${dataDir} kan niet worden aangemaakt / cannot be created: ${(e as Error).message}`);
  }
  try {
    fs.accessSync(dataDir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
  } catch (e) {
    throw storageFaultError({ dataDir }, storageCause(e) ?? 'no-permission');
  }
}

/** PGlite's errors from its WebAssembly file system carry an errno and no message. */
function reason(e: unknown): string {
  const err = e as { message?: string; errno?: number };
  return err?.message || (typeof err?.errno === 'number' ? `errno ${err.errno}` : String(e));
}

/**
 * Opens the embedded database in DATA_DIR/pglite. A first start builds it in a folder beside that and
 * moves it into place only once it is complete: a start that fails halfway (a full disk) leaves no
 * half-made database that the next start would open as if it were whole.
 */
export async function openPGlite(dataDir: string | null, loadDataDir?: Blob): Promise<PGlite> {
  // Parse like node-postgres does by default, so both backends hand TypeORM the same shapes.
  const parsers = { [types.INT8]: (v: string) => v, [types.DATE]: (v: string) => v };
  if (dataDir === null) return PGlite.create({ parsers, ...(loadDataDir ? { loadDataDir } : {}) });
  const pgDir = path.join(dataDir, PGLITE_FOLDER);
  const fault = (e: unknown, where: string) =>
    asStorageFault(e, { dataDir }) ??
    new UnavailableError(
      `de ingebouwde database in ${where} kan niet worden geopend / the embedded database in ${where} cannot be opened: ${reason(e)}`,
    );

  if (!fs.existsSync(pgDir)) {
    const initDir = path.join(dataDir, INIT_FOLDER);
    try {
      fs.rmSync(initDir, { recursive: true, force: true }); // what an earlier failed first start left
      const fresh = await PGlite.create(initDir, { parsers });
      await fresh.close();
      fs.renameSync(initDir, pgDir);
    } catch (e) {
      fs.rmSync(initDir, { recursive: true, force: true });
      throw fault(e, initDir);
    }
  }
  try {
    return await PGlite.create(pgDir, { parsers });
  } catch (e) {
    throw fault(e, pgDir);
  }
}

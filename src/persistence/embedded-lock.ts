import fs from 'node:fs';
import path from 'node:path';
import { UnavailableError } from '../domain/errors';
import { asStorageFault } from './storage-faults';

/**
 * A PGlite data folder belongs to one process: PGlite has no locking of its own, and two processes
 * writing one folder corrupt it. The owner writes its pid into `leerpoort.lock`; a lock whose process
 * is gone is stale and taken over.
 */
export const LOCK_FILE = 'leerpoort.lock';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface EmbeddedLock {
  release(): void;
}

export function acquireEmbeddedLock(dataDir: string): EmbeddedLock {
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        // Created but not written (a full disk): an empty lock file is ours, and must not stay behind.
        try {
          if (fs.readFileSync(lockPath, 'utf8') === '') fs.unlinkSync(lockPath);
        } catch {
          /* never created */
        }
        throw (
          asStorageFault(e, { dataDir }) ??
          new UnavailableError(`DATA_DIR ${dataDir} kan niet worden vergrendeld / cannot be locked: ${(e as Error).message}`)
        );
      }
      const owner = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) throw inUse(dataDir, owner);
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new UnavailableError(`DATA_DIR ${dataDir} kan niet worden vergrendeld / cannot be locked`);
}

/** The folder belongs to another live process: the hub, or a CLI command still running. */
function inUse(dataDir: string, pid: number): UnavailableError {
  return new UnavailableError(
    `datamap ${dataDir} is in gebruik door een ander Leerpoort-proces (pid ${pid}: de hub of een opdracht); stop dat of gebruik DATABASE_URL / ` +
      `the data folder ${dataDir} is in use by another Leerpoort process (pid ${pid}: the hub or a command); stop it or use DATABASE_URL`,
  );
}

import fs from 'node:fs';
import path from 'node:path';
import { UnavailableError } from '../domain/errors';

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
        throw new UnavailableError(`cannot lock DATA_DIR ${dataDir}: ${(e as Error).message}`);
      }
      const owner = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) {
        throw new UnavailableError(`the hub is running on this data folder (${dataDir}, pid ${owner}); stop it or use DATABASE_URL`);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new UnavailableError(`cannot lock DATA_DIR ${dataDir}`);
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BackupIntegrityError, type BackupHeader, decryptBackup, encryptBackup, readBackupHeader } from '../crypto/backup-cipher';
import type { Keyring } from '../crypto/field-cipher';
import { NotFoundError, UnavailableError, ValidationError } from '../domain/errors';
import { type BackupTarget, dumpDatabase, restoreDatabase, assertEmptyTarget } from './backup';

/**
 * Backup files (annex B.1.d) in BACKUP_DIR: `leerpoort-<kind>-<UTC time>.lpbak`, encrypted, each with a
 * `.sha256` beside it in `sha256sum` format (checkable without the key, e.g. after copying off-site).
 * Restore checks the checksum, then decrypts and authenticates the whole file once, and only then
 * writes anything — a changed or damaged backup never half-restores.
 */

export const BACKUP_SUFFIX = '.lpbak';
const DAY_MS = 86_400_000;

export type Progress = (done: number, total: number | null) => void;

export interface CreatedBackup {
  readonly file: string;
  readonly kind: BackupHeader['kind'];
  readonly createdAt: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface ListedBackup {
  readonly file: string;
  readonly kind: BackupHeader['kind'] | null;
  readonly createdAt: string | null;
  readonly bytes: number;
  /** The `.sha256` beside it matches the file (false: damaged or changed; null: no checksum file). */
  readonly checksumOk: boolean | null;
  /** When `backup prune` (and the retention run) deletes it. */
  readonly expiresAt: string | null;
  readonly problem?: string;
}

async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const checksumFile = (file: string) => `${file}.sha256`;

function readChecksum(file: string): string | null {
  try {
    const text = fs.readFileSync(checksumFile(file), 'utf8');
    const m = /^([0-9a-f]{64})\s/.exec(text);
    if (!m) throw new BackupIntegrityError(`${checksumFile(file)} is not a sha256sum line`);
    return m[1]!;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function ensureDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new UnavailableError(`BACKUP_DIR ${dir} cannot be created: ${(e as Error).message}`);
  }
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

/** Dumps, encrypts and writes a backup with its checksum file; a failure leaves no file behind. */
export async function createBackup(
  target: BackupTarget,
  keyring: Keyring,
  opts: { dir: string; out?: string; now?: Date; onProgress?: Progress },
): Promise<CreatedBackup> {
  const now = opts.now ?? new Date();
  if (!opts.out) ensureDir(opts.dir);
  const file = path.resolve(opts.out ?? path.join(opts.dir, `leerpoort-${target.kind}-${stamp(now)}${BACKUP_SUFFIX}`));
  if (fs.existsSync(file)) throw new ValidationError(`${file} already exists; a backup never overwrites another`);
  const partial = `${file}.partial`;
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const out = fs.createWriteStream(partial, { mode: 0o600, flags: 'wx' });
  const opened = new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', reject);
  });
  try {
    await opened.catch((e) => {
      throw new UnavailableError(`cannot write ${partial}: ${(e as Error).message}`);
    });
    for await (const piece of encryptBackup(keyring, target.kind, dumpDatabase(target), now)) {
      hash.update(piece);
      bytes += piece.length;
      if (!out.write(piece)) await new Promise<void>((r) => out.once('drain', () => r()));
      opts.onProgress?.(bytes, null);
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    const sha256 = hash.digest('hex');
    fs.renameSync(partial, file);
    fs.writeFileSync(checksumFile(file), `${sha256}  ${path.basename(file)}\n`, { mode: 0o600 });
    return { file, kind: target.kind, createdAt: now.toISOString(), bytes, sha256 };
  } catch (e) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw e;
  }
}

/** Reads the file as chunks, counting for progress. */
async function* readFile(file: string, onBytes?: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    onBytes?.((chunk as Buffer).length);
    yield chunk as Buffer;
  }
}

/**
 * Checks a backup without restoring it: the checksum file (when there is one) and every encrypted part.
 * Wrong key → ForbiddenError; damaged or changed → BackupIntegrityError.
 */
export async function verifyBackup(file: string, keyring: Keyring, onProgress?: Progress): Promise<BackupHeader> {
  if (!fs.existsSync(file)) throw new NotFoundError(`no backup file ${file}`);
  const total = fs.statSync(file).size;
  const expected = readChecksum(file);
  if (expected !== null && (await sha256File(file)) !== expected)
    throw new BackupIntegrityError(
      `het back-upbestand past niet bij ${path.basename(checksumFile(file))} / the backup file does not match its checksum ${path.basename(checksumFile(file))}: it is damaged or was changed`,
    );
  let header: BackupHeader | null = null;
  let done = 0;
  const counted = (n: number) => {
    done += n;
    onProgress?.(done, total);
  };
  const keep = (h: BackupHeader) => {
    header = h;
  };
  for await (const _ of decryptBackup(keyring, readFile(file, counted), keep)) {
    /* every part authenticates, or decryptBackup throws */
  }
  return header!;
}

/** Restores into an empty database of the same kind (refused otherwise), after verifying the whole file. */
export async function restoreBackup(file: string, target: BackupTarget, keyring: Keyring, onProgress?: Progress): Promise<BackupHeader> {
  const header = await readBackupHeader(readFile(file)).catch((e) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new NotFoundError(`no backup file ${file}`);
    throw e;
  });
  if (header.kind !== target.kind)
    throw new ValidationError(
      `this is a backup of ${header.kind === 'postgres' ? 'PostgreSQL' : 'the embedded database'}; restore it with ${
        header.kind === 'postgres' ? 'DATABASE_URL set' : 'DATABASE_URL unset (DATA_DIR)'
      }`,
    );
  await assertEmptyTarget(target);
  const total = fs.statSync(file).size;
  await verifyBackup(file, keyring, (n) => onProgress?.(n, total * 2));
  let done = 0;
  const counted = (n: number) => {
    done += n;
    onProgress?.(total + done, total * 2);
  };
  await restoreDatabase(target, decryptBackup(keyring, readFile(file, counted)));
  return header;
}

/** The backups in BACKUP_DIR, oldest first. */
export async function listBackups(dir: string, retentionDays: number): Promise<ListedBackup[]> {
  if (!fs.existsSync(dir)) return [];
  const out: ListedBackup[] = [];
  for (const name of fs
    .readdirSync(dir)
    .filter((n) => n.endsWith(BACKUP_SUFFIX))
    .sort()) {
    const file = path.join(dir, name);
    const bytes = fs.statSync(file).size;
    try {
      const header = await readBackupHeader(readFile(file));
      const expected = readChecksum(file);
      out.push({
        file,
        kind: header.kind,
        createdAt: header.createdAt,
        bytes,
        checksumOk: expected === null ? null : (await sha256File(file)) === expected,
        expiresAt: new Date(new Date(header.createdAt).getTime() + retentionDays * DAY_MS).toISOString(),
      });
    } catch (e) {
      out.push({ file, kind: null, createdAt: null, bytes, checksumOk: null, expiresAt: null, problem: (e as Error).message });
    }
  }
  return out.sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
}

/**
 * Backups follow the data's retention clock: what retention deleted from the database must not live on in
 * a backup. A backup older than the retention period is deleted with its checksum file. Files that are
 * not readable backups are left alone (and listed by `backup list`): prune deletes only what it can date.
 * The retention run calls this as one of its steps.
 */
export async function pruneBackups(
  dir: string,
  retentionDays: number,
  opts: { now?: Date; dryRun?: boolean } = {},
): Promise<{ deleted: string[]; kept: number }> {
  const now = (opts.now ?? new Date()).getTime();
  const deleted: string[] = [];
  let kept = 0;
  for (const b of await listBackups(dir, retentionDays)) {
    if (b.expiresAt !== null && new Date(b.expiresAt).getTime() <= now) {
      if (!opts.dryRun) {
        fs.rmSync(b.file, { force: true });
        fs.rmSync(checksumFile(b.file), { force: true });
      }
      deleted.push(b.file);
    } else kept++;
  }
  return { deleted, kept };
}

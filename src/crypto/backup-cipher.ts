import crypto from 'node:crypto';
import { ForbiddenError, ValidationError } from '../domain/errors';
import type { Keyring } from './field-cipher';

/**
 * Encryption of backups (annex B.1.d, security annex A "data at rest"): AES-256-GCM from node:crypto in
 * the chunked STREAM construction (a counter nonce per chunk, the last chunk flagged), so a dump of any
 * size is encrypted and authenticated while it streams. Nothing here is a primitive of our own: GCM
 * authenticates each chunk; the counter stops reordering, the final flag stops truncation, and the
 * header is the additional data of every chunk, so it cannot be changed either.
 *
 * File: `LPBACKUP1\n` · one line of header JSON · frames of [u32 length][ciphertext + 16-byte tag].
 * The key is HKDF-SHA256 of a key from the data keyring (DATA_ENCRYPTION_KEY; its id is in the header, so
 * a rotated ring still opens old backups) with a random salt per backup. A key check value in the header
 * tells "wrong key" apart from "damaged or changed".
 */

export const BACKUP_MAGIC = 'LPBACKUP1\n';
const CHUNK_BYTES = 1 << 20;
const TAG_BYTES = 16;
const MAX_HEADER_BYTES = 4096;

export interface BackupHeader {
  readonly format: 'leerpoort-backup';
  readonly version: 1;
  /** Which database the dump is of: PostgreSQL (pg_dump custom format) or the embedded PGlite data folder (tar.gz). */
  readonly kind: 'postgres' | 'pglite';
  readonly createdAt: string;
  readonly keyId: string;
  readonly salt: string;
  readonly keyCheck: string;
}

export class BackupIntegrityError extends ValidationError {}

function deriveKeys(rootKey: Buffer, salt: Buffer): { key: Buffer; check: Buffer } {
  return {
    key: Buffer.from(crypto.hkdfSync('sha256', rootKey, salt, 'leerpoort backup v1', 32)),
    check: Buffer.from(crypto.hkdfSync('sha256', rootKey, salt, 'leerpoort backup key check v1', 16)),
  };
}

function nonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 5, 6);
  n[11] = last ? 1 : 0;
  return n;
}

/** Encrypts a byte stream into backup frames; the caller writes what the generator yields, in order. */
export async function* encryptBackup(
  keyring: Keyring,
  kind: BackupHeader['kind'],
  source: AsyncIterable<Buffer | Uint8Array | string>,
  createdAt = new Date(),
): AsyncGenerator<Buffer> {
  const keyId = keyring.activeKeyId;
  const salt = crypto.randomBytes(32);
  const { key, check } = deriveKeys(keyring.keys.get(keyId)!, salt);
  const header: BackupHeader = {
    format: 'leerpoort-backup',
    version: 1,
    kind,
    createdAt: createdAt.toISOString(),
    keyId,
    salt: salt.toString('base64'),
    keyCheck: check.toString('base64'),
  };
  const headerLine = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  yield Buffer.concat([Buffer.from(BACKUP_MAGIC, 'utf8'), headerLine]);
  let counter = 0;
  const seal = (plain: Buffer, last: boolean) => {
    const cipher = crypto.createCipheriv('aes-256-gcm', key, nonce(counter++, last));
    cipher.setAAD(headerLine);
    const body = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    return Buffer.concat([len, body]);
  };
  let pending = Buffer.alloc(0);
  for await (const piece of source) {
    pending = Buffer.concat([pending, typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece)]);
    while (pending.length > CHUNK_BYTES) {
      yield seal(pending.subarray(0, CHUNK_BYTES), false);
      pending = pending.subarray(CHUNK_BYTES);
    }
  }
  yield seal(pending, true);
}

/** Reads exactly what a backup file holds, refusing anything malformed with a clear reason. */
class ByteReader {
  private buf = Buffer.alloc(0);
  private done = false;
  private readonly it: AsyncIterator<Buffer | Uint8Array | string>;
  constructor(source: AsyncIterable<Buffer | Uint8Array | string>) {
    this.it = source[Symbol.asyncIterator]();
  }
  private async fill(n: number): Promise<void> {
    while (this.buf.length < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else this.buf = Buffer.concat([this.buf, typeof r.value === 'string' ? Buffer.from(r.value) : Buffer.from(r.value)]);
    }
  }
  async take(n: number): Promise<Buffer | null> {
    await this.fill(n);
    if (this.buf.length < n) return null;
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }
  async line(max: number): Promise<Buffer | null> {
    for (;;) {
      const i = this.buf.indexOf(0x0a);
      if (i !== -1 && i < max) {
        const out = this.buf.subarray(0, i + 1);
        this.buf = this.buf.subarray(i + 1);
        return out;
      }
      if (this.buf.length >= max || this.done) return null;
      await this.fill(this.buf.length + 1);
    }
  }
  async atEnd(): Promise<boolean> {
    await this.fill(1);
    return this.buf.length === 0;
  }
}

const damaged = (why: string) =>
  new BackupIntegrityError(`het back-upbestand is beschadigd of gewijzigd / the backup file is damaged or was changed: ${why}`);

function parseHeader(line: Buffer): BackupHeader {
  let h: BackupHeader;
  try {
    h = JSON.parse(line.toString('utf8')) as BackupHeader;
  } catch {
    throw damaged('unreadable header');
  }
  if (h?.format !== 'leerpoort-backup' || h.version !== 1 || (h.kind !== 'postgres' && h.kind !== 'pglite'))
    throw damaged('unknown header');
  if (typeof h.keyId !== 'string' || typeof h.salt !== 'string' || typeof h.keyCheck !== 'string' || typeof h.createdAt !== 'string')
    throw damaged('incomplete header');
  return h;
}

/** Only the header (for `backup list`): no key needed. */
export async function readBackupHeader(source: AsyncIterable<Buffer | Uint8Array | string>): Promise<BackupHeader> {
  const reader = new ByteReader(source);
  const magic = await reader.take(BACKUP_MAGIC.length);
  if (!magic || magic.toString('utf8') !== BACKUP_MAGIC)
    throw new ValidationError('dit is geen Leerpoort-back-up / not a Leerpoort backup file');
  const line = await reader.line(MAX_HEADER_BYTES);
  if (!line) throw damaged('no header');
  return parseHeader(line);
}

/**
 * Decrypts a backup, yielding the dump in order. Every chunk is authenticated before it is yielded;
 * a consumer that must not see a partial dump (restore) runs this once to the end first (verify).
 */
export async function* decryptBackup(
  keyring: Keyring,
  source: AsyncIterable<Buffer | Uint8Array | string>,
  onHeader?: (h: BackupHeader) => void,
): AsyncGenerator<Buffer> {
  const reader = new ByteReader(source);
  const magic = await reader.take(BACKUP_MAGIC.length);
  if (!magic || magic.toString('utf8') !== BACKUP_MAGIC)
    throw new ValidationError('dit is geen Leerpoort-back-up / not a Leerpoort backup file');
  const headerLine = await reader.line(MAX_HEADER_BYTES);
  if (!headerLine) throw damaged('no header');
  const header = parseHeader(headerLine);
  const rootKey = keyring.keys.get(header.keyId);
  const wrongKey = new ForbiddenError(
    `de back-up is versleuteld met een andere sleutel (sleutel-id '${header.keyId}') / the backup was encrypted with another key ` +
      `(key id '${header.keyId}'): set DATA_ENCRYPTION_KEY to the keyring it was made with`,
  );
  if (!rootKey) throw wrongKey;
  const { key, check } = deriveKeys(rootKey, Buffer.from(header.salt, 'base64'));
  const stored = Buffer.from(header.keyCheck, 'base64');
  if (stored.length !== check.length || !crypto.timingSafeEqual(stored, check)) throw wrongKey;
  onHeader?.(header);
  for (let counter = 0; ; counter++) {
    const len = await reader.take(4);
    if (!len) throw damaged('it ends before its last part (truncated)');
    const size = len.readUInt32BE();
    if (size < TAG_BYTES || size > CHUNK_BYTES + TAG_BYTES) throw damaged('a part has an impossible length');
    const body = await reader.take(size);
    if (!body) throw damaged('it ends inside a part (truncated)');
    // Which flag the writer set is not stored: the tag verifies under exactly one of the two nonces.
    let plain: Buffer | null = null;
    let last = false;
    for (const flag of [false, true]) {
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, nonce(counter, flag));
        decipher.setAAD(headerLine);
        decipher.setAuthTag(body.subarray(size - TAG_BYTES));
        plain = Buffer.concat([decipher.update(body.subarray(0, size - TAG_BYTES)), decipher.final()]);
        last = flag;
        break;
      } catch {
        /* try the other flag */
      }
    }
    if (!plain) throw damaged(`part ${counter + 1} does not authenticate`);
    yield plain;
    if (last) {
      if (!(await reader.atEnd())) throw damaged('data after the last part');
      return;
    }
  }
}

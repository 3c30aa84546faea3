import type { ValueTransformer } from 'typeorm';
import type { FieldCipher } from '../crypto/field-cipher';

/**
 * TypeORM transformers are declared on entity classes, before any configuration exists; the cipher is
 * installed here when the database is opened (openDatabase) and used by every encrypted column.
 */
let installed: FieldCipher | null = null;

export function installFieldCipher(cipher: FieldCipher): void {
  installed = cipher;
}

export function fieldCipher(): FieldCipher {
  if (!installed) throw new Error('field cipher not installed: open the database with openDatabase()');
  return installed;
}

/** Column transformer: AES-256-GCM ciphertext in the database, plaintext in the entity. */
export function encrypted(column: string): ValueTransformer {
  return {
    to: (value: string | null | undefined) => (value == null ? value : fieldCipher().encrypt(value, column)),
    from: (value: string | null | undefined) => (value == null ? value : fieldCipher().decrypt(value, column)),
  };
}

/** Blind index for lookups on an encrypted column; values are normalised by the caller. */
export function blindIndex(value: string, purpose: string): string {
  return fieldCipher().blindIndex(value, purpose);
}

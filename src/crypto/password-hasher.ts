import { Algorithm, hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../domain/identity/ports';

/** argon2id with the OWASP minimum (m=19 MiB, t=2, p=1); verify() accepts any stronger stored parameters. */
export const ARGON2ID_PARAMS = Object.freeze({
  algorithm: Algorithm.Argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
});

export class Argon2idPasswordHasher implements PasswordHasher {
  hash(password: string): Promise<string> {
    return hash(password, ARGON2ID_PARAMS);
  }

  async verify(storedHash: string, password: string): Promise<boolean> {
    if (!storedHash.startsWith('$argon2id$')) return false;
    try {
      return await verify(storedHash, password);
    } catch {
      return false;
    }
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { ConflictError, NotFoundError } from '../domain/errors';
import { generateKeyPair, SECRET_FILES, writeKeyPair } from './secrets';

/**
 * SAML signing-key rollover in three steps, each a separate operator decision:
 *   stage     a new key is generated as `next`; the metadata publishes both certificates, SPs refresh.
 *   activate  `next` becomes the signing key; the old one stays published as `previous`.
 *   retire    `previous` is removed from the metadata and the disk.
 * Hub processes read keys at start: restart (or roll) them after each step.
 */

const file = (dir: string, name: string) => path.join(dir, name);
const exists = (dir: string, name: string) => fs.existsSync(file(dir, name));

export type RotationStep = 'stage' | 'activate' | 'retire';

export async function rotateSigningKey(certsDir: string, step: RotationStep): Promise<string> {
  const f = SECRET_FILES;
  switch (step) {
    case 'stage': {
      if (exists(certsDir, f.nextSigningKey))
        throw new ConflictError('a new signing key is already staged; run `keys rotate --activate` to use it');
      writeKeyPair(certsDir, f.nextSigningKey, f.nextSigningCert, await generateKeyPair('signing'));
      return 'new signing key staged; both certificates are now in the metadata. Let SPs refresh, then run `keys rotate --activate`.';
    }
    case 'activate': {
      if (!exists(certsDir, f.nextSigningKey)) throw new NotFoundError('no staged signing key; run `keys rotate` first');
      if (exists(certsDir, f.previousSigningKey))
        throw new ConflictError('an old signing key is still published; run `keys rotate --retire` first');
      fs.renameSync(file(certsDir, f.signingKey), file(certsDir, f.previousSigningKey));
      fs.renameSync(file(certsDir, f.signingCert), file(certsDir, f.previousSigningCert));
      fs.renameSync(file(certsDir, f.nextSigningKey), file(certsDir, f.signingKey));
      fs.renameSync(file(certsDir, f.nextSigningCert), file(certsDir, f.signingCert));
      return 'the staged key now signs; the old certificate stays in the metadata until `keys rotate --retire`. Restart the hub.';
    }
    case 'retire': {
      if (!exists(certsDir, f.previousSigningKey)) throw new NotFoundError('there is no old signing key to retire');
      fs.rmSync(file(certsDir, f.previousSigningKey));
      fs.rmSync(file(certsDir, f.previousSigningCert), { force: true });
      return 'the old signing key is removed from the metadata and the disk. Restart the hub.';
    }
  }
}

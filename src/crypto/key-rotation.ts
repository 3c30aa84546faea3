import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditLog } from '../domain/audit/ports';
import { ConflictError, isAppError, NotFoundError } from '../domain/errors';
import type { Actor } from '../domain/model';
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

/**
 * One rotation step and its audit entry: the one home for `keys rotate` and the console's key page. The
 * audit is written after the files changed; a step that fails is audited as a failure and rethrown.
 */
export async function rotateSigningKeyAudited(
  certsDir: string,
  step: RotationStep,
  audit: Pick<AuditLog, 'record'>,
  actor: Actor,
): Promise<string> {
  try {
    const message = await rotateSigningKey(certsDir, step);
    await audit.record({ actor, action: `keys.rotate.${step}`, outcome: 'success' });
    return message;
  } catch (e) {
    if (isAppError(e))
      await audit.record({ actor, action: `keys.rotate.${step}`, outcome: 'failure', details: { reason: e.publicMessage } });
    throw e;
  }
}

export interface SigningKeyStatus {
  readonly slot: 'current' | 'next' | 'previous';
  /** SHA-256 fingerprint of the certificate (as in the metadata), colon-separated hex. */
  readonly fingerprint: string;
  readonly validTo: Date;
}

/** Which signing keys are on disk (what the metadata publishes after a restart); certificates only, never keys. */
export function signingKeyStatus(certsDir: string): SigningKeyStatus[] {
  const f = SECRET_FILES;
  const slots = [
    ['current', f.signingCert],
    ['next', f.nextSigningCert],
    ['previous', f.previousSigningCert],
  ] as const;
  return slots.flatMap(([slot, name]) => {
    if (!exists(certsDir, name)) return [];
    const cert = new X509Certificate(fs.readFileSync(file(certsDir, name)));
    return [{ slot, fingerprint: cert.fingerprint256, validTo: new Date(cert.validTo) }];
  });
}

import crypto from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Actor, Person, School } from '../model';
import type { PasswordHasher, Repositories } from '../ports';

/**
 * Two-factor authentication with TOTP (RFC 6238, SHA-1, 6 digits, 30 s — what authenticator apps
 * support). A code is accepted once: the last accepted time step is stored and only later steps pass.
 * Recovery codes are shown once and stored as argon2id hashes; each works once.
 */

export const TOTP_ISSUER = 'Leerpoort';
const RECOVERY_CODES = 10;

/** Delegates (school admins) always; teachers when their school requires it; pupils never. */
export function twoFactorRequired(person: Person, school: School): boolean {
  if (person.role === 'delegate') return true;
  return person.role === 'teacher' && school.teacher2faRequired === true;
}

const totpFor = (secret: string, label: string) => new TOTP({ issuer: TOTP_ISSUER, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });

export type TwoFactorResult = { ok: true; usedRecoveryCode: boolean } | { ok: false; reason: 'invalid' | 'replayed' };

export class TwoFactorService {
  constructor(
    private readonly repos: Repositories,
    private readonly hasher: PasswordHasher,
  ) {}

  /** A fresh secret and its otpauth:// URI (for the QR code); nothing is stored until confirmed. */
  newSecret(label: string): { secret: string; uri: string } {
    const secret = new Secret({ size: 20 }).base32;
    return { secret, uri: totpFor(secret, label).toString() };
  }

  /** Confirms enrolment with a first code; stores the secret and returns the recovery codes (shown once). */
  async confirmEnrolment(credentialId: string, secret: string, code: string, actor: Actor, now = Date.now()): Promise<string[] | null> {
    const delta = totpFor(secret, 'x').validate({ token: code.replace(/\s/g, ''), timestamp: now, window: 1 });
    if (delta === null) return null;
    const codes = Array.from({ length: RECOVERY_CODES }, () => crypto.randomBytes(5).toString('hex').replace(/(.{5})/, '$1-'));
    const hashes = await Promise.all(codes.map((c) => this.hasher.hash(c)));
    await this.repos.credentials.enableTotp(credentialId, secret, hashes);
    await this.repos.credentials.acceptTotpStep(credentialId, Math.floor(now / 30_000) + delta);
    await this.repos.audit.record({ actor, action: 'two_factor.enrol', outcome: 'success', targetType: 'credential', targetId: credentialId });
    return codes;
  }

  async verify(credentialId: string, input: string, actor: Actor, now = Date.now()): Promise<TwoFactorResult> {
    const state = await this.repos.credentials.twoFactorState(credentialId);
    const code = input.trim().toLowerCase();
    let result: TwoFactorResult = { ok: false, reason: 'invalid' };
    if (state.enabled && state.secret && /^\d{6}$/.test(code.replace(/\s/g, ''))) {
      const delta = totpFor(state.secret, 'x').validate({ token: code.replace(/\s/g, ''), timestamp: now, window: 1 });
      if (delta !== null) {
        const accepted = await this.repos.credentials.acceptTotpStep(credentialId, Math.floor(now / 30_000) + delta);
        result = accepted ? { ok: true, usedRecoveryCode: false } : { ok: false, reason: 'replayed' };
      }
    } else if (state.enabled && /^[0-9a-f]{5}-[0-9a-f]{5}$/.test(code)) {
      for (let i = 0; i < state.recoveryCodeHashes.length; i++) {
        if (await this.hasher.verify(state.recoveryCodeHashes[i]!, code)) {
          await this.repos.credentials.setRecoveryCodeHashes(credentialId, state.recoveryCodeHashes.filter((_, j) => j !== i));
          result = { ok: true, usedRecoveryCode: true };
          break;
        }
      }
    }
    await this.repos.audit.record({ actor, action: 'login.two_factor', outcome: result.ok ? 'success' : 'failure', targetType: 'credential', targetId: credentialId, details: result.ok ? { recoveryCode: result.usedRecoveryCode } : { reason: result.reason } });
    return result;
  }
}

"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.TwoFactorService = exports.TOTP_ISSUER = void 0;
exports.twoFactorRequired = twoFactorRequired;
const node_crypto_1 = __importDefault(require("node:crypto"));
const otpauth_1 = require("otpauth");
const errors_1 = require("../errors");
/**
 * Two-factor authentication with TOTP (RFC 6238, SHA-1, 6 digits, 30 s — what authenticator apps
 * support). A code is accepted once: the last accepted time step is stored and only later steps pass.
 * Every try (a code or a recovery code, at login or when changing the factor) is counted per account in
 * the database before it is checked; after 5 wrong ones the second step backs off (see LoginThrottle).
 *
 * Who may set the factor:
 *  - enrolment only for an account that has no confirmed factor, decided by the UPDATE itself;
 *  - replacement only by the owner, proving the current factor again at that moment;
 *  - removal (reset) by another delegate of the same school or by an operator — audited, and the owner
 *    is mailed.
 * Recovery codes are shown once; each is stored as an argon2id hash under a keyed lookup index, so one
 * try costs at most one hash verification, and each works once.
 */
exports.TOTP_ISSUER = 'Leerpoort';
const RECOVERY_CODES = 10;
const RECOVERY_CODE = /^[0-9a-f]{5}-[0-9a-f]{5}$/;
/** Delegates (school admins) always; teachers when their school requires it; pupils never. */
function twoFactorRequired(person, school) {
    if (person.role === 'delegate')
        return true;
    return person.role === 'teacher' && school.teacher2faRequired === true;
}
const totpFor = (secret, label) => new otpauth_1.TOTP({ issuer: exports.TOTP_ISSUER, label, secret: otpauth_1.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
/** The time step a code belongs to (±1 step of clock drift), or null when it is not a code of this secret. */
function stepOf(secret, input, now) {
    const token = input.replace(/\s/g, '');
    if (!/^\d{6}$/.test(token))
        return null;
    const delta = totpFor(secret, 'x').validate({ token, timestamp: now, window: 1 });
    return delta === null ? null : Math.floor(now / 30_000) + delta;
}
class TwoFactorService {
    uow;
    repos;
    hasher;
    throttle;
    recoveryLookup;
    constructor(uow, repos, hasher, throttle, 
    /** Keyed hash of a recovery code: where its argon2id hash is stored. */
    recoveryLookup) {
        this.uow = uow;
        this.repos = repos;
        this.hasher = hasher;
        this.throttle = throttle;
        this.recoveryLookup = recoveryLookup;
    }
    /** A fresh secret and its otpauth:// URI (for the QR code); nothing is stored until confirmed. */
    newSecret(label) {
        const secret = new otpauth_1.Secret({ size: 20 }).base32;
        return { secret, uri: totpFor(secret, label).toString() };
    }
    /** The otpauth:// URI of a secret already shown (the page is shown again). */
    uriFor(secret, label) {
        return totpFor(secret, label).toString();
    }
    async isEnrolled(credentialId) {
        return (await this.repos.credentials.twoFactorState(credentialId)).enabled;
    }
    async newRecoveryCodes() {
        const codes = Array.from({ length: RECOVERY_CODES }, () => node_crypto_1.default
            .randomBytes(5)
            .toString('hex')
            .replace(/(.{5})/, '$1-'));
        const entries = await Promise.all(codes.map(async (c) => ({ lookup: this.recoveryLookup(c), hash: await this.hasher.hash(c) })));
        return { codes, entries };
    }
    /**
     * First enrolment: confirms the secret with a code from it and stores it — only if the account has no
     * second factor at the moment of the write. Returns the recovery codes (shown once).
     */
    async enrol(credentialId, secret, code, actor, now = Date.now()) {
        const admission = await this.throttle.admit([this.throttle.secondFactorGuard(credentialId)], new Date(now));
        if (!admission.ok)
            return this.refused(credentialId, actor, 'two_factor.enrol', admission.retryAfterSeconds);
        const step = stepOf(secret, code, now);
        if (step === null) {
            await this.repos.audit.record({
                actor,
                action: 'two_factor.enrol',
                outcome: 'failure',
                targetType: 'credential',
                targetId: credentialId,
                details: { reason: 'invalid' },
            });
            return { ok: false, reason: 'invalid' };
        }
        const { codes, entries } = await this.newRecoveryCodes();
        const enrolled = await this.uow.run(async (tx) => {
            if (!(await tx.credentials.enableTotpIfNone(credentialId, secret, step)))
                return false;
            await tx.recoveryCodes.replace(credentialId, entries);
            await tx.audit.record({ actor, action: 'two_factor.enrol', outcome: 'success', targetType: 'credential', targetId: credentialId });
            return true;
        });
        if (!enrolled) {
            await this.repos.audit.record({
                actor,
                action: 'two_factor.enrol',
                outcome: 'failure',
                targetType: 'credential',
                targetId: credentialId,
                details: { reason: 'already_enrolled' },
            });
            return { ok: false, reason: 'already_enrolled' };
        }
        await admission.attempt.succeeded();
        return { ok: true, codes };
    }
    /** The second step: a TOTP code or a recovery code (which is used up). */
    async verify(credentialId, input, actor, now = Date.now()) {
        const admission = await this.throttle.admit([this.throttle.secondFactorGuard(credentialId)], new Date(now));
        if (!admission.ok)
            return this.refused(credentialId, actor, 'login.two_factor', admission.retryAfterSeconds);
        const result = await this.check(credentialId, input, now);
        if (result.ok)
            await admission.attempt.succeeded();
        await this.repos.audit.record({
            actor,
            action: 'login.two_factor',
            outcome: result.ok ? 'success' : 'failure',
            targetType: 'credential',
            targetId: credentialId,
            details: result.ok ? { recoveryCode: result.usedRecoveryCode } : { reason: result.reason },
        });
        return result;
    }
    async check(credentialId, input, now) {
        const state = await this.repos.credentials.twoFactorState(credentialId);
        const code = input.trim().toLowerCase();
        if (!state.enabled)
            return { ok: false, reason: 'invalid' };
        if (state.secret && /^\d{6}$/.test(code.replace(/\s/g, ''))) {
            const step = stepOf(state.secret, code, now);
            if (step === null)
                return { ok: false, reason: 'invalid' };
            return (await this.repos.credentials.acceptTotpStep(credentialId, step))
                ? { ok: true, usedRecoveryCode: false }
                : { ok: false, reason: 'replayed' };
        }
        if (RECOVERY_CODE.test(code)) {
            const lookup = this.recoveryLookup(code);
            const hash = await this.repos.recoveryCodes.find(credentialId, lookup);
            // One argon2id verification at most; the DELETE decides which of two parallel uses wins.
            if (hash && (await this.hasher.verify(hash, code)) && (await this.repos.recoveryCodes.consume(credentialId, lookup)))
                return { ok: true, usedRecoveryCode: true };
        }
        return { ok: false, reason: 'invalid' };
    }
    /**
     * The owner replaces their authenticator (a new phone): proves the current factor now (a code or a
     * recovery code), confirms the new secret with its first code; new recovery codes replace the old.
     */
    async replace(credentialId, currentCode, newSecret, newCode, actor, now = Date.now()) {
        const current = await this.verify(credentialId, currentCode, actor, now);
        if (!current.ok)
            return current;
        const step = stepOf(newSecret, newCode, now);
        if (step === null)
            return { ok: false, reason: 'new_code_invalid' };
        const { codes, entries } = await this.newRecoveryCodes();
        const replaced = await this.uow.run(async (tx) => {
            if (!(await tx.credentials.replaceTotp(credentialId, newSecret, step)))
                return false;
            await tx.recoveryCodes.replace(credentialId, entries);
            await tx.audit.record({ actor, action: 'two_factor.replace', outcome: 'success', targetType: 'credential', targetId: credentialId });
            await this.mailOwner(tx, credentialId, 'replaced');
            return true;
        });
        return replaced ? { ok: true, codes } : { ok: false, reason: 'not_enrolled' };
    }
    /** New recovery codes for the owner (the old ones stop working), after proving the current factor. */
    async renewRecoveryCodes(credentialId, currentCode, actor, now = Date.now()) {
        const current = await this.verify(credentialId, currentCode, actor, now);
        if (!current.ok)
            return current;
        const { codes, entries } = await this.newRecoveryCodes();
        await this.uow.run(async (tx) => {
            await tx.recoveryCodes.replace(credentialId, entries);
            await tx.audit.record({
                actor,
                action: 'two_factor.recovery_codes',
                outcome: 'success',
                targetType: 'credential',
                targetId: credentialId,
            });
        });
        return { ok: true, codes };
    }
    /** How many unused recovery codes the account has left. */
    async recoveryCodesLeft(credentialId) {
        return this.repos.recoveryCodes.count(credentialId);
    }
    /**
     * A delegate removes the second factor of a colleague at the same school (lost phone): never their
     * own, never across schools. The colleague's sessions end, they enrol again at their next login, and
     * they are mailed.
     */
    async resetBySchool(delegateId, targetPersonId, actor) {
        const [delegate, target] = await Promise.all([this.repos.people.findById(delegateId), this.repos.people.findById(targetPersonId)]);
        if (delegate?.role !== 'delegate' || delegate.status !== 'active')
            throw new errors_1.ForbiddenError('Alleen een beheerder van de school kan dit. / Only a school delegate can do this.');
        if (!target || target.schoolId !== delegate.schoolId)
            throw new errors_1.NotFoundError('Onbekende persoon. / Unknown person.');
        if (target.id === delegate.id)
            throw new errors_1.ForbiddenError('Je kunt je eigen tweestapsverificatie niet resetten; vraag een andere beheerder. / You cannot reset your own two-step verification; ask another delegate.');
        const credential = await this.repos.credentials.findByPersonId(target.id);
        if (!credential)
            throw new errors_1.NotFoundError('Deze persoon heeft geen account. / This person has no account.');
        await this.reset(credential.id, actor, target.schoolId);
    }
    /** An operator removes an account's second factor (helpdesk, after checking who asks). */
    async resetByOperator(username, actor) {
        const credential = await this.repos.credentials.findByUsername(username);
        if (!credential)
            throw new errors_1.NotFoundError(`unknown user '${username}'`);
        const person = credential.personId ? await this.repos.people.findById(credential.personId) : null;
        await this.reset(credential.id, actor, person?.schoolId ?? null);
    }
    async reset(credentialId, actor, schoolId) {
        await this.uow.run(async (tx) => {
            if (!(await tx.credentials.disableTotp(credentialId)))
                throw new errors_1.ConflictError('Dit account heeft geen tweestapsverificatie. / This account has no two-step verification.');
            await tx.recoveryCodes.replace(credentialId, []);
            const ended = await tx.sessions.destroyAllFor(credentialId);
            await tx.throttle.clear(this.throttle.secondFactorGuard(credentialId).key);
            await tx.audit.record({
                actor,
                action: 'two_factor.reset',
                outcome: 'success',
                schoolId,
                targetType: 'credential',
                targetId: credentialId,
                details: { sessionsEnded: ended, by: actor.type },
            });
            await this.mailOwner(tx, credentialId, 'reset');
        });
    }
    /** The owner hears of every change to their second factor (at the work address; operators at theirs). */
    async mailOwner(tx, credentialId, what) {
        const credential = await tx.credentials.findById(credentialId);
        const person = credential?.personId ? await tx.people.findById(credential.personId) : null;
        const operator = credential?.operatorId ? await tx.operators.findById(credential.operatorId) : null;
        const to = person?.staffEmail ?? operator?.email;
        if (!to)
            return;
        const body = what === 'reset'
            ? 'De tweestapsverificatie van je Leerpoort-account is verwijderd door een beheerder. Bij je volgende inlog stel je een nieuwe authenticator in.\nThe two-step verification of your Leerpoort account was removed by an administrator. At your next login you set up a new authenticator.'
            : 'Je Leerpoort-account gebruikt vanaf nu een nieuwe authenticator-app; de oude codes en herstelcodes werken niet meer.\nYour Leerpoort account now uses a new authenticator app; the old codes and recovery codes no longer work.';
        await tx.outbox.add({
            to,
            subject: 'Leerpoort: tweestapsverificatie gewijzigd / two-step verification changed',
            body: `${body}\n\nHeb je dit niet zelf gevraagd? Neem dan direct contact op met je school of de Leerpoort-helpdesk.\nDid you not ask for this? Contact your school or the Leerpoort helpdesk at once.`,
        });
    }
    async refused(credentialId, actor, action, retryAfterSeconds) {
        await this.repos.audit.record({
            actor,
            action,
            outcome: 'failure',
            targetType: 'credential',
            targetId: credentialId,
            details: { reason: 'throttled' },
        });
        return { ok: false, reason: 'throttled', retryAfterSeconds };
    }
}
exports.TwoFactorService = TwoFactorService;
//# sourceMappingURL=two-factor.service.js.map
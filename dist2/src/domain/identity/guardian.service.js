"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GuardianService = exports.guardianActor = exports.GUARDIAN_LINK_MINUTES = void 0;
const errors_1 = require("../errors");
const login_service_1 = require("./login.service");
const login_throttle_1 = require("./login-throttle");
const one_time_token_1 = require("./one-time-token");
const password_policy_1 = require("./password-policy");
/**
 * Parents and guardians at home (annex B.2): they log in with one of the pupil's (at most two) home-access
 * e-mail addresses and their own password, choose the child, then enter the child's picture password.
 * The hub stores no parent identity: only the keyed hash of the address, which is the pupil's data.
 * Remove the address from the pupil and the parent's access ends (checked on every request).
 */
exports.GUARDIAN_LINK_MINUTES = 60;
/** The audit's actor for a parent: never the address, a short piece of its keyed hash. */
const guardianActor = (emailKey, ip) => ({
    type: 'anonymous',
    id: `guardian:${emailKey.slice(0, 16)}`,
    ip: ip ?? null,
});
exports.guardianActor = guardianActor;
class GuardianService {
    uow;
    repos;
    hasher;
    throttle;
    baseUrl;
    constructor(uow, repos, hasher, throttle, baseUrl) {
        this.uow = uow;
        this.repos = repos;
        this.hasher = hasher;
        this.throttle = throttle;
        this.baseUrl = baseUrl;
    }
    /** Counts a link request from this address: refused → wait, with a 429. */
    async admitLinkRequest(ip, now = new Date()) {
        return this.throttle.admitAddress('mail', ip, now);
    }
    /**
     * Mails a link to set (or reset) the parent password — only when the address belongs to a pupil, at most
     * a few per address in the window. Callers answer the same whatever happens here.
     */
    async requestPasswordLink(email, actor, now = new Date()) {
        const address = email.trim().toLowerCase();
        const emailKey = this.repos.guardians.emailKey(address);
        const perTarget = await this.throttle.admit([this.throttle.guard('mail-to', address, login_throttle_1.THROTTLE.mailsPerTarget, 'keep')], now);
        if (!perTarget.ok) {
            await this.repos.audit.record({
                actor,
                action: 'guardian.password_link',
                outcome: 'failure',
                details: { reason: 'too many requests for this address' },
            });
            return;
        }
        const children = /^[^\s@]+@[^\s@]+$/.test(address) ? await this.repos.guardians.childrenOf(emailKey) : [];
        if (children.length === 0) {
            await this.repos.audit.record({
                actor,
                action: 'guardian.password_link',
                outcome: 'failure',
                details: { reason: 'no pupil with this home-access address' },
            });
            return;
        }
        const token = (0, one_time_token_1.newOneTimeToken)();
        await this.uow.run(async (tx) => {
            await tx.guardians.createLink((0, one_time_token_1.hashOneTimeToken)(token), emailKey, new Date(now.getTime() + exports.GUARDIAN_LINK_MINUTES * 60_000));
            await tx.outbox.add({
                to: address,
                subject: 'Leerpoort: wachtwoord voor ouders / password for parents',
                body: `Stel uw wachtwoord voor Leerpoort in via / set your Leerpoort password at:\n${this.baseUrl}/login/parents/password/${token}\n\nDe link werkt één keer en ${exports.GUARDIAN_LINK_MINUTES} minuten. / The link works once, for ${exports.GUARDIAN_LINK_MINUTES} minutes.\nNiet gevraagd? Dan hoeft u niets te doen. / Did not ask for this? Then do nothing.`,
            });
            await tx.audit.record({ actor: (0, exports.guardianActor)(emailKey, actor.ip), action: 'guardian.password_link', outcome: 'success' });
        });
    }
    async isValidLink(token, now = new Date()) {
        return (await this.repos.guardians.findLink((0, one_time_token_1.hashOneTimeToken)(token), now)) !== null;
    }
    async setPassword(token, password, actor, now = new Date()) {
        const emailKey = await this.repos.guardians.findLink((0, one_time_token_1.hashOneTimeToken)(token), now);
        if (!emailKey)
            throw new errors_1.NotFoundError('this link is invalid, used or expired');
        (0, password_policy_1.checkPasswordPolicy)('guardian', password);
        const hash = await this.hasher.hash(password);
        await this.uow.run(async (tx) => {
            if (!(await tx.guardians.consumeLink((0, one_time_token_1.hashOneTimeToken)(token), now)))
                throw new errors_1.NotFoundError('this link is invalid, used or expired');
            await tx.guardians.setPassword(emailKey, hash);
            await tx.audit.record({ actor: (0, exports.guardianActor)(emailKey, actor.ip), action: 'guardian.password_set', outcome: 'success' });
        });
    }
    async authenticate(email, password, actor, knownDevice, now = new Date()) {
        const address = email.trim().toLowerCase();
        const emailKey = this.repos.guardians.emailKey(address);
        const admission = await this.throttle.admitLogin({ account: `guardian:${address}`, ip: actor.ip, knownDevice }, now);
        if (!admission.ok) {
            await this.repos.audit.record({ actor, action: 'login.guardian', outcome: 'failure', details: { reason: 'throttled' } });
            return { ok: false, reason: 'throttled', retryAfterSeconds: admission.retryAfterSeconds };
        }
        const hash = await this.repos.guardians.passwordHash(emailKey);
        const valid = await this.hasher.verify(hash ?? login_service_1.DUMMY_HASH, password);
        const children = hash && valid ? await this.repos.guardians.childrenOf(emailKey) : [];
        if (!hash || !valid || children.length === 0) {
            await this.repos.audit.record({
                actor,
                action: 'login.guardian',
                outcome: 'failure',
                details: { reason: !hash ? 'unknown_address' : !valid ? 'wrong_password' : 'no_children' },
            });
            return { ok: false, reason: 'invalid' };
        }
        await admission.attempt.succeeded();
        await this.repos.audit.record({
            actor: (0, exports.guardianActor)(emailKey, actor.ip),
            action: 'login.guardian',
            outcome: 'success',
            details: { children: children.length },
        });
        return { ok: true, emailKey };
    }
    /** The children this address is registered for (now — a removed address lists nobody). */
    async children(emailKey) {
        const out = [];
        for (const id of await this.repos.guardians.childrenOf(emailKey)) {
            const person = await this.repos.people.findById(id);
            const school = person ? await this.repos.schools.findById(person.schoolId) : null;
            if (!person || !school)
                continue;
            const hasPictures = (await this.repos.credentials.pictureLogin(id)) !== null;
            out.push({ person, school, available: school.homeAccessEnabled && hasPictures });
        }
        return out.sort((a, b) => a.person.firstName.localeCompare(b.person.firstName, 'nl'));
    }
    /** Whether the parent (still) may act for this child. */
    async isChild(emailKey, personId) {
        return (await this.repos.guardians.childrenOf(emailKey)).includes(personId);
    }
}
exports.GuardianService = GuardianService;
//# sourceMappingURL=guardian.service.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PasswordResetService = exports.RESET_LINK_MINUTES = void 0;
const errors_1 = require("../errors");
const one_time_token_1 = require("./one-time-token");
const password_policy_1 = require("./password-policy");
const login_throttle_1 = require("./login-throttle");
exports.RESET_LINK_MINUTES = 30;
/**
 * Staff password reset by a one-time link (pupils' passwords are set by their teachers). The request
 * answers the same whoever asks; the token is stored only as a hash, works once, for 30 minutes, and a
 * reset ends every session of the account.
 */
class PasswordResetService {
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
    /** Counts a reset request from this address (mail costs and annoys): refused → wait, with a 429. */
    async admitRequest(ip, now = new Date()) {
        return this.throttle.admitAddress('mail', ip, now);
    }
    /**
     * Queues the mail when the username or e-mail address belongs to a staff member with an address — at
     * most a few per target in the window, however many addresses ask. Callers answer the same whatever
     * happens here (the web route answers before calling this).
     */
    async request(usernameOrEmail, actor, now = new Date()) {
        const input = usernameOrEmail.trim();
        const credential = input.includes('@') ? null : await this.repos.credentials.findByUsername(input);
        const person = credential?.personId
            ? await this.repos.people.findById(credential.personId)
            : input.includes('@')
                ? await this.repos.people.findByStaffEmail(input)
                : null;
        const account = person && person.role !== 'pupil' && person.staffEmail && person.status === 'active'
            ? (credential ?? (await this.repos.credentials.findByPersonId(person.id)))
            : null;
        if (!account || !person?.staffEmail) {
            await this.repos.audit.record({
                actor,
                action: 'password_reset.request',
                outcome: 'failure',
                details: { reason: 'no staff account with an e-mail address' },
            });
            return;
        }
        if (!(await this.throttle.admit([this.throttle.guard('mail-to', account.id, login_throttle_1.THROTTLE.mailsPerTarget, 'keep')], now)).ok) {
            await this.repos.audit.record({
                actor,
                action: 'password_reset.request',
                outcome: 'failure',
                schoolId: person.schoolId,
                targetType: 'credential',
                targetId: account.id,
                details: { reason: 'too many links for this account' },
            });
            return;
        }
        const token = (0, one_time_token_1.newOneTimeToken)();
        await this.uow.run(async (tx) => {
            await tx.passwordResets.create((0, one_time_token_1.hashOneTimeToken)(token), account.id, new Date(now.getTime() + exports.RESET_LINK_MINUTES * 60_000));
            await tx.outbox.add({
                to: person.staffEmail,
                subject: 'Leerpoort: nieuw wachtwoord / new password',
                body: `Stel een nieuw wachtwoord in via / set a new password at:\n${this.baseUrl}/login/reset/${token}\n\nDe link werkt één keer en ${exports.RESET_LINK_MINUTES} minuten. / The link works once, for ${exports.RESET_LINK_MINUTES} minutes.\nHeb je dit niet gevraagd? Dan hoef je niets te doen. / Did not ask for this? Then do nothing.`,
            });
            await tx.audit.record({
                actor,
                action: 'password_reset.request',
                outcome: 'success',
                schoolId: person.schoolId,
                targetType: 'credential',
                targetId: account.id,
            });
        });
    }
    async isValid(token, now = new Date()) {
        return (await this.repos.passwordResets.find((0, one_time_token_1.hashOneTimeToken)(token), now)) !== null;
    }
    async complete(token, password, actor, now = new Date()) {
        const credentialId = await this.repos.passwordResets.find((0, one_time_token_1.hashOneTimeToken)(token), now);
        if (!credentialId)
            throw new errors_1.NotFoundError('this link is invalid, used or expired');
        (0, password_policy_1.checkPasswordPolicy)('teacher', password);
        const hash = await this.hasher.hash(password);
        await this.uow.run(async (tx) => {
            if (!(await tx.passwordResets.consume((0, one_time_token_1.hashOneTimeToken)(token), now)))
                throw new errors_1.NotFoundError('this link is invalid, used or expired');
            await tx.credentials.setPasswordHash(credentialId, hash);
            const ended = await tx.sessions.destroyAllFor(credentialId);
            await tx.audit.record({
                actor,
                action: 'password_reset.complete',
                outcome: 'success',
                targetType: 'credential',
                targetId: credentialId,
                details: { sessionsEnded: ended },
            });
        });
    }
}
exports.PasswordResetService = PasswordResetService;
//# sourceMappingURL=password-reset.service.js.map
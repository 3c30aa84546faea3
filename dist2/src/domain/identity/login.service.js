"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LoginService = exports.DUMMY_HASH = void 0;
const school_network_1 = require("./school-network");
// A valid argon2id hash of a random string: verifying against it costs what a real check costs.
exports.DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$/lJQI3RCu62RR3rcuBZ09w$BqxLUQ1pOkXqeLkFVejP9cMCXuTEzHCH3poXo+9zjO0';
class LoginService {
    repos;
    hasher;
    throttle;
    constructor(repos, hasher, throttle) {
        this.repos = repos;
        this.hasher = hasher;
        this.throttle = throttle;
    }
    /**
     * `knownDevice`: the id from this browser's known-device cookie when it was issued for this account
     * (the web layer checks the signature and the account binding).
     */
    async authenticate(usernameInput, password, actor, now = new Date(), knownDevice = null) {
        const username = usernameInput.trim().toLowerCase();
        const admission = await this.throttle.admitLogin({ account: username, ip: actor.ip, knownDevice }, now);
        if (!admission.ok) {
            await this.repos.audit.record({ actor, action: 'login.password', outcome: 'failure', details: { reason: 'throttled' } });
            return { ok: false, reason: 'throttled', retryAfterSeconds: admission.retryAfterSeconds };
        }
        const secret = username && password ? await this.repos.credentials.findLoginSecret(username) : null;
        const credential = secret?.credential ?? null;
        const person = credential?.personId ? await this.repos.people.findById(credential.personId) : null;
        const school = person ? await this.repos.schools.findById(person.schoolId) : null;
        // No password oracle: outside the school network a pupil's password is not checked at all, so a right
        // and a wrong one get the same answer (and guessing from outside learns nothing).
        if (person && school && person.status === 'active' && (await (0, school_network_1.networkDecision)(this.repos, person, school, actor.ip)) !== 'allowed') {
            await admission.attempt.withdrawn();
            await this.repos.audit.record({
                actor,
                action: 'login.password',
                outcome: 'failure',
                schoolId: person.schoolId,
                targetType: 'credential',
                targetId: credential.id,
                details: { reason: 'outside_school_network' },
            });
            return { ok: false, reason: 'outside_school_network' };
        }
        const valid = await this.hasher.verify(secret?.passwordHash ?? exports.DUMMY_HASH, password);
        if (!credential || !valid || (person && person.status !== 'active')) {
            await this.repos.audit.record({
                actor,
                action: 'login.password',
                outcome: 'failure',
                schoolId: person?.schoolId ?? null,
                targetType: credential ? 'credential' : null,
                targetId: credential?.id ?? null,
                details: { reason: credential ? 'wrong_password' : 'unknown_user' },
            });
            return { ok: false, reason: 'invalid' };
        }
        await admission.attempt.succeeded();
        await this.repos.audit.record({
            actor: { ...actor, type: person ? 'person' : 'operator', id: person?.id ?? credential.operatorId ?? credential.id },
            action: 'login.password',
            outcome: 'success',
            schoolId: person?.schoolId ?? null,
            targetType: 'credential',
            targetId: credential.id,
        });
        return { ok: true, credential, person };
    }
    /** Whether the account may still finish a login: every later step of the flow asks again. */
    async stillActive(credentialId) {
        const credential = await this.repos.credentials.findById(credentialId);
        if (credential?.personId)
            return (await this.repos.people.findById(credential.personId))?.status === 'active';
        if (credential?.operatorId)
            return (await this.repos.operators.findById(credential.operatorId)) !== null;
        return false;
    }
}
exports.LoginService = LoginService;
//# sourceMappingURL=login.service.js.map
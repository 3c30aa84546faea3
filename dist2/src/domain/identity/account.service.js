"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AccountService = exports.OPERATOR_ROLES = void 0;
exports.checkUsername = checkUsername;
const errors_1 = require("../errors");
exports.OPERATOR_ROLES = ['helpdesk', 'dba', 'security_officer'];
const password_policy_1 = require("./password-policy");
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
function checkUsername(username) {
    const normalised = username.trim().toLowerCase();
    if (!USERNAME.test(normalised)) {
        throw new errors_1.ValidationError(`invalid username '${username}': 3–64 characters, letters, digits, '.', '_' or '-'`);
    }
    return normalised;
}
class AccountService {
    uow;
    hasher;
    constructor(uow, hasher) {
        this.uow = uow;
        this.hasher = hasher;
    }
    /** Creates a person with a login in one transaction; the password is hashed (argon2id), never stored or logged. */
    async createPersonWithAccount(person, username, password, actor) {
        const normalised = checkUsername(username);
        (0, password_policy_1.checkPasswordPolicy)(person.role, password);
        const hash = await this.hasher.hash(password);
        return this.uow.run(async (repos) => {
            const created = await repos.people.insert(person);
            const credential = await repos.credentials.insert({ personId: created.id, username: normalised, passwordHash: hash });
            await repos.audit.record({
                actor,
                action: 'person.create',
                outcome: 'success',
                schoolId: created.schoolId,
                targetType: 'person',
                targetId: created.id,
                details: { role: created.role },
            });
            return { person: created, credential };
        });
    }
    async setPassword(username, password, actor) {
        const credential = await this.uow.run((repos) => repos.credentials.findByUsername(username));
        if (!credential)
            throw new errors_1.NotFoundError(`unknown user '${username}'`);
        const person = credential.personId ? await this.uow.run((repos) => repos.people.findById(credential.personId)) : null;
        (0, password_policy_1.checkPasswordPolicy)(person?.role ?? 'operator', password);
        const hash = await this.hasher.hash(password);
        await this.uow.run(async (repos) => {
            await repos.credentials.setPasswordHash(credential.id, hash);
            await repos.audit.record({
                actor,
                action: 'credential.set_password',
                outcome: 'success',
                schoolId: person?.schoolId ?? null,
                targetType: 'credential',
                targetId: credential.id,
            });
        });
    }
    /**
     * An operator (hub staff) with a login. Least privilege: only the roles given. Two-step verification
     * is enrolled at the first login and is always required (security annex B).
     */
    async createOperator(input, username, password, actor) {
        const normalised = checkUsername(username);
        const displayName = input.displayName.trim();
        if (!displayName)
            throw new errors_1.ValidationError('operator name must not be empty');
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email.trim()))
            throw new errors_1.ValidationError(`invalid e-mail address '${input.email}'`);
        const roles = [...new Set(input.roles.map((r) => r.trim()).filter(Boolean))];
        if (roles.length === 0)
            throw new errors_1.ValidationError(`an operator needs at least one role: ${exports.OPERATOR_ROLES.join(', ')}`);
        const unknown = roles.filter((r) => !exports.OPERATOR_ROLES.includes(r));
        if (unknown.length)
            throw new errors_1.ValidationError(`unknown operator role '${unknown[0]}': use ${exports.OPERATOR_ROLES.join(', ')}`);
        (0, password_policy_1.checkPasswordPolicy)('operator', password);
        const hash = await this.hasher.hash(password);
        return this.uow.run(async (repos) => {
            const operator = await repos.operators.insert({ displayName, email: input.email, roles: roles });
            const credential = await repos.credentials.insert({ operatorId: operator.id, username: normalised, passwordHash: hash });
            await repos.audit.record({
                actor,
                action: 'operator.create',
                outcome: 'success',
                targetType: 'operator',
                targetId: operator.id,
                details: { roles },
            });
            return { operator, credential };
        });
    }
    /**
     * A pupil's home-access e-mail addresses (at most two; annex D). Removing one ends the access of the
     * parent who used it at once (their sessions for this child check the address on every request).
     */
    async changeHomeAccessEmail(username, change, actor) {
        return this.uow.run(async (repos) => {
            const credential = await repos.credentials.findByUsername(username);
            const person = credential?.personId ? await repos.people.findById(credential.personId) : null;
            if (!person)
                throw new errors_1.NotFoundError(`unknown user '${username}'`);
            if (person.role !== 'pupil')
                throw new errors_1.ValidationError('home-access e-mail addresses are only for pupils');
            if (change.add !== undefined) {
                if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(change.add.trim()))
                    throw new errors_1.ValidationError(`invalid e-mail address '${change.add}'`);
                await repos.people.addHomeAccessEmail(person.id, change.add);
            }
            if (change.remove !== undefined && !(await repos.people.removeHomeAccessEmail(person.id, change.remove))) {
                throw new errors_1.NotFoundError('this pupil does not have that home-access e-mail address');
            }
            await repos.audit.record({
                actor,
                action: change.add !== undefined ? 'home_email.add' : 'home_email.remove',
                outcome: 'success',
                schoolId: person.schoolId,
                targetType: 'person',
                targetId: person.id,
            });
            return (await repos.people.homeAccessEmails(person.id)).map((e) => e.email);
        });
    }
    /** The person behind a username (CLI helpers); unknown → NotFoundError. */
    async personByUsername(username) {
        return this.uow.run(async (repos) => {
            const credential = await repos.credentials.findByUsername(username);
            const person = credential?.personId ? await repos.people.findById(credential.personId) : null;
            if (!person)
                throw new errors_1.NotFoundError(`unknown user '${username}'`);
            return person;
        });
    }
}
exports.AccountService = AccountService;
//# sourceMappingURL=account.service.js.map
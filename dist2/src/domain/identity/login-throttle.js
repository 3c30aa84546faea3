"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LoginThrottle = exports.policy = exports.THROTTLE = void 0;
const school_network_1 = require("./school-network");
/**
 * Guessing protection shared by every way in (password, picture password, login card, parents, second
 * factor, API client secrets, mail-sending forms), stored in the database so every hub process counts
 * together. An attempt is counted on every key that guards it *before* the expensive check (argon2id,
 * a TOTP code), in one atomic statement per key: a burst of parallel requests is evaluated at most up to
 * the limit and the rest is answered 429 with Retry-After. From the limit on, each admitted attempt makes
 * the next one wait (30 s, doubling, at most 15 min); the window only restarts after 15 quiet minutes.
 *
 * Keys, so that guessing cannot lock the real user out and strangers cannot lock each other out:
 *  - per account and client (the browser's known-device id, else its address): 5;
 *  - per account for clients it has never used: 20 — a browser that logged in to the account before
 *    (known-device cookie) is never held back by it;
 *  - per address over all accounts: 30, but 300 for an address inside a school's registered network,
 *    because a whole class shares one public address;
 *  - per login card (never one key for all cards), per second factor of an account (5), per API client.
 */
exports.THROTTLE = Object.freeze({
    windowMs: 15 * 60 * 1000,
    baseDelayMs: 30 * 1000,
    maxDelayMs: 15 * 60 * 1000,
    perAccountAndClient: 5,
    perAccountFromUnknownClients: 20,
    perAddress: 30,
    perSchoolAddress: 300,
    perCard: 10,
    secondFactor: 5,
    perApiClient: 10,
    apiPerAddress: 30,
    mailsPerAddress: 10,
    mailsPerSchoolAddress: 30,
    mailsPerTarget: 3,
});
/** Per-address limits by purpose: outside any school network, and inside one (a class shares an address). */
const ADDRESS_LIMITS = {
    login: { outside: exports.THROTTLE.perAddress, school: exports.THROTTLE.perSchoolAddress },
    api: { outside: exports.THROTTLE.apiPerAddress, school: exports.THROTTLE.apiPerAddress },
    mail: { outside: exports.THROTTLE.mailsPerAddress, school: exports.THROTTLE.mailsPerSchoolAddress },
};
const policy = (limit) => ({
    limit,
    windowMs: exports.THROTTLE.windowMs,
    baseDelayMs: exports.THROTTLE.baseDelayMs,
    maxDelayMs: exports.THROTTLE.maxDelayMs,
});
exports.policy = policy;
class LoginThrottle {
    repos;
    hashKey;
    constructor(repos, 
    /** Keyed hash: the throttle table must not hold usernames or addresses in clear. */
    hashKey) {
        this.repos = repos;
        this.hashKey = hashKey;
    }
    /** The per-address key; its limit is higher inside a school's registered network (a classroom). */
    async addressGuard(purpose, ip) {
        const address = (0, school_network_1.normaliseAddress)(ip);
        const atSchool = address !== null && (await this.repos.schoolNetworks.isSchoolAddress(address));
        const limits = ADDRESS_LIMITS[purpose];
        return {
            key: `${purpose}-ip:${this.hashKey(address ?? 'unknown')}`,
            limit: atSchool ? limits.school : limits.outside,
            onSuccess: 'release',
        };
    }
    /** The keys guarding a login of `subject` (see the class comment). */
    async loginGuards(s) {
        const account = this.hashKey(s.account);
        const ownKey = {
            key: `account:${account}:${s.knownDevice ? `device:${s.knownDevice}` : `ip:${this.hashKey((0, school_network_1.normaliseAddress)(s.ip) ?? 'unknown')}`}`,
            limit: exports.THROTTLE.perAccountAndClient,
            onSuccess: 'clear',
        };
        // A known device has logged in to this account before: the account-wide and address-wide keys that
        // guessers fill up do not hold it back.
        if (s.knownDevice)
            return [ownKey];
        return [
            ownKey,
            { key: `account:${account}:unknown-clients`, limit: exports.THROTTLE.perAccountFromUnknownClients, onSuccess: 'release' },
            await this.addressGuard('login', s.ip),
        ];
    }
    /** A login card with a valid signature: counted per card, never under one key for every card. */
    cardGuard(cardId) {
        return { key: `card:${cardId}`, limit: exports.THROTTLE.perCard, onSuccess: 'release' };
    }
    /** The second step of an account, over every browser and session: logging in again does not reset it. */
    secondFactorGuard(credentialId) {
        return { key: `second-factor:${credentialId}`, limit: exports.THROTTLE.secondFactor, onSuccess: 'clear' };
    }
    /** Any other named counter (API clients, mail targets): `what` is hashed. */
    guard(namespace, what, limit, onSuccess) {
        return { key: `${namespace}:${this.hashKey(what)}`, limit, onSuccess };
    }
    /**
     * Counts the attempt on every guard, in order. When one refuses, the attempts already counted on the
     * others are taken back (the attempt never ran) and the caller answers 429 with the wait.
     */
    async admit(guards, now = new Date()) {
        const counted = [];
        for (const g of guards) {
            const r = await this.repos.throttle.reserve(g.key, (0, exports.policy)(g.limit), now);
            if (!r.admitted) {
                for (const c of counted)
                    await this.repos.throttle.release(c.key, (0, exports.policy)(c.limit));
                return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(r.retryAfterMs / 1000)) };
            }
            counted.push(g);
        }
        return {
            ok: true,
            attempt: {
                succeeded: async () => {
                    for (const g of counted) {
                        if (g.onSuccess === 'clear')
                            await this.repos.throttle.clear(g.key);
                        else if (g.onSuccess === 'release')
                            await this.repos.throttle.release(g.key, (0, exports.policy)(g.limit));
                    }
                },
                withdrawn: async () => {
                    for (const g of counted)
                        await this.repos.throttle.release(g.key, (0, exports.policy)(g.limit));
                },
            },
        };
    }
    /**
     * The throttle state of one account over all its keys (every client, the unknown-clients key, the
     * second factor): for the helpdesk's "why can't I log in". `accounts`: the names it is counted under
     * (its username; `pupil:<id>` for the picture login).
     */
    async accountState(accounts, credentialId, now = new Date()) {
        const rows = [];
        for (const a of accounts)
            rows.push(...(await this.repos.throttle.listByPrefix(`account:${this.hashKey(a)}:`)));
        const second = await this.repos.throttle.get(this.secondFactorGuard(credentialId).key);
        if (second)
            rows.push({ key: 'second-factor', ...second });
        const blocked = rows.map((r) => r.blockedUntil).filter((d) => d !== null && d > now);
        return {
            blockedUntil: blocked.length ? new Date(Math.max(...blocked.map((d) => d.getTime()))) : null,
            failedAttempts: rows.reduce((n, r) => Math.max(n, r.attempts), 0),
        };
    }
    /** Forgets every counter of the account (a helpdesk unlock); the address-wide keys are left alone. */
    async unlockAccount(accounts, credentialId) {
        let cleared = 0;
        for (const a of accounts)
            cleared += await this.repos.throttle.clearByPrefix(`account:${this.hashKey(a)}:`);
        const key = this.secondFactorGuard(credentialId).key;
        if (await this.repos.throttle.get(key)) {
            await this.repos.throttle.clear(key);
            cleared++;
        }
        return cleared;
    }
    /** Counts a request from this address alone (forms that send mail). */
    async admitAddress(purpose, ip, now = new Date()) {
        return this.admit([await this.addressGuard(purpose, ip)], now);
    }
    /** The usual login: every key of `loginGuards`. */
    async admitLogin(s, now = new Date()) {
        return this.admit(await this.loginGuards(s), now);
    }
}
exports.LoginThrottle = LoginThrottle;
//# sourceMappingURL=login-throttle.js.map
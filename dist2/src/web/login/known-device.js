"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.KnownDevices = exports.DEVICE_COOKIE = void 0;
const node_crypto_1 = __importDefault(require("node:crypto"));
const cookies_1 = require("../cookies");
/**
 * "Known device" cookie: set after a successful login, bound to the account, HMAC-signed with the
 * session secret. It lets the owner's own browser past the account-wide throttle that an attacker's
 * guessing triggers (see LoginService). Holds no personal data: a random id and a keyed account hash.
 */
exports.DEVICE_COOKIE = 'leerpoort.device';
const MAX_AGE_MS = 180 * 24 * 3600 * 1000;
class KnownDevices {
    secret;
    secure;
    constructor(secret, secure) {
        this.secret = secret;
        this.secure = secure;
    }
    mac(value) {
        return node_crypto_1.default.createHmac('sha256', this.secret).update(`known-device\u0000${value}`).digest('base64url');
    }
    accountTag(username) {
        return this.mac(`account\u0000${username.trim().toLowerCase()}`).slice(0, 16);
    }
    /** The device id, when the request carries a valid cookie issued for this username. */
    deviceFor(req, username) {
        const raw = (0, cookies_1.readCookie)(req, exports.DEVICE_COOKIE);
        if (!raw)
            return null;
        const [id, tags, mac] = decodeURIComponent(raw).split('.');
        if (!id || tags === undefined || !mac)
            return null;
        const expected = this.mac(`${id}.${tags}`);
        if (expected.length !== mac.length || !node_crypto_1.default.timingSafeEqual(Buffer.from(expected), Buffer.from(mac)))
            return null;
        return tags.split('~').includes(this.accountTag(username)) ? id : null;
    }
    /** Issues (or extends) the cookie after a successful login; keeps up to 5 accounts per browser. */
    remember(req, res, username) {
        const raw = (0, cookies_1.readCookie)(req, exports.DEVICE_COOKIE);
        let id = node_crypto_1.default.randomBytes(16).toString('base64url');
        let tags = [];
        if (raw) {
            const [oldId, oldTags, mac] = decodeURIComponent(raw).split('.');
            if (oldId && oldTags !== undefined && mac && this.mac(`${oldId}.${oldTags}`) === mac) {
                id = oldId;
                tags = oldTags.split('~').filter(Boolean);
            }
        }
        const tag = this.accountTag(username);
        tags = [tag, ...tags.filter((t) => t !== tag)].slice(0, 5);
        const value = `${id}.${tags.join('~')}`;
        res.cookie(exports.DEVICE_COOKIE, `${value}.${this.mac(value)}`, {
            httpOnly: true,
            secure: this.secure,
            sameSite: 'lax',
            maxAge: MAX_AGE_MS,
            path: '/login',
        });
    }
}
exports.KnownDevices = KnownDevices;
//# sourceMappingURL=known-device.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.COOKIE = exports.newId = exports.BoundedStore = void 0;
exports.cookieValue = cookieValue;
const node_crypto_1 = __importDefault(require("node:crypto"));
/**
 * A small bounded store with expiry: the demo keeps its state in memory (a restart logs everyone out of
 * the publisher, which is fine for a demo). Oldest entries go first when it is full, so a flood of
 * login clicks cannot grow it without bound.
 */
class BoundedStore {
    ttlMs;
    max;
    entries = new Map();
    constructor(ttlMs, max = 1000) {
        this.ttlMs = ttlMs;
        this.max = max;
    }
    set(key, value) {
        this.entries.delete(key);
        this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
        while (this.entries.size > this.max)
            this.entries.delete(this.entries.keys().next().value);
    }
    get(key) {
        const e = this.entries.get(key);
        if (!e)
            return undefined;
        if (e.expires <= Date.now()) {
            this.entries.delete(key);
            return undefined;
        }
        return e.value;
    }
    /** Reads and removes: for one-time values (an AuthnRequest ID is answered once). */
    take(key) {
        const value = this.get(key);
        this.entries.delete(key);
        return value;
    }
    delete(key) {
        this.entries.delete(key);
    }
    /** Removes every entry the predicate picks (a LogoutRequest from the hub names a person, not a cookie). */
    deleteWhere(pick) {
        let n = 0;
        for (const [k, e] of this.entries)
            if (pick(e.value) && this.entries.delete(k))
                n++;
        return n;
    }
}
exports.BoundedStore = BoundedStore;
const newId = () => node_crypto_1.default.randomBytes(24).toString('base64url');
exports.newId = newId;
/** The publisher's cookie: its own name, since cookies are shared between ports of one host (the hub's too). */
exports.COOKIE = 'rekenrijk.sid';
function cookieValue(header, name) {
    for (const part of (header ?? '').split(';')) {
        const eq = part.indexOf('=');
        if (eq > 0 && part.slice(0, eq).trim() === name)
            return part.slice(eq + 1).trim();
    }
    return undefined;
}
//# sourceMappingURL=sessions.js.map
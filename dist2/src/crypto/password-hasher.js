"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Argon2idPasswordHasher = exports.ARGON2ID_PARAMS = void 0;
const argon2_1 = require("@node-rs/argon2");
/** argon2id with the OWASP minimum (m=19 MiB, t=2, p=1); verify() accepts any stronger stored parameters. */
exports.ARGON2ID_PARAMS = Object.freeze({
    algorithm: 2 /* Algorithm.Argon2id */,
    memoryCost: 19456,
    timeCost: 2,
    parallelism: 1,
});
class Argon2idPasswordHasher {
    hash(password) {
        return (0, argon2_1.hash)(password, exports.ARGON2ID_PARAMS);
    }
    async verify(storedHash, password) {
        if (!storedHash.startsWith('$argon2id$'))
            return false;
        try {
            return await (0, argon2_1.verify)(storedHash, password);
        }
        catch {
            return false;
        }
    }
}
exports.Argon2idPasswordHasher = Argon2idPasswordHasher;
//# sourceMappingURL=password-hasher.js.map
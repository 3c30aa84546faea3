"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readCookie = readCookie;
/** The raw value of one cookie of the request (express has no cookie parser mounted; signing is ours). */
function readCookie(req, name) {
    return (req.get('cookie') ?? '')
        .split(/;\s*/)
        .find((c) => c.startsWith(`${name}=`))
        ?.slice(name.length + 1);
}
//# sourceMappingURL=cookies.js.map
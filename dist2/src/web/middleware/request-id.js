"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.requestId = requestId;
const node_crypto_1 = __importDefault(require("node:crypto"));
/** A request id for every request: accepted from a proxy when it looks sane, else generated. */
function requestId() {
    return (req, res, next) => {
        const incoming = req.get('x-request-id');
        const id = incoming && /^[A-Za-z0-9._-]{8,64}$/.test(incoming) ? incoming : node_crypto_1.default.randomUUID();
        res.locals.requestId = id;
        res.setHeader('X-Request-Id', id);
        next();
    };
}
//# sourceMappingURL=request-id.js.map
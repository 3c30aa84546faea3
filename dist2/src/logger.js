"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.REDACT_PATHS = void 0;
exports.createLogger = createLogger;
const pino_1 = __importDefault(require("pino"));
/**
 * JSON logs (pino), UTC timestamps. Secrets and personal values never belong in a log line; the redact
 * list is a second line of defence for fields that might carry them by mistake.
 */
exports.REDACT_PATHS = [
    'password',
    '*.password',
    'passwordHash',
    '*.passwordHash',
    'req.headers.cookie',
    'req.headers.authorization',
    'res.headers["set-cookie"]',
    'token',
    '*.token',
    'secret',
    '*.secret',
    'SAMLRequest',
    'SAMLResponse',
    // TypeORM's QueryFailedError carries the statement's bound values (ciphertexts, blind indexes, tokens).
    'err.parameters',
    'err.driverError.parameters',
];
function createLogger(config, destination = 1) {
    return (0, pino_1.default)({
        level: config.logLevel,
        base: { service: 'leerpoort' },
        timestamp: pino_1.default.stdTimeFunctions.isoTime,
        redact: { paths: exports.REDACT_PATHS, censor: '[redacted]' },
        formatters: { level: (label) => ({ level: label }) },
    }, typeof destination === 'number' ? pino_1.default.destination({ fd: destination, sync: true }) : destination);
}
//# sourceMappingURL=logger.js.map
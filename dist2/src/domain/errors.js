"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UnavailableError = exports.SamlRequestError = exports.RateLimitedError = exports.ConflictError = exports.NotFoundError = exports.ForbiddenError = exports.UnauthenticatedError = exports.ValidationError = exports.AppError = void 0;
exports.isAppError = isAppError;
const STATUS = {
    validation: 400,
    unauthenticated: 401,
    forbidden: 403,
    not_found: 404,
    conflict: 409,
    rate_limited: 429,
    saml_request: 400,
    unavailable: 503,
};
const EXIT_CODE = {
    validation: 2,
    unauthenticated: 5,
    forbidden: 5,
    not_found: 3,
    conflict: 4,
    rate_limited: 6,
    saml_request: 2,
    unavailable: 6,
};
class AppError extends Error {
    publicMessage;
    detail;
    constructor(publicMessage, detail) {
        super(publicMessage);
        this.publicMessage = publicMessage;
        this.detail = detail;
        this.name = new.target.name;
    }
    get status() {
        return STATUS[this.kind];
    }
    get exitCode() {
        return EXIT_CODE[this.kind];
    }
}
exports.AppError = AppError;
class ValidationError extends AppError {
    kind = 'validation';
}
exports.ValidationError = ValidationError;
/** No valid credentials (a missing or bad token): HTTP 401. */
class UnauthenticatedError extends AppError {
    kind = 'unauthenticated';
}
exports.UnauthenticatedError = UnauthenticatedError;
class ForbiddenError extends AppError {
    kind = 'forbidden';
}
exports.ForbiddenError = ForbiddenError;
class NotFoundError extends AppError {
    kind = 'not_found';
}
exports.NotFoundError = NotFoundError;
class ConflictError extends AppError {
    kind = 'conflict';
}
exports.ConflictError = ConflictError;
/** Too many requests: the edge answers 429 with Retry-After. */
class RateLimitedError extends AppError {
    retryAfterSeconds;
    kind = 'rate_limited';
    constructor(publicMessage, retryAfterSeconds) {
        super(publicMessage);
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
exports.RateLimitedError = RateLimitedError;
class SamlRequestError extends AppError {
    kind = 'saml_request';
}
exports.SamlRequestError = SamlRequestError;
/** Cannot serve right now (the database is unreachable or overloaded): HTTP 503, with Retry-After when known. */
class UnavailableError extends AppError {
    retryAfterSeconds;
    kind = 'unavailable';
    constructor(publicMessage, detail, retryAfterSeconds) {
        super(publicMessage, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
exports.UnavailableError = UnavailableError;
function isAppError(e) {
    return e instanceof AppError;
}
//# sourceMappingURL=errors.js.map
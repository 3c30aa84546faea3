"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.constraintViolation = constraintViolation;
exports.translateViolations = translateViolations;
const typeorm_1 = require("typeorm");
/** The PostgreSQL error code and constraint name behind a failed query (pg and PGlite alike). */
function constraintViolation(e) {
    const driverError = e instanceof typeorm_1.QueryFailedError ? e.driverError : undefined;
    if (!driverError?.code?.startsWith('23'))
        return null;
    let constraint = driverError.constraint;
    if (!constraint && driverError.message) {
        // PGlite does not always fill the structured field; the message names the constraint.
        constraint = /constraint "([^"]+)"/.exec(driverError.message)?.[1];
    }
    return { code: driverError.code, constraint };
}
/**
 * Turns a named constraint violation into the domain error the caller expects; anything else is
 * rethrown unchanged (a bug, not bad input).
 */
async function translateViolations(work, byConstraint) {
    try {
        return await work;
    }
    catch (e) {
        const violation = constraintViolation(e);
        const make = violation?.constraint ? byConstraint[violation.constraint] : undefined;
        if (make)
            throw make();
        throw e;
    }
}
//# sourceMappingURL=db-errors.js.map
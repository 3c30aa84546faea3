"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.rejects = rejects;
/** The error a promise rejects with; fails the test when it resolves. */
async function rejects(p) {
    try {
        await p;
    }
    catch (e) {
        return e;
    }
    throw new Error('expected a rejection');
}
//# sourceMappingURL=assert.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ConcurrencyGate = void 0;
/**
 * At most `max` pieces of expensive work at once in this process, with a short queue; beyond that the
 * caller is turned away at once (429) instead of piling up. Keeps a flood of unauthenticated requests
 * that each cost an argon2id verification from taking every hashing thread from real logins.
 */
class ConcurrencyGate {
    max;
    maxWaiting;
    active = 0;
    waiting = [];
    constructor(max, maxWaiting) {
        this.max = max;
        this.maxWaiting = maxWaiting;
    }
    /** Runs `work` when a slot is free; null (without running it) when the gate and its queue are full. */
    async run(work) {
        if (this.active >= this.max) {
            if (this.waiting.length >= this.maxWaiting)
                return null;
            await new Promise((resolve) => this.waiting.push(resolve));
        }
        else {
            this.active++;
        }
        try {
            return { value: await work() };
        }
        finally {
            const next = this.waiting.shift();
            if (next)
                next(); // the slot passes straight to the next waiter
            else
                this.active--;
        }
    }
}
exports.ConcurrencyGate = ConcurrencyGate;
//# sourceMappingURL=concurrency-gate.js.map
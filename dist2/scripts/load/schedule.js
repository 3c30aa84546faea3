"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.schedule = schedule;
/** Who arrives when, and what each does: a random share of the users, their publishers and their pauses. */
const curve_1 = require("./curve");
const population_1 = require("./population");
/** A pupil or teacher pauses 1–4 s between actions (reading the portal, choosing a lesson). */
const MIN_THINK_MS = 1000;
const MAX_THINK_MS = 4000;
function schedule(opts, users, curve) {
    const random = (0, population_1.prng)(opts.seed + 1);
    const shuffled = [...users];
    for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const count = Math.round(users.length * opts.share);
    // The whole curve is drawn (the same arrivals whatever is played); only the part from..until is played.
    const [from, until] = [opts.fromMinute * 60, opts.untilMinute * 60];
    const times = (0, curve_1.arrivalTimes)(curve, count, random)
        .filter((t) => t >= from && t < until)
        .map((t) => (t - from) / opts.timeFactor);
    const plans = times.map((at, i) => {
        const publishers = [0, 1, 2].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * 3));
        const thinkMs = publishers.flatMap(() => [0, 0].map(() => (MIN_THINK_MS + random() * (MAX_THINK_MS - MIN_THINK_MS)) / opts.timeFactor));
        const ssoAt = publishers.map((_, k) => at + thinkMs.slice(0, 2 * k + 1).reduce((a, b) => a + b, 0) / 1000);
        return { user: shuffled[i], publishers, thinkMs, at, ssoAt };
    });
    return { plans, drawn: count };
}
//# sourceMappingURL=schedule.js.map
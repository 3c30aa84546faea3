"use strict";
/**
 * The morning curve: arrivals within a window (default 30 minutes, 08:15–08:45) shaped like a bell
 * (a normal distribution cut off at the window's edges) peaking at its middle, 08:30. With the default
 * σ = 7.5 minutes the window is ±2σ and the peak rate is 1.67 × the mean. Arrival instants are drawn at
 * random from that distribution (not evenly spaced), so short bursts happen as they do in a school.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.peakRate = peakRate;
exports.peakFactor = peakFactor;
exports.arrivalTimes = arrivalTimes;
/** Standard normal cumulative distribution (Abramowitz–Stegun 7.1.26 for erf, |error| < 1.5e-7). */
function phi(x) {
    const z = Math.abs(x) / Math.SQRT2;
    const t = 1 / (1 + 0.3275911 * z);
    const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
    return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
/** The share of arrivals inside the window (the rest of the bell lies outside it and is cut off). */
function windowMass(c) {
    const half = c.windowSeconds / 2 / c.sigmaSeconds;
    return phi(half) - phi(-half);
}
/** Arrivals per second at the peak (the window's middle) when `arrivals` people arrive in the window. */
function peakRate(c, arrivals) {
    return arrivals / (c.sigmaSeconds * Math.sqrt(2 * Math.PI)) / windowMass(c);
}
/** Peak rate ÷ mean rate: how much more the busiest second carries than the average one. */
function peakFactor(c) {
    return peakRate(c, 1) * c.windowSeconds;
}
/** `arrivals` instants (seconds from the window's start, sorted), drawn from the cut-off bell. */
function arrivalTimes(c, arrivals, random) {
    const out = [];
    while (out.length < arrivals) {
        // Box–Muller; draws outside the window are drawn again (that is what cutting the bell off means).
        const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
        const t = c.windowSeconds / 2 + z * c.sigmaSeconds;
        if (t >= 0 && t < c.windowSeconds)
            out.push(t);
    }
    return out.sort((a, b) => a - b);
}
//# sourceMappingURL=curve.js.map
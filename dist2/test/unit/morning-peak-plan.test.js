"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const brin_1 = require("../../src/domain/identity/brin");
const curve_1 = require("../../scripts/load/curve");
const population_1 = require("../../scripts/load/population");
/** The morning-peak scenario's plan (scripts/load): the curve it offers and the population it seeds. */
describe('morning-peak plan', () => {
    const curve = { windowSeconds: 1800, sigmaSeconds: 450 };
    it('peaks at 1.67 × the mean for a 30-minute window of ±2σ, and the drawn arrivals follow it', () => {
        (0, chai_1.expect)((0, curve_1.peakFactor)(curve)).to.be.closeTo(1.672, 0.002);
        const times = (0, curve_1.arrivalTimes)(curve, 60_000, (0, population_1.prng)(1));
        (0, chai_1.expect)(times).to.have.length(60_000);
        (0, chai_1.expect)(times[0]).to.be.at.least(0);
        (0, chai_1.expect)(times.at(-1)).to.be.below(1800);
        // The busiest minute around the middle carries about the peak rate.
        const middle = times.filter((t) => t >= 870 && t < 930).length / 60;
        (0, chai_1.expect)(middle).to.be.closeTo((0, curve_1.peakRate)(curve, 60_000), 4);
    });
    it('gives every school a valid, distinct BRIN and its users the planned methods', () => {
        const brins = new Set(Array.from({ length: 8000 }, (_, i) => (0, population_1.brinFor)(i)));
        (0, chai_1.expect)(brins.size).to.equal(8000);
        for (const b of brins)
            (0, chai_1.expect)(() => (0, brin_1.parseBrin)(b)).not.to.throw();
        const school = (0, population_1.planSchool)(3, 200, (0, population_1.prng)(2));
        const staff = school.users.filter((u) => u.role === 'teacher');
        (0, chai_1.expect)(staff).to.have.length(200 * population_1.STAFF_SHARE);
        (0, chai_1.expect)(staff.every((u) => u.method === 'password' || u.method === 'totp')).to.equal(true);
        const pupils = school.users.filter((u) => u.role === 'pupil');
        (0, chai_1.expect)(pupils.filter((u) => u.year > 3).every((u) => u.method === 'password')).to.equal(true);
        (0, chai_1.expect)(pupils.filter((u) => u.year <= 3).every((u) => u.method === 'picture' || u.method === 'card')).to.equal(true);
        const roster = (0, population_1.rosterOf)(school);
        (0, chai_1.expect)(roster.people).to.have.length(200);
        (0, chai_1.expect)(new Set(school.users.map((u) => u.username)).size).to.equal(200);
    });
});
//# sourceMappingURL=morning-peak-plan.test.js.map
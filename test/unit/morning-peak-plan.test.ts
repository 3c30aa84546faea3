import { expect } from 'chai';
import { parseBrin } from '../../src/domain/identity/brin';
import { arrivalTimes, peakFactor, peakRate } from '../../scripts/load/curve';
import { brinFor, planSchool, prng, rosterOf, STAFF_SHARE } from '../../scripts/load/population';

/** The morning-peak scenario's plan (scripts/load): the curve it offers and the population it seeds. */
describe('morning-peak plan', () => {
  const curve = { windowSeconds: 1800, sigmaSeconds: 450 };

  it('peaks at 1.67 × the mean for a 30-minute window of ±2σ, and the drawn arrivals follow it', () => {
    expect(peakFactor(curve)).to.be.closeTo(1.672, 0.002);
    const times = arrivalTimes(curve, 60_000, prng(1));
    expect(times).to.have.length(60_000);
    expect(times[0]).to.be.at.least(0);
    expect(times.at(-1)).to.be.below(1800);
    // The busiest minute around the middle carries about the peak rate.
    const middle = times.filter((t) => t >= 870 && t < 930).length / 60;
    expect(middle).to.be.closeTo(peakRate(curve, 60_000), 4);
  });

  it('gives every school a valid, distinct BRIN and its users the planned methods', () => {
    const brins = new Set(Array.from({ length: 8000 }, (_, i) => brinFor(i)));
    expect(brins.size).to.equal(8000);
    for (const b of brins) expect(() => parseBrin(b)).not.to.throw();
    const school = planSchool(3, 200, prng(2));
    const staff = school.users.filter((u) => u.role === 'teacher');
    expect(staff).to.have.length(200 * STAFF_SHARE);
    expect(staff.every((u) => u.method === 'password' || u.method === 'totp')).to.equal(true);
    const pupils = school.users.filter((u) => u.role === 'pupil');
    expect(pupils.filter((u) => u.year > 3).every((u) => u.method === 'password')).to.equal(true);
    expect(pupils.filter((u) => u.year <= 3).every((u) => u.method === 'picture' || u.method === 'card')).to.equal(true);
    const roster = rosterOf(school);
    expect(roster.people).to.have.length(200);
    expect(new Set(school.users.map((u) => u.username)).size).to.equal(200);
  });
});

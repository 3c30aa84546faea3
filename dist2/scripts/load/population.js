"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PICTURE_SEQUENCES = exports.PASSWORDS = exports.TOTP_SHARE_OF_STAFF = exports.CARD_SHARE_OF_YOUNG = exports.YOUNG_MAX_YEAR = exports.STAFF_SHARE = void 0;
exports.prng = prng;
exports.brinFor = brinFor;
exports.planSchool = planSchool;
exports.rosterOf = rosterOf;
exports.STAFF_SHARE = 0.1;
exports.YOUNG_MAX_YEAR = 3;
exports.CARD_SHARE_OF_YOUNG = 1 / 3;
exports.TOTP_SHARE_OF_STAFF = 0.3;
/**
 * A few distinct secrets shared by many accounts. Seeding hashes each once (see seed.ts); a login still
 * verifies a full argon2id hash, so what the hub does per login is unchanged.
 */
exports.PASSWORDS = ['Ochtend-Spits-2026', 'Krijtje-Bord-4711', 'Fiets-Bel-Schooltas', 'Gym-Zaal-Pauze-88'];
exports.PICTURE_SEQUENCES = [
    ['zon', 'maan', 'ster', 'boom'],
    ['bal', 'appel', 'fiets', 'boot'],
    ['huis', 'auto', 'wolk', 'bloem'],
    ['ster', 'boot', 'zon', 'appel'],
];
/** Small deterministic PRNG (mulberry32): the same seed gives the same population and arrivals. */
function prng(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
/** A valid, unique BRIN per school index (two digits, two letters): 90 × 26 × 26 of them. */
function brinFor(i) {
    const letters = Math.floor(i / 90);
    return `${String(10 + (i % 90))}${String.fromCharCode(65 + (Math.floor(letters / 26) % 26))}${String.fromCharCode(65 + (letters % 26))}`;
}
function planSchool(index, usersPerSchool, random) {
    const staff = Math.max(1, Math.round(usersPerSchool * exports.STAFF_SHARE));
    const users = [];
    for (let i = 0; i < usersPerSchool - staff; i++) {
        const year = (i % 8) + 1;
        const young = year <= exports.YOUNG_MAX_YEAR;
        const method = !young ? 'password' : random() < exports.CARD_SHARE_OF_YOUNG ? 'card' : 'picture';
        users.push({ lasKey: `L${i}`, role: 'pupil', username: `ll${index}.${i}`, method, secret: i % 4, year });
    }
    for (let t = 0; t < staff; t++) {
        const method = random() < exports.TOTP_SHARE_OF_STAFF ? 'totp' : 'password';
        users.push({ lasKey: `T${t}`, role: 'teacher', username: `lk${index}.${t}`, method, secret: t % 4, year: (t % 8) + 1 });
    }
    return { index, brin: brinFor(index), name: `Ochtendschool ${index}`, users };
}
/** The school as the LAS import would deliver it: eight year groups, pupils in theirs, each teacher in one. */
function rosterOf(school) {
    const groups = Array.from({ length: 8 }, (_, g) => ({
        lasKey: `G${g + 1}`,
        name: `Groep ${g + 1}`,
        yearGroup: g + 1,
        kind: 'stamgroep',
    }));
    const people = school.users.map((u, i) => ({
        role: u.role,
        lasKey: u.lasKey,
        eckId: null,
        firstName: `${u.role === 'pupil' ? 'Leerling' : 'Juf'}${i}`,
        infix: i % 3 === 0 ? 'van' : null,
        lastName: `School${school.index}`,
        birthDate: u.role === 'pupil' ? `${2021 - u.year}-0${(i % 9) + 1}-1${i % 10}` : null,
        gender: u.role === 'pupil' ? (i % 2 ? 'M' : 'V') : null,
        staffEmail: u.role === 'teacher' ? `${u.username}@school${school.index}.invalid` : null,
        groupKeys: [`G${u.year}`],
    }));
    return { brin: school.brin, dependanceCode: '00', schoolYear: '2026-2027', groups, people };
}
//# sourceMappingURL=population.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.USAGE = void 0;
exports.parseOptions = parseOptions;
/** The scenario's settings: flags, else LOAD_* environment variables, else the issue's defaults. */
const node_os_1 = __importDefault(require("node:os"));
const node_util_1 = require("node:util");
const FLAGS = {
    schools: ['LOAD_SCHOOLS', '500'],
    users: ['LOAD_USERS', '200'],
    share: ['LOAD_SHARE', '0.6'],
    'window-minutes': ['LOAD_WINDOW_MINUTES', '30'],
    'sigma-minutes': ['LOAD_SIGMA_MINUTES', '7.5'],
    'time-factor': ['LOAD_TIME_FACTOR', '1'],
    'p99-ms': ['LOAD_P99_MS', '200'],
    workers: ['LOAD_WORKERS', String(node_os_1.default.availableParallelism())],
    database: ['LOAD_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/leerpoort_load'],
    seed: ['LOAD_SEED', '20261201'],
    'grace-seconds': ['LOAD_GRACE_SECONDS', '120'],
    'from-minute': ['LOAD_FROM_MINUTE', '0'],
    'until-minute': ['LOAD_UNTIL_MINUTE', 'window'],
    profile: ['LOAD_PROFILE', 'no'],
};
exports.USAGE = `npm run load:morning-peak -- [${Object.entries(FLAGS)
    .map(([flag, [env, value]]) => `--${flag} ${value} (${env})`)
    .join(', ')}]`;
function parseOptions(argv, env) {
    const { values } = (0, node_util_1.parseArgs)({
        args: argv,
        options: Object.fromEntries(Object.keys(FLAGS).map((f) => [f, { type: 'string' }])),
        strict: true,
    });
    const raw = (flag) => values[flag] ?? env[FLAGS[flag][0]] ?? FLAGS[flag][1];
    const num = (flag, min, max) => {
        const v = Number(raw(flag));
        if (!Number.isFinite(v) || v < min || v > max)
            throw new Error(`--${flag} must be a number from ${min} to ${max}\n${exports.USAGE}`);
        return v;
    };
    if (num('from-minute', 0, 240) >= (raw('until-minute') === 'window' ? num('window-minutes', 1, 240) : num('until-minute', 0, 240)))
        throw new Error(`--from-minute must come before --until-minute\n${exports.USAGE}`);
    return {
        schools: Math.round(num('schools', 1, 20_000)),
        usersPerSchool: Math.round(num('users', 2, 5_000)),
        share: num('share', 0.001, 1),
        windowMinutes: num('window-minutes', 1, 240),
        sigmaMinutes: num('sigma-minutes', 0.5, 120),
        timeFactor: num('time-factor', 0.1, 100),
        p99Ms: num('p99-ms', 1, 60_000),
        workers: Math.round(num('workers', 1, 64)),
        databaseUrl: raw('database'),
        seed: Math.round(num('seed', 0, 2 ** 31)),
        graceSeconds: num('grace-seconds', 5, 3600),
        fromMinute: num('from-minute', 0, 240),
        profile: ['1', 'yes', 'true'].includes(raw('profile')),
        untilMinute: raw('until-minute') === 'window' ? num('window-minutes', 1, 240) : num('until-minute', 0, 240),
    };
}
//# sourceMappingURL=options.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_CSV_BYTES = exports.CSV_COLUMNS = void 0;
exports.readCsvRoster = readCsvRoster;
exports.readCsvRosterContents = readCsvRosterContents;
const node_fs_1 = __importDefault(require("node:fs"));
const sync_1 = require("csv-parse/sync");
const errors_1 = require("../../domain/errors");
const brin_1 = require("../../domain/identity/brin");
/**
 * CSV roster for schools without an EDEXML export. One row per person, header row required,
 * `;` or `,` separated, UTF-8. Columns (see README):
 *
 *   soort           leerling | leerkracht                                  required
 *   key             LAS key of the person                                  required
 *   achternaam      last name                                              required
 *   roepnaam        first name                                             required
 *   voorvoegsel     tussenvoegsel
 *   eckid           ECK iD
 *   geboortedatum   YYYY-MM-DD (pupils)
 *   geslacht        M, V or X (or ISO 5218: 1, 2, 0/9) (pupils)
 *   email           work e-mail (teachers)
 *   groep_key       main group LAS key (pupils: required; teachers: their group)
 *   groep_naam      main group name
 *   jaargroep       0–8
 *   samengestelde_groepen   key:naam|key:naam — composite groups
 *
 * Any other column is dropped while reading and never stored (its name is reported as a warning).
 */
exports.CSV_COLUMNS = [
    'soort',
    'key',
    'achternaam',
    'roepnaam',
    'voorvoegsel',
    'eckid',
    'geboortedatum',
    'geslacht',
    'email',
    'groep_key',
    'groep_naam',
    'jaargroep',
    'samengestelde_groepen',
];
const REQUIRED = ['soort', 'key', 'achternaam', 'roepnaam'];
const GENDER = { M: 'M', V: 'V', X: 'X', '1': 'M', '2': 'V', '0': null, '9': null, '': null };
exports.MAX_CSV_BYTES = 32 * 1024 * 1024;
function readCsvRoster(file, brinInput) {
    let buf;
    try {
        buf = node_fs_1.default.readFileSync(file);
    }
    catch {
        throw new errors_1.ValidationError(`cannot read ${file}`);
    }
    return readCsvRosterContents(buf, file, brinInput);
}
/** The same checks for contents already in memory (an upload in the management screen). */
function readCsvRosterContents(buf, file, brinInput) {
    const { brin, dependanceCode } = (0, brin_1.parseBrin)(brinInput);
    if (buf.length === 0)
        throw new errors_1.ValidationError(`${file} is empty`);
    if (buf.length > exports.MAX_CSV_BYTES)
        throw new errors_1.ValidationError(`${file} is larger than ${exports.MAX_CSV_BYTES / 1024 / 1024} MiB`);
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
    }
    catch {
        throw new errors_1.ValidationError(`${file} is not UTF-8 text (save the CSV as UTF-8)`);
    }
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
    let rows;
    try {
        rows = (0, sync_1.parse)(text, { delimiter, relax_column_count: false, skip_empty_lines: true, trim: true });
    }
    catch (e) {
        const line = e.lines;
        throw new errors_1.ValidationError(`CSV is malformed${line ? ` at line ${line}` : ''}: ${e.message.replace(/^Invalid Record Length: /, '')}`);
    }
    const header = (rows.shift() ?? []).map((h) => h.toLowerCase());
    const missing = REQUIRED.filter((c) => !header.includes(c));
    if (missing.length)
        throw new errors_1.ValidationError(`CSV header lacks required column(s): ${missing.join(', ')}`);
    const known = new Set(exports.CSV_COLUMNS);
    const ignoredColumns = header.filter((h) => !known.has(h));
    if (rows.length === 0)
        throw new errors_1.ValidationError('the CSV has a header but no rows');
    const index = Object.fromEntries(header.map((h, i) => [h, i]));
    const groups = new Map();
    const people = [];
    rows.forEach((cells, i) => {
        const line = i + 2;
        // Only known columns are ever read out of a row.
        const get = (c) => (index[c] === undefined ? '' : (cells[index[c]] ?? '').trim());
        const soort = get('soort').toLowerCase();
        if (soort !== 'leerling' && soort !== 'leerkracht')
            throw new errors_1.ValidationError(`line ${line}: soort must be 'leerling' or 'leerkracht', not '${get('soort')}'`);
        const role = soort === 'leerling' ? 'pupil' : 'teacher';
        const key = get('key');
        if (!key)
            throw new errors_1.ValidationError(`line ${line}: key is empty`);
        const birthDate = get('geboortedatum');
        if (birthDate &&
            (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate) ||
                Number.isNaN(Date.parse(`${birthDate}T00:00:00Z`)) ||
                new Date(`${birthDate}T00:00:00Z`).toISOString().slice(0, 10) !== birthDate)) {
            throw new errors_1.ValidationError(`line ${line}: geboortedatum '${birthDate}' is not a date (YYYY-MM-DD)`);
        }
        const genderCode = get('geslacht').toUpperCase();
        if (!(genderCode in GENDER))
            throw new errors_1.ValidationError(`line ${line}: geslacht '${get('geslacht')}' must be M, V or X`);
        const jaargroep = get('jaargroep');
        if (jaargroep && !/^[0-8]$/.test(jaargroep))
            throw new errors_1.ValidationError(`line ${line}: jaargroep '${jaargroep}' must be 0–8`);
        const groupKeys = [];
        const mainKey = get('groep_key');
        if (mainKey) {
            const g = {
                lasKey: mainKey,
                name: get('groep_naam') || mainKey,
                yearGroup: jaargroep ? Number(jaargroep) : null,
                kind: 'stamgroep',
            };
            const earlier = groups.get(mainKey);
            if (earlier &&
                (earlier.name !== g.name || (g.yearGroup !== null && earlier.yearGroup !== null && earlier.yearGroup !== g.yearGroup))) {
                throw new errors_1.ValidationError(`line ${line}: group '${mainKey}' has another name or year group than on an earlier line`);
            }
            if (!earlier || (earlier.yearGroup === null && g.yearGroup !== null))
                groups.set(mainKey, g);
            groupKeys.push(mainKey);
        }
        else if (role === 'pupil') {
            throw new errors_1.ValidationError(`line ${line}: pupil '${key}' has no groep_key`);
        }
        for (const part of get('samengestelde_groepen')
            .split('|')
            .map((p) => p.trim())
            .filter(Boolean)) {
            const [gKey, ...name] = part.split(':');
            if (!gKey)
                throw new errors_1.ValidationError(`line ${line}: samengestelde_groepen must be key:naam|key:naam`);
            if (!groups.has(gKey))
                groups.set(gKey, { lasKey: gKey, name: name.join(':') || gKey, yearGroup: null, kind: 'samengestelde_groep' });
            groupKeys.push(gKey);
        }
        const email = get('email');
        if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
            throw new errors_1.ValidationError(`line ${line}: email '${email}' is not an e-mail address`);
        people.push({
            role,
            lasKey: key,
            eckId: get('eckid') || null,
            firstName: get('roepnaam'),
            infix: get('voorvoegsel') || null,
            lastName: get('achternaam'),
            birthDate: role === 'pupil' ? birthDate || null : null,
            gender: role === 'pupil' ? GENDER[genderCode] : null,
            staffEmail: role === 'teacher' ? email || null : null,
            groupKeys,
        });
    });
    return { roster: { brin, dependanceCode, schoolYear: null, groups: [...groups.values()], people }, ignoredColumns };
}
//# sourceMappingURL=read-csv.js.map
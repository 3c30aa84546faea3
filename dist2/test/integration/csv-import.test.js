"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const chai_1 = require("chai");
const password_hasher_1 = require("../../src/crypto/password-hasher");
const errors_1 = require("../../src/domain/errors");
const import_service_1 = require("../../src/domain/roster/import.service");
const read_csv_1 = require("../../src/import/csv/read-csv");
const postgres_1 = require("../support/postgres");
const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-csv-'));
let n = 0;
const csv = (text) => {
    const f = node_path_1.default.join(dir, `r${n++}.csv`);
    node_fs_1.default.writeFileSync(f, text);
    return f;
};
const HEADER = 'soort;key;achternaam;roepnaam;voorvoegsel;eckid;geboortedatum;geslacht;email;groep_key;groep_naam;jaargroep;samengestelde_groepen';
const GOOD = [
    HEADER,
    'leerling;C1;Jansen;Emma;;https://ketenid.nl/201703/aa;2017-02-03;V;;G5;Groep 5;5;P1:Plusklas',
    'leerling;C2;Dijk;Sem;van;;2016-11-30;M;;G5;Groep 5;5;',
    'leerkracht;T1;Visser;Anna;;;;;a.visser@school.example.nl;G5;Groep 5;5;',
].join('\n');
describe('CSV roster reader', () => {
    it('reads the documented columns, both delimiters, a BOM, and drops unknown columns (reported by name only)', () => {
        const withBsn = GOOD.split('\n')
            .map((line, i) => `${line};${i === 0 ? 'bsn' : `12345678${i}`}`)
            .join('\n');
        const { roster, ignoredColumns } = (0, read_csv_1.readCsvRoster)(csv(`\uFEFF${withBsn}`), '12ab');
        (0, chai_1.expect)(roster).to.deep.include({ brin: '12AB', dependanceCode: '00' });
        (0, chai_1.expect)(ignoredColumns).to.deep.equal(['bsn']);
        (0, chai_1.expect)(JSON.stringify(roster)).not.to.match(/12345678\d/);
        (0, chai_1.expect)(roster.groups.map((g) => [g.lasKey, g.kind, g.yearGroup])).to.deep.equal([
            ['G5', 'stamgroep', 5],
            ['P1', 'samengestelde_groep', null],
        ]);
        (0, chai_1.expect)(roster.people[0]).to.deep.include({
            role: 'pupil',
            firstName: 'Emma',
            gender: 'V',
            birthDate: '2017-02-03',
            eckId: 'https://ketenid.nl/201703/aa',
        });
        (0, chai_1.expect)(roster.people[0].groupKeys).to.deep.equal(['G5', 'P1']);
        (0, chai_1.expect)(roster.people[2]).to.deep.include({ role: 'teacher', staffEmail: 'a.visser@school.example.nl', birthDate: null });
        const comma = (0, read_csv_1.readCsvRoster)(csv(GOOD.replace(/;/g, ',')), '12AB');
        (0, chai_1.expect)(comma.roster.people).to.have.length(3);
        (0, chai_1.expect)(() => (0, import_service_1.checkRoster)(comma.roster)).not.to.throw();
    });
    const bad = [
        ['an empty file', '', /is empty/],
        ['no rows', HEADER, /no rows/],
        ['a missing required column', 'soort;key;achternaam\nleerling;1;X', /lacks required column\(s\): roepnaam/],
        ['a row with too many cells', `${GOOD}\nleerling;C3;A;B;;;;;;G5;Groep 5;5;;extra`, /malformed at line 5/],
        ['an unknown kind', `${GOOD}\nouder;C3;A;B;;;;;;G5;Groep 5;5;`, /line 5: soort must be/],
        [
            'an impossible birth date',
            `${GOOD}\nleerling;C3;A;B;;;2016-02-30;;;G5;Groep 5;5;`,
            /line 5: geboortedatum '2016-02-30' is not a date/,
        ],
        ['an invalid gender', `${GOOD}\nleerling;C3;A;B;;;;Q;;G5;Groep 5;5;`, /line 5: geslacht 'Q'/],
        ['a year group out of range', `${GOOD}\nleerling;C3;A;B;;;;;;G9;Groep 9;9;`, /line 5: jaargroep '9'/],
        ['a pupil without a group', `${GOOD}\nleerling;C3;A;B;;;;;;;;;`, /line 5: pupil 'C3' has no groep_key/],
        ['one group with two names', `${GOOD}\nleerling;C3;A;B;;;;;;G5;Groep Vijf;5;`, /line 5: group 'G5' has another name/],
        ['a bad e-mail', `${GOOD}\nleerkracht;T2;A;B;;;;;nope;G5;Groep 5;5;`, /line 5: email 'nope'/],
        ['not UTF-8', Buffer.from([0x73, 0x6f, 0x6f, 0x72, 0x74, 0xff, 0xfe, 0x0a]), /not UTF-8/],
    ];
    for (const [what, text, reason] of bad) {
        it(`refuses ${what}`, () => {
            (0, chai_1.expect)(() => (0, read_csv_1.readCsvRoster)(csv(text), '12AB')).to.throw(errors_1.ValidationError, reason);
        });
    }
    it('refuses duplicate keys, duplicate ECK iDs and an invalid BRIN', () => {
        (0, chai_1.expect)(() => (0, import_service_1.checkRoster)((0, read_csv_1.readCsvRoster)(csv(`${GOOD}\nleerling;C1;A;B;;;;;;G5;Groep 5;5;`), '12AB').roster)).to.throw(errors_1.ValidationError, /pupil key 'C1' appears twice/);
        (0, chai_1.expect)(() => (0, import_service_1.checkRoster)((0, read_csv_1.readCsvRoster)(csv(`${GOOD}\nleerling;C3;A;B;;https://ketenid.nl/201703/aa;;;;G5;Groep 5;5;`), '12AB').roster)).to.throw(errors_1.ValidationError, /ECK iD .* appears twice/);
        (0, chai_1.expect)(() => (0, read_csv_1.readCsvRoster)(csv(GOOD), '1AB')).to.throw(errors_1.ValidationError, /invalid BRIN/);
    });
});
(0, postgres_1.describeEachBackend)('CSV import (same diff and transaction as EDEXML)', ({ db }) => {
    it('imports, is idempotent, and deactivates a leaver on the next import', async () => {
        await (0, postgres_1.truncateAll)(db());
        await db().repositories.schools.insert({ brin: '12AB', dependanceCode: '00', name: 'CSV-school' });
        const service = new import_service_1.RosterImportService(db().unitOfWork, new password_hasher_1.Argon2idPasswordHasher());
        const actor = { type: 'cli', id: 'test' };
        const first = await service.import((0, read_csv_1.readCsvRoster)(csv(GOOD), '12AB').roster, { dryRun: false, source: 'csv', actor });
        (0, chai_1.expect)(first.people.added).to.equal(3);
        (0, chai_1.expect)(first.newAccounts.map((a) => a.username).sort()).to.deep.equal(['anna.v', 'emma.j', 'sem.d']);
        (0, chai_1.expect)(first.newAccounts.find((a) => a.role === 'teacher').password).to.match(/^[a-z]+-[a-z]+-[a-z]+-\d{4}$/);
        const again = await service.import((0, read_csv_1.readCsvRoster)(csv(GOOD), '12AB').roster, { dryRun: false, source: 'csv', actor });
        (0, chai_1.expect)(again.people.unchanged).to.equal(3);
        const fewer = await service.import((0, read_csv_1.readCsvRoster)(csv(GOOD.split('\n').slice(0, 3).join('\n')), '12AB').roster, {
            dryRun: false,
            source: 'csv',
            actor,
        });
        (0, chai_1.expect)(fewer.people.deactivated).to.equal(1);
    });
});
//# sourceMappingURL=csv-import.test.js.map
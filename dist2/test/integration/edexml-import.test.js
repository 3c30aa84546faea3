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
const read_edexml_1 = require("../../src/import/edexml/read-edexml");
const assert_1 = require("../support/assert");
const postgres_1 = require("../support/postgres");
const EXAMPLE = node_fs_1.default.readFileSync(node_path_1.default.resolve(__dirname, '../../../test/fixtures/edexml/EDEXML.Voorbeeld.2.1.xml'), 'utf8');
const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-edexml-'));
let n = 0;
const fileWith = (xml) => {
    const f = node_path_1.default.join(dir, `f${n++}.xml`);
    node_fs_1.default.writeFileSync(f, xml);
    return f;
};
const actor = { type: 'cli', id: 'test' };
describe('EDEXML reader', () => {
    it('maps the standard’s example file to a minimised canonical roster', async () => {
        const roster = await (0, read_edexml_1.readEdexml)(fileWith(EXAMPLE));
        (0, chai_1.expect)(roster).to.deep.include({ brin: '99ZZ', dependanceCode: '00', schoolYear: '2014-2015' });
        (0, chai_1.expect)(roster.groups.map((g) => [g.lasKey, g.kind, g.yearGroup])).to.deep.include.members([
            ['001', 'stamgroep', 0],
            ['sg3', 'samengestelde_groep', null],
            ['GRP4B', 'stamgroep', 4],
        ]);
        const wimpie = roster.people.find((p) => p.lasKey === '00001');
        (0, chai_1.expect)(wimpie).to.deep.include({
            role: 'pupil',
            firstName: 'Wimpie',
            infix: 'imp',
            lastName: 'ie',
            birthDate: '2006-06-21',
            gender: 'M',
            staffEmail: null,
        });
        (0, chai_1.expect)(wimpie.groupKeys).to.deep.equal(['GRP4B', 'sg1', 'sg2']);
        const julia = roster.people.find((p) => p.lasKey === 'LK1');
        (0, chai_1.expect)(julia).to.deep.include({ role: 'teacher', firstName: 'Julia', infix: 'van', lastName: 'Bemmel', birthDate: null });
        const text = JSON.stringify(roster);
        for (const dropped of ['133456785', 'Voorbeeld bij EDEXML', 'Geert Evers', 'Opmerking X', '"MA"', 'Vestiging'])
            (0, chai_1.expect)(text, dropped).not.to.contain(dropped);
    });
    it('accepts school years after the schema’s enumeration and EDEXML 2.0 files', async () => {
        const later = await (0, read_edexml_1.readEdexml)(fileWith(EXAMPLE.replace('2014-2015', '2026-2027')));
        (0, chai_1.expect)(later.schoolYear).to.equal('2026-2027');
        const v20 = await (0, read_edexml_1.readEdexml)(fileWith(EXAMPLE.replace('<xsdversie>2.1</xsdversie>', '<xsdversie>2.0</xsdversie>')));
        (0, chai_1.expect)(v20.people).to.have.length(6);
    });
    const bad = [
        ['an empty file', () => '', /is empty/],
        ['a truncated file', () => EXAMPLE.slice(0, EXAMPLE.length / 2), /does not follow the standard|not well-formed/],
        [
            'malformed XML',
            () => EXAMPLE.replace('<naam>Kabouters</naam>', '<naam>Kabouters</nam>'),
            /does not follow the standard|not well-formed/,
        ],
        ['a DOCTYPE', () => EXAMPLE.replace('<EDEX ', '<!DOCTYPE EDEX><EDEX '), /DOCTYPE/],
        [
            'an external entity',
            () => EXAMPLE.replace('<EDEX ', '<!DOCTYPE EDEX [<!ENTITY x SYSTEM "file:///etc/passwd">]><EDEX ').replace('<naam>Kabouters</naam>', '<naam>&x;</naam>'),
            /DOCTYPE/,
        ],
        ['a file that is not EDEXML', () => '<?xml version="1.0"?><roster><pupil/></roster>', /not an EDEXML file/],
        [
            'a schema violation (unknown element)',
            () => EXAMPLE.replace('<roepnaam>Wimpie</roepnaam>', '<roepnaam>Wimpie</roepnaam><schoenmaat>31</schoenmaat>'),
            /does not follow the standard.*line \d+/,
        ],
        [
            'duplicate pupil keys',
            () => EXAMPLE.replace('<leerling key="00002">', '<leerling key="00001">'),
            /does not follow the standard.*(duplicate|Duplicate)/,
        ],
        [
            'duplicate ECK iDs',
            () => EXAMPLE.replace('<leerling key="00002">', '<leerling key="00002" eckid="https://id.school/LL_123467890abcdefghijklmnopqrstuvwxzABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^_-">'),
            /does not follow the standard/,
        ],
        [
            'a pupil in an unknown group',
            () => EXAMPLE.replace('<groep key="GRP4B"/>', '<groep key="GRP9Z"/>'),
            /does not follow the standard.*(keyref|No match)/i,
        ],
        [
            'an invalid BRIN',
            () => EXAMPLE.replace('<brincode>99ZZ</brincode>', '<brincode>9ZZ</brincode>'),
            /does not follow the standard.*brincode/,
        ],
    ];
    it('checks many files at once in the worker thread, each with its own verdict', async () => {
        const valid = Buffer.from(EXAMPLE.replace('2014-2015', '2026-2027'));
        const invalid = Buffer.from(EXAMPLE.replace('<roepnaam>Wimpie</roepnaam>', '<roepnaam>Wimpie</roepnaam><schoenmaat>31</schoenmaat>'));
        const verdicts = await Promise.all(Array.from({ length: 24 }, (_, i) => (0, read_edexml_1.validateEdexmlSchema)(i % 3 ? valid : invalid).then(() => 'valid', (e) => e.message)));
        for (const [i, v] of verdicts.entries()) {
            if (i % 3)
                (0, chai_1.expect)(v, `file ${i}`).to.equal('valid');
            else
                (0, chai_1.expect)(v, `file ${i}`).to.match(/schoenmaat/);
        }
    });
    it('the checking thread keeps no finished process alive', async () => {
        const script = `require(${JSON.stringify(node_path_1.default.resolve(__dirname, '../../src/import/edexml/read-edexml.js'))}).readEdexml(${JSON.stringify(fileWith(EXAMPLE))}).then((r) => console.log(r.people.length))`;
        const { execFileSync } = await import('node:child_process');
        (0, chai_1.expect)(execFileSync(process.execPath, ['-e', script], { timeout: 20_000 }).toString().trim()).to.equal('6');
    });
    for (const [what, make, reason] of bad) {
        it(`refuses ${what} with a clear error`, async () => {
            const e = await (0, assert_1.rejects)((0, read_edexml_1.readEdexml)(fileWith(make())));
            (0, chai_1.expect)(e).to.be.instanceOf(errors_1.ValidationError);
            (0, chai_1.expect)(e.message).to.match(reason);
        });
    }
});
(0, postgres_1.describeEachBackend)('EDEXML import (diff, transaction, dry run)', ({ db }) => {
    let service;
    const snapshot = async () => JSON.stringify(await db().dataSource.query("SELECT (SELECT count(*) FROM people) p, (SELECT count(*) FROM groups) g, (SELECT count(*) FROM group_memberships) m, (SELECT count(*) FROM credentials) c, (SELECT string_agg(status || coalesce(las_key, ''), ',' ORDER BY id) FROM people) s, (SELECT max(updated_at) FROM people) u"));
    beforeEach(async () => {
        await (0, postgres_1.truncateAll)(db());
        await db().repositories.schools.insert({ brin: '99ZZ', dependanceCode: '00', name: 'Voorbeeldschool' });
        service = new import_service_1.RosterImportService(db().unitOfWork, new password_hasher_1.Argon2idPasswordHasher());
    });
    it('imports the example cleanly, creates readable accounts, and changes nothing the second time', async () => {
        const first = await service.import(await (0, read_edexml_1.readEdexml)(fileWith(EXAMPLE)), { dryRun: false, source: 'test', actor });
        (0, chai_1.expect)(first.groups).to.deep.equal({ added: 8, changed: 0, unchanged: 0 });
        (0, chai_1.expect)(first.people.added).to.equal(6);
        (0, chai_1.expect)(first.newAccounts.map((a) => a.username)).to.include('wimpie.i');
        (0, chai_1.expect)(first.newAccounts.find((a) => a.username === 'wimpie.i').password).to.match(/^[a-z]+-[a-z]+-\d{2}$/);
        const mustChange = await db().dataSource.query('SELECT must_change_password, count(*)::int AS n FROM credentials GROUP BY must_change_password ORDER BY must_change_password');
        (0, chai_1.expect)(mustChange).to.deep.equal([
            { must_change_password: false, n: 3 },
            { must_change_password: true, n: 3 },
        ]);
        const wimpie = (await db().repositories.people.listBySchool((await db().repositories.schools.findByBrin('99ZZ'))[0].id)).find((p) => p.lasKey === '00001');
        (0, chai_1.expect)(await db().repositories.groups.membershipsOf(wimpie.id)).to.have.length(3);
        const before = await snapshot();
        const second = await service.import(await (0, read_edexml_1.readEdexml)(fileWith(EXAMPLE)), { dryRun: false, source: 'test', actor });
        (0, chai_1.expect)(second.people).to.deep.equal({ added: 0, changed: 0, moved: 0, reactivated: 0, deactivated: 0, unchanged: 6 });
        (0, chai_1.expect)(second.newAccounts).to.deep.equal([]);
        (0, chai_1.expect)(await snapshot()).to.equal(before);
        const audit = await db().repositories.audit.list({ action: 'roster.import' });
        (0, chai_1.expect)(audit).to.have.length(2);
        (0, chai_1.expect)(JSON.stringify(audit)).not.to.contain('Wimpie');
    });
    it('shows changes, moves, leavers and the year transition; a dry run writes nothing', async () => {
        await service.import(await (0, read_edexml_1.readEdexml)(fileWith(EXAMPLE)), { dryRun: false, source: 'test', actor });
        const next = EXAMPLE.replace(/<jaargroep>(\d)<\/jaargroep>/g, (_m, d) => `<jaargroep>${Math.min(Number(d) + 1, 8)}</jaargroep>`)
            .replace('<roepnaam>Wimpie</roepnaam>', '<roepnaam>Wim</roepnaam>')
            .replace('<groep key="GRP4B"/>', '<groep key="GRP4A"/>')
            .replace(/<leerling key="12345">[\s\S]*?<\/leerling>/, '');
        const before = await snapshot();
        const dry = await service.import(await (0, read_edexml_1.readEdexml)(fileWith(next)), { dryRun: true, source: 'test', actor });
        (0, chai_1.expect)(await snapshot(), 'dry run wrote nothing').to.equal(before);
        (0, chai_1.expect)(dry.dryRun).to.equal(true);
        (0, chai_1.expect)(dry.yearTransition).to.equal(true);
        (0, chai_1.expect)(dry.people).to.deep.include({ changed: 1, moved: 1, deactivated: 1 });
        const applied = await service.import(await (0, read_edexml_1.readEdexml)(fileWith(next)), { dryRun: false, source: 'test', actor });
        (0, chai_1.expect)({ ...applied, dryRun: true, newAccounts: [] }).to.deep.equal({ ...dry, newAccounts: [] });
        const school = (await db().repositories.schools.findByBrin('99ZZ'))[0];
        const people = await db().repositories.people.listBySchool(school.id);
        (0, chai_1.expect)(people.find((p) => p.lasKey === '12345').status).to.equal('inactive');
        (0, chai_1.expect)(people.find((p) => p.lasKey === '00001').firstName).to.equal('Wim');
        // coming back reactivates
        const back = await service.import(await (0, read_edexml_1.readEdexml)(fileWith(EXAMPLE)), { dryRun: false, source: 'test', actor });
        (0, chai_1.expect)(back.people.reactivated).to.equal(1);
    });
    it('refuses a file for another school than --school, or for an unregistered school, writing nothing', async () => {
        const before = await snapshot();
        (0, chai_1.expect)(await (0, assert_1.rejects)(service.import(await (0, read_edexml_1.readEdexml)(fileWith(EXAMPLE)), { expectedBrin: '12AB', dryRun: false, source: 'test', actor }))).to.be.instanceOf(errors_1.ValidationError);
        (0, chai_1.expect)(await (0, assert_1.rejects)(service.import(await (0, read_edexml_1.readEdexml)(fileWith(EXAMPLE.replace('<brincode>99ZZ</brincode>', '<brincode>98YY</brincode>'))), {
            dryRun: false,
            source: 'test',
            actor,
        }))).to.be.instanceOf(errors_1.NotFoundError);
        (0, chai_1.expect)(await snapshot()).to.equal(before);
    });
    it('a roster written while its schema check runs commits nothing when the check refuses — and the refusal is the error reported', async () => {
        await service.import(await (0, read_edexml_1.readEdexml)(fileWith(EXAMPLE)), { dryRun: false, source: 'test', actor });
        const before = await snapshot();
        // Mappable, but not the standard: the import diffs and writes it meanwhile, then must roll back.
        const unknownElement = EXAMPLE.replace('<roepnaam>Wimpie</roepnaam>', '<roepnaam>Wim</roepnaam><schoenmaat>31</schoenmaat>');
        for (const createAccounts of [false, true]) {
            const { roster, verdict } = await (0, read_edexml_1.readEdexmlWhileChecking)(fileWith(unknownElement));
            const e = await (0, assert_1.rejects)(service.import(roster, { dryRun: false, source: 'test', actor, verdict, createAccounts }));
            (0, chai_1.expect)(e).to.be.instanceOf(errors_1.ValidationError);
            (0, chai_1.expect)(e.message).to.match(/does not follow the standard.*schoenmaat/);
            (0, chai_1.expect)(await snapshot(), `nothing written (accounts: ${createAccounts})`).to.equal(before);
        }
        // Also wrong for the diff (a duplicate key): still the schema's refusal is what the user reads.
        const { roster, verdict } = await (0, read_edexml_1.readEdexmlWhileChecking)(fileWith(EXAMPLE.replace('<leerling key="00002">', '<leerling key="00001">')));
        const e = await (0, assert_1.rejects)(service.import(roster, { dryRun: true, source: 'test', actor, verdict }));
        (0, chai_1.expect)(e.message).to.match(/does not follow the standard/);
        (0, chai_1.expect)(await snapshot()).to.equal(before);
    });
    it('a failure half-way leaves the previous roster exactly as it was', async () => {
        await service.import(await (0, read_edexml_1.readEdexml)(fileWith(EXAMPLE)), { dryRun: false, source: 'test', actor });
        // An ECK iD that belongs to a person of another school makes the last insert fail inside the transaction.
        const other = await db().repositories.schools.insert({ brin: '11AA', dependanceCode: '00', name: 'Ander' });
        await db().repositories.people.insert({
            schoolId: other.id,
            role: 'teacher',
            firstName: 'X',
            lastName: 'Y',
            eckId: 'https://id.school/taken',
        });
        const before = await snapshot();
        const next = EXAMPLE.replace('<roepnaam>Wimpie</roepnaam>', '<roepnaam>Wim</roepnaam>').replace('<leerkracht key="LK3">', '<leerkracht key="LK4" eckid="https://id.school/taken"><achternaam>Nieuw</achternaam><roepnaam>N</roepnaam></leerkracht><leerkracht key="LK3">');
        const e = await (0, assert_1.rejects)(service.import(await (0, read_edexml_1.readEdexml)(fileWith(next)), { dryRun: false, source: 'test', actor }));
        (0, chai_1.expect)(e).to.be.instanceOf(errors_1.ConflictError);
        (0, chai_1.expect)(await snapshot()).to.equal(before);
    });
});
//# sourceMappingURL=edexml-import.test.js.map
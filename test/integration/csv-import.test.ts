import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Argon2idPasswordHasher } from '../../src/crypto/password-hasher';
import { ValidationError } from '../../src/domain/errors';
import { RosterImportService, checkRoster } from '../../src/domain/roster/import.service';
import { readCsvRoster } from '../../src/import/csv/read-csv';
import { describeEachBackend, truncateAll } from '../support/postgres';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-csv-'));
let n = 0;
const csv = (text: string | Buffer) => {
  const f = path.join(dir, `r${n++}.csv`);
  fs.writeFileSync(f, text);
  return f;
};
const HEADER =
  'soort;key;achternaam;roepnaam;voorvoegsel;eckid;geboortedatum;geslacht;email;groep_key;groep_naam;jaargroep;samengestelde_groepen';
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
    const { roster, ignoredColumns } = readCsvRoster(csv(`\uFEFF${withBsn}`), '12ab');
    expect(roster).to.deep.include({ brin: '12AB', dependanceCode: '00' });
    expect(ignoredColumns).to.deep.equal(['bsn']);
    expect(JSON.stringify(roster)).not.to.match(/12345678\d/);
    expect(roster.groups.map((g) => [g.lasKey, g.kind, g.yearGroup])).to.deep.equal([
      ['G5', 'stamgroep', 5],
      ['P1', 'samengestelde_groep', null],
    ]);
    expect(roster.people[0]).to.deep.include({
      role: 'pupil',
      firstName: 'Emma',
      gender: 'V',
      birthDate: '2017-02-03',
      eckId: 'https://ketenid.nl/201703/aa',
    });
    expect(roster.people[0]!.groupKeys).to.deep.equal(['G5', 'P1']);
    expect(roster.people[2]).to.deep.include({ role: 'teacher', staffEmail: 'a.visser@school.example.nl', birthDate: null });
    const comma = readCsvRoster(csv(GOOD.replace(/;/g, ',')), '12AB');
    expect(comma.roster.people).to.have.length(3);
    expect(() => checkRoster(comma.roster)).not.to.throw();
  });

  const bad: Array<[string, string | Buffer, RegExp]> = [
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
      expect(() => readCsvRoster(csv(text), '12AB')).to.throw(ValidationError, reason);
    });
  }

  it('refuses duplicate keys, duplicate ECK iDs and an invalid BRIN', () => {
    expect(() => checkRoster(readCsvRoster(csv(`${GOOD}\nleerling;C1;A;B;;;;;;G5;Groep 5;5;`), '12AB').roster)).to.throw(
      ValidationError,
      /pupil key 'C1' appears twice/,
    );
    expect(() =>
      checkRoster(readCsvRoster(csv(`${GOOD}\nleerling;C3;A;B;;https://ketenid.nl/201703/aa;;;;G5;Groep 5;5;`), '12AB').roster),
    ).to.throw(ValidationError, /ECK iD .* appears twice/);
    expect(() => readCsvRoster(csv(GOOD), '1AB')).to.throw(ValidationError, /invalid BRIN/);
  });
});

describeEachBackend('CSV import (same diff and transaction as EDEXML)', ({ db }) => {
  it('imports, is idempotent, and deactivates a leaver on the next import', async () => {
    await truncateAll(db());
    await db().repositories.schools.insert({ brin: '12AB', dependanceCode: '00', name: 'CSV-school' });
    const service = new RosterImportService(db().unitOfWork, new Argon2idPasswordHasher());
    const actor = { type: 'cli' as const, id: 'test' };
    const first = await service.import(readCsvRoster(csv(GOOD), '12AB').roster, { dryRun: false, source: 'csv', actor });
    expect(first.people.added).to.equal(3);
    expect(first.newAccounts.map((a) => a.username).sort()).to.deep.equal(['anna.v', 'emma.j', 'sem.d']);
    expect(first.newAccounts.find((a) => a.role === 'teacher')!.password).to.match(/^[a-z]+-[a-z]+-[a-z]+-\d{4}$/);
    const again = await service.import(readCsvRoster(csv(GOOD), '12AB').roster, { dryRun: false, source: 'csv', actor });
    expect(again.people.unchanged).to.equal(3);
    const fewer = await service.import(readCsvRoster(csv(GOOD.split('\n').slice(0, 3).join('\n')), '12AB').roster, {
      dryRun: false,
      source: 'csv',
      actor,
    });
    expect(fewer.people.deactivated).to.equal(1);
  });
});

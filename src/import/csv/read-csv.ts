import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { ValidationError } from '../../domain/errors';
import { parseBrin } from '../../domain/identity/brin';
import type { Gender } from '../../domain/model';
import type { Roster, RosterGroup, RosterPerson } from '../../domain/roster/roster';

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
export const CSV_COLUMNS = [
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
] as const;
const REQUIRED = ['soort', 'key', 'achternaam', 'roepnaam'];
const GENDER: Record<string, Gender | null> = { M: 'M', V: 'V', X: 'X', '1': 'M', '2': 'V', '0': null, '9': null, '': null };
export const MAX_CSV_BYTES = 32 * 1024 * 1024;

export interface CsvRoster {
  readonly roster: Roster;
  readonly ignoredColumns: string[];
}

export function readCsvRoster(file: string, brinInput: string): CsvRoster {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    throw new ValidationError(`cannot read ${file}`);
  }
  return readCsvRosterContents(buf, file, brinInput);
}

/** The same checks for contents already in memory (an upload in the management screen). */
export function readCsvRosterContents(buf: Buffer, file: string, brinInput: string): CsvRoster {
  const { brin, dependanceCode } = parseBrin(brinInput);
  if (buf.length === 0) throw new ValidationError(`${file} is empty`);
  if (buf.length > MAX_CSV_BYTES) throw new ValidationError(`${file} is larger than ${MAX_CSV_BYTES / 1024 / 1024} MiB`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    throw new ValidationError(`${file} is not UTF-8 text (save the CSV as UTF-8)`);
  }
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, relax_column_count: false, skip_empty_lines: true, trim: true });
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new ValidationError(
      `CSV is malformed${line ? ` at line ${line}` : ''}: ${(e as Error).message.replace(/^Invalid Record Length: /, '')}`,
    );
  }
  const header = (rows.shift() ?? []).map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw new ValidationError(`CSV header lacks required column(s): ${missing.join(', ')}`);
  const known = new Set<string>(CSV_COLUMNS);
  const ignoredColumns = header.filter((h) => !known.has(h));
  if (rows.length === 0) throw new ValidationError('the CSV has a header but no rows');

  const index = Object.fromEntries(header.map((h, i) => [h, i]));
  const groups = new Map<string, RosterGroup>();
  const people: RosterPerson[] = [];
  rows.forEach((cells, i) => {
    const line = i + 2;
    // Only known columns are ever read out of a row.
    const get = (c: (typeof CSV_COLUMNS)[number]) => (index[c] === undefined ? '' : (cells[index[c]!] ?? '').trim());
    const soort = get('soort').toLowerCase();
    if (soort !== 'leerling' && soort !== 'leerkracht')
      throw new ValidationError(`line ${line}: soort must be 'leerling' or 'leerkracht', not '${get('soort')}'`);
    const role = soort === 'leerling' ? 'pupil' : 'teacher';
    const key = get('key');
    if (!key) throw new ValidationError(`line ${line}: key is empty`);
    const birthDate = get('geboortedatum');
    if (
      birthDate &&
      (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate) ||
        Number.isNaN(Date.parse(`${birthDate}T00:00:00Z`)) ||
        new Date(`${birthDate}T00:00:00Z`).toISOString().slice(0, 10) !== birthDate)
    ) {
      throw new ValidationError(`line ${line}: geboortedatum '${birthDate}' is not a date (YYYY-MM-DD)`);
    }
    const genderCode = get('geslacht').toUpperCase();
    if (!(genderCode in GENDER)) throw new ValidationError(`line ${line}: geslacht '${get('geslacht')}' must be M, V or X`);
    const jaargroep = get('jaargroep');
    if (jaargroep && !/^[0-8]$/.test(jaargroep)) throw new ValidationError(`line ${line}: jaargroep '${jaargroep}' must be 0–8`);
    const groupKeys: string[] = [];
    const mainKey = get('groep_key');
    if (mainKey) {
      const g: RosterGroup = {
        lasKey: mainKey,
        name: get('groep_naam') || mainKey,
        yearGroup: jaargroep ? Number(jaargroep) : null,
        kind: 'stamgroep',
      };
      const earlier = groups.get(mainKey);
      if (
        earlier &&
        (earlier.name !== g.name || (g.yearGroup !== null && earlier.yearGroup !== null && earlier.yearGroup !== g.yearGroup))
      ) {
        throw new ValidationError(`line ${line}: group '${mainKey}' has another name or year group than on an earlier line`);
      }
      if (!earlier || (earlier.yearGroup === null && g.yearGroup !== null)) groups.set(mainKey, g);
      groupKeys.push(mainKey);
    } else if (role === 'pupil') {
      throw new ValidationError(`line ${line}: pupil '${key}' has no groep_key`);
    }
    for (const part of get('samengestelde_groepen')
      .split('|')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [gKey, ...name] = part.split(':');
      if (!gKey) throw new ValidationError(`line ${line}: samengestelde_groepen must be key:naam|key:naam`);
      if (!groups.has(gKey)) groups.set(gKey, { lasKey: gKey, name: name.join(':') || gKey, yearGroup: null, kind: 'samengestelde_groep' });
      groupKeys.push(gKey);
    }
    const email = get('email');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      throw new ValidationError(`line ${line}: email '${email}' is not an e-mail address`);
    people.push({
      role,
      lasKey: key,
      eckId: get('eckid') || null,
      firstName: get('roepnaam'),
      infix: get('voorvoegsel') || null,
      lastName: get('achternaam'),
      birthDate: role === 'pupil' ? birthDate || null : null,
      gender: role === 'pupil' ? GENDER[genderCode]! : null,
      staffEmail: role === 'teacher' ? email || null : null,
      groupKeys,
    });
  });
  return { roster: { brin, dependanceCode, schoolYear: null, groups: [...groups.values()], people }, ignoredColumns };
}

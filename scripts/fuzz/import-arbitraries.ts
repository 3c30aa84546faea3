import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { CSV_COLUMNS } from '../../src/import/csv/read-csv';
import { byteMutations, deepNesting, hostileSnippet, mutateBytes, mutateText, type TextMutation, textMutations } from './mutations';

/**
 * Near-valid roster files. EDEXML: the standard's example file with person fields, keys and
 * structure varied, DOCTYPE/ENTITY declarations smuggled in, and the whole re-encoded (UTF-8 with or
 * without BOM, UTF-16 LE/BE with or without BOM, ISO-8859-1, UTF-32, declarations that lie about the
 * encoding), then byte-mutated. CSV: a header and rows built from per-column value generators, valid
 * and hostile, quoted or not, then byte-mutated. Both with a share of plain garbage.
 */

const weighted = <T>(...entries: Array<[number, fc.Arbitrary<T>]>): fc.Arbitrary<T> =>
  fc.oneof(...entries.map(([weight, arbitrary]) => ({ weight, arbitrary })));

export const EDEXML_EXAMPLE = fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/edexml/EDEXML.Voorbeeld.2.1.xml'), 'utf8');

const name = weighted<string>(
  [8, fc.constantFrom('Fenna', 'Jan-Willem', 'Ömer', 'Zoë', 'Łukasz', 'Nguyễn', 'Ahmed', "D'Arcy", 'O&apos;Brien', 'Ada &amp; Co')],
  [2, fc.string({ maxLength: 30 }).map((s) => s.replace(/[<&]/g, ''))],
  [
    1,
    fc.constantFrom(
      '',
      ' ',
      'A'.repeat(5000),
      '\u{1F600}',
      '\u20AC',
      '\u0152',
      'x<!--c-->y',
      'x<?pi?>y',
      '&#0;',
      '&#xD800;',
      '&undefined;',
      '<![CDATA[x]]>',
    ),
  ],
  [1, hostileSnippet],
);

type EdexmlEdit =
  | { op: 'field'; field: string; nth: number; value: string }
  | { op: 'duplicate-pupil'; nth: number }
  | { op: 'remove'; element: string; nth: number }
  | { op: 'key'; nth: number; value: string }
  | { op: 'doctype'; where: 'prolog' | 'after-comment' | 'inside'; text: string }
  | { op: 'nest'; nth: number; text: string };

const FIELDS = [
  'roepnaam',
  'achternaam',
  'voorvoegsel',
  'voornamen',
  'geboortedatum',
  'geslacht',
  'jaargroep',
  'emailadres',
  'naam',
  'brincode',
  'schooljaar',
  'dependancecode',
];
const DOCTYPES = [
  '<!DOCTYPE EDEX>',
  '<!DOCTYPE EDEX [<!ENTITY x "yy">]>',
  '<!DOCTYPE EDEX SYSTEM "file:///etc/passwd">',
  '<!doctype EDEX [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x">%p;]>',
  '<!ENTITY x "y">',
  '<!DoCtYpE EDEX>',
];

const edexmlEdit: fc.Arbitrary<EdexmlEdit> = weighted<EdexmlEdit>(
  [
    8,
    fc.record({
      op: fc.constant('field' as const),
      field: fc.constantFrom(...FIELDS),
      nth: fc.nat({ max: 8 }),
      value: fc.oneof(name, fc.constantFrom('2015-04-01', '2015-02-30', '1', '2', '9', '0', '8', '9X', '99ZZ', '2026-2027', 'x@y.nl')),
    }),
  ],
  [2, fc.record({ op: fc.constant('duplicate-pupil' as const), nth: fc.nat({ max: 3 }) })],
  [
    2,
    fc.record({
      op: fc.constant('remove' as const),
      element: fc.constantFrom('leerling', 'groep', 'leerkracht', 'school', 'groepen', 'achternaam', 'brincode', 'samengestelde_groep'),
      nth: fc.nat({ max: 4 }),
    }),
  ],
  [
    2,
    fc.record({
      op: fc.constant('key' as const),
      nth: fc.nat({ max: 10 }),
      value: weighted<string>([4, fc.constantFrom('00001', 'GRP4B', 'X', '')], [1, name]),
    }),
  ],
  [
    2,
    fc.record({
      op: fc.constant('doctype' as const),
      where: fc.constantFrom('prolog' as const, 'after-comment' as const, 'inside' as const),
      text: fc.constantFrom(...DOCTYPES),
    }),
  ],
  [
    1,
    fc.record({
      op: fc.constant('nest' as const),
      nth: fc.nat({ max: 4 }),
      text: fc.oneof(
        deepNesting.map((d) => d.replace(/x:n xmlns:x="urn:x"/g, 'x:n')),
        fc.integer({ min: 100, max: 100_000 }).map((n) => '<a>'.repeat(n) + '</a>'.repeat(n)),
      ),
    }),
  ],
);

/** Index of the nth match of a regex (wrapping around), or -1. */
function nthMatch(text: string, re: RegExp, nth: number): RegExpExecArray | null {
  const all = [...text.matchAll(new RegExp(re.source, 'g'))];
  return all.length ? (all[nth % all.length] as RegExpExecArray) : null;
}

function applyEdexmlEdit(text: string, e: EdexmlEdit): string {
  switch (e.op) {
    case 'field': {
      const m = nthMatch(text, new RegExp(`<${e.field}>[^<]*</${e.field}>`), e.nth);
      return m ? text.slice(0, m.index) + `<${e.field}>${e.value}</${e.field}>` + text.slice(m.index + m[0].length) : text;
    }
    case 'duplicate-pupil': {
      const m = nthMatch(text, /<leerling key="[^"]*"[\s\S]*?<\/leerling>/, e.nth);
      return m ? text.slice(0, m.index) + m[0] + m[0] + text.slice(m.index + m[0].length) : text;
    }
    case 'remove': {
      const m = nthMatch(text, new RegExp(`<${e.element}[\\s>][\\s\\S]*?</${e.element}>`), e.nth);
      return m ? text.slice(0, m.index) + text.slice(m.index + m[0].length) : text;
    }
    case 'key': {
      const m = nthMatch(text, / key="[^"]*"/, e.nth);
      return m ? text.slice(0, m.index) + ` key="${e.value}"` + text.slice(m.index + m[0].length) : text;
    }
    case 'doctype': {
      if (e.where === 'prolog') return text.replace(/(<\?xml[^>]*\?>)/, `$1${e.text}`);
      if (e.where === 'after-comment') return text.replace('<EDEX ', `${e.text}<EDEX `);
      return text.replace('<school>', `<school>${e.text}`);
    }
    case 'nest': {
      const m = nthMatch(text, /<\/roepnaam>/, e.nth);
      return m ? text.slice(0, m.index + m[0].length) + e.text + text.slice(m.index + m[0].length) : text;
    }
  }
}

type ByteForm = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1' | 'utf-32le' | 'utf-32be';
interface Encoding {
  readonly bytes: ByteForm;
  readonly bom: boolean;
  /** The declaration's encoding label; null: declaration without encoding; undefined: no declaration. */
  readonly declared: string | null | undefined;
}

const encoding = weighted<Encoding>(
  [10, fc.constant({ bytes: 'utf-8' as const, bom: false, declared: 'UTF-8' })],
  [2, fc.constant({ bytes: 'utf-8' as const, bom: true, declared: 'UTF-8' })],
  [
    1,
    fc.constantFrom<Encoding>(
      { bytes: 'utf-8', bom: false, declared: undefined },
      { bytes: 'utf-8', bom: false, declared: null },
      { bytes: 'utf-8', bom: false, declared: 'utf8' },
    ),
  ],
  [
    2,
    fc.constantFrom<Encoding>({ bytes: 'utf-16le', bom: true, declared: 'UTF-16' }, { bytes: 'utf-16be', bom: true, declared: 'UTF-16' }),
  ],
  [
    1,
    fc.constantFrom<Encoding>(
      { bytes: 'utf-16le', bom: false, declared: 'UTF-16' },
      { bytes: 'utf-16be', bom: false, declared: 'UTF-16BE' },
      { bytes: 'utf-16le', bom: true, declared: 'UTF-8' },
      { bytes: 'utf-16le', bom: true, declared: undefined },
    ),
  ],
  [
    2,
    fc.constantFrom<Encoding>(
      { bytes: 'latin1', bom: false, declared: 'ISO-8859-1' },
      { bytes: 'latin1', bom: false, declared: 'windows-1252' },
      { bytes: 'latin1', bom: false, declared: 'iso-8859-15' },
    ),
  ],
  [
    1,
    fc.constantFrom<Encoding>(
      { bytes: 'latin1', bom: false, declared: 'UTF-8' },
      { bytes: 'utf-8', bom: false, declared: 'ISO-8859-1' },
      { bytes: 'utf-8', bom: true, declared: 'ISO-8859-1' },
    ),
  ],
  [
    1,
    fc.constantFrom<Encoding>({ bytes: 'utf-32le', bom: true, declared: 'UTF-32' }, { bytes: 'utf-32be', bom: false, declared: 'UTF-32' }),
  ],
  [
    1,
    fc.constantFrom<Encoding>(
      { bytes: 'utf-8', bom: false, declared: 'UTF-7' },
      { bytes: 'utf-8', bom: false, declared: 'EBCDIC-CP-US' },
      { bytes: 'utf-8', bom: false, declared: 'x' },
      { bytes: 'utf-8', bom: false, declared: 'Shift_JIS' },
      { bytes: 'utf-8', bom: false, declared: '' },
    ),
  ],
);

function withDeclaration(text: string, declared: string | null | undefined): string {
  const body = text.replace(/^<\?xml[^>]*\?>/, '');
  if (declared === undefined) return body.replace(/^\s+/, '');
  return `<?xml version="1.0"${declared === null ? '' : ` encoding="${declared}"`}?>${body}`;
}

export function encodeText(text: string, e: Encoding): Buffer {
  const t = withDeclaration(text, e.declared);
  switch (e.bytes) {
    case 'utf-8':
      return Buffer.concat([Buffer.from(e.bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(t, 'utf8')]);
    case 'latin1':
      return Buffer.from(t, 'latin1');
    case 'utf-16le':
      return Buffer.concat([Buffer.from(e.bom ? [0xff, 0xfe] : []), Buffer.from(t, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from(e.bom ? [0xfe, 0xff] : []), Buffer.from(t, 'utf16le').swap16()]);
    case 'utf-32le':
    case 'utf-32be': {
      const cps = [...(e.bom ? '\uFEFF' : ''), ...t].map((c) => c.codePointAt(0)!);
      const out = Buffer.alloc(cps.length * 4);
      cps.forEach((cp, i) => {
        if (e.bytes === 'utf-32le') out.writeUInt32LE(cp, i * 4);
        else out.writeUInt32BE(cp, i * 4);
      });
      return out;
    }
  }
}

export const edexmlCases: fc.Arbitrary<Buffer> = weighted<Buffer>(
  [
    19,
    fc
      .record({
        edits: fc.array(edexmlEdit, { maxLength: 4 }),
        text: weighted<TextMutation[]>([4, fc.constant([])], [1, textMutations]),
        encoding,
        bytes: byteMutations,
      })
      .map((o) => mutateBytes(encodeText(mutateText(o.edits.reduce(applyEdexmlEdit, EDEXML_EXAMPLE), o.text), o.encoding), o.bytes)),
  ],
  [
    1,
    fc.oneof(
      fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
      fc.string({ unit: 'binary', maxLength: 500 }).map((s) => Buffer.from(`<EDEX>${s}`)),
    ),
  ],
);

// ---------------------------------------------------------------------------------------------------
// CSV

type Column = (typeof CSV_COLUMNS)[number];
const hex = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEF'), minLength: 1, maxLength: 8 });
const oddCell = weighted<string>(
  [
    4,
    fc.constantFrom(
      '',
      ' ',
      '"',
      '""',
      ';',
      ',',
      '\n',
      '\r\n',
      'a"b',
      '"quoted"',
      '\u0000',
      '\uFEFF',
      'A'.repeat(4000),
      '=1+1',
      '\u{1F600}',
    ),
  ],
  [1, fc.string({ unit: 'binary', maxLength: 20 })],
);

const CELLS: Record<Column, fc.Arbitrary<string>> = {
  soort: weighted([12, fc.constantFrom('leerling', 'leerkracht')], [1, fc.constantFrom('Leerling', 'LEERKRACHT', 'ouder', '')]),
  key: weighted([12, hex], [1, oddCell]),
  achternaam: weighted([8, name], [1, oddCell]),
  roepnaam: weighted([8, name], [1, oddCell]),
  voorvoegsel: fc.constantFrom('', 'van', 'de', 'van der', "'t"),
  eckid: weighted([6, hex.map((h) => `https://ketenid.nl/201703/${h}`)], [2, fc.constant('')], [1, oddCell]),
  geboortedatum: weighted(
    [8, fc.constantFrom('2015-04-01', '2016-12-31', '')],
    [1, fc.constantFrom('2015-02-30', '0000-00-00', '9999-12-31', '2015-1-1', '01-04-2015', '+275760-09-13', '2015-04-01T00:00')],
    [1, oddCell],
  ),
  geslacht: weighted(
    [8, fc.constantFrom('M', 'V', 'X', '1', '2', '0', '9', '', 'm')],
    [1, fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty', 'Q')],
  ),
  email: weighted([4, fc.constantFrom('', 'j.jansen@school.example.nl')], [1, fc.constantFrom('x', 'a@b', '@', 'a b@c.nl')], [1, oddCell]),
  groep_key: weighted([8, fc.constantFrom('G6', 'G7', 'G8')], [2, fc.constant('')], [1, oddCell]),
  groep_naam: weighted([8, fc.constantFrom('Groep 6', 'Groep 7', '')], [1, name]),
  jaargroep: weighted([8, fc.constantFrom('6', '7', '8', '0', '')], [1, fc.constantFrom('9', '-1', 'x', '6.0', '06')]),
  samengestelde_groepen: weighted(
    [6, fc.constantFrom('', 'sg1:Rekenen', 'sg1:Rekenen|sg2:Taal', 'sg1')],
    [1, fc.constantFrom(':x', '|', 'a:b:c', '||a:', ' | ')],
    [1, oddCell],
  ),
};

const REQUIRED: Column[] = ['soort', 'key', 'achternaam', 'roepnaam'];
const OPTIONAL = CSV_COLUMNS.filter((c) => !REQUIRED.includes(c));
const EXTRA_COLUMNS = ['bsn', 'opmerking', '__proto__', 'constructor', 'Soort', 'key', ''];

const header = fc
  .tuple(
    weighted<Column[]>([12, fc.constant(REQUIRED)], [1, fc.subarray(REQUIRED)]),
    fc.subarray(OPTIONAL),
    weighted<string[]>([8, fc.constant([])], [1, fc.subarray(EXTRA_COLUMNS, { maxLength: 2 })]),
    fc.boolean(),
  )
  .map(([req, opt, extra, shuffle]) => {
    const cols: string[] = [...req, ...opt, ...extra];
    return shuffle ? cols.reverse() : cols;
  });

function csvCell(value: string, delimiter: string, quoteAlways: boolean, sloppy: boolean): string {
  if (sloppy) return value;
  if (quoteAlways || value.includes(delimiter) || /["\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export interface CsvCase {
  readonly bytes: Buffer;
  readonly brin: string;
}

const csvText = fc
  .record({
    header,
    rows: fc.array(fc.record(CELLS), { maxLength: 25 }),
    delimiter: weighted([6, fc.constantFrom(';', ',')], [1, fc.constantFrom('\t', '|')]),
    eol: fc.constantFrom('\n', '\r\n'),
    quoteAlways: fc.boolean(),
    sloppy: weighted([12, fc.constant(false)], [1, fc.constant(true)]),
    bom: weighted([6, fc.constant(false)], [1, fc.constant(true)]),
    blankLines: fc.boolean(),
  })
  .map((o) => {
    const line = (cells: string[]) => cells.map((c) => csvCell(c, o.delimiter, o.quoteAlways, o.sloppy)).join(o.delimiter);
    const rows = o.rows.map((r) => line(o.header.map((h) => (Object.hasOwn(r, h) ? r[h as Column] : 'dropped'))));
    return (o.bom ? '\uFEFF' : '') + [line(o.header), ...rows].join(o.blankLines ? `${o.eol}${o.eol}` : o.eol) + o.eol;
  });

export const csvCases: fc.Arbitrary<CsvCase> = fc.record({
  bytes: weighted<Buffer>(
    [
      18,
      fc
        .tuple(csvText, weighted<'utf8' | 'latin1'>([12, fc.constant('utf8' as const)], [1, fc.constant('latin1' as const)]), byteMutations)
        .map(([t, enc, ms]) => mutateBytes(Buffer.from(t, enc), ms)),
    ],
    [1, fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a))],
    [1, fc.string({ maxLength: 500 }).map((s) => Buffer.from(s))],
  ),
  brin: weighted([20, fc.constant('12AB')], [1, fc.constantFrom('12AB01', '12ab', 'x', '', '__proto__')]),
});

"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.csvCases = exports.edexmlCases = exports.EDEXML_EXAMPLE = void 0;
exports.encodeText = encodeText;
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const fast_check_1 = __importDefault(require("fast-check"));
const read_csv_1 = require("../../src/import/csv/read-csv");
const mutations_1 = require("./mutations");
/**
 * Near-valid roster files. EDEXML: the standard's example file with person fields, keys and
 * structure varied, DOCTYPE/ENTITY declarations smuggled in, and the whole re-encoded (UTF-8 with or
 * without BOM, UTF-16 LE/BE with or without BOM, ISO-8859-1, UTF-32, declarations that lie about the
 * encoding), then byte-mutated. CSV: a header and rows built from per-column value generators, valid
 * and hostile, quoted or not, then byte-mutated. Both with a share of plain garbage.
 */
const weighted = (...entries) => fast_check_1.default.oneof(...entries.map(([weight, arbitrary]) => ({ weight, arbitrary })));
exports.EDEXML_EXAMPLE = node_fs_1.default.readFileSync(node_path_1.default.resolve(__dirname, '../../../test/fixtures/edexml/EDEXML.Voorbeeld.2.1.xml'), 'utf8');
const name = weighted([8, fast_check_1.default.constantFrom('Fenna', 'Jan-Willem', 'Ömer', 'Zoë', 'Łukasz', 'Nguyễn', 'Ahmed', "D'Arcy", 'O&apos;Brien', 'Ada &amp; Co')], [2, fast_check_1.default.string({ maxLength: 30 }).map((s) => s.replace(/[<&]/g, ''))], [
    1,
    fast_check_1.default.constantFrom('', ' ', 'A'.repeat(5000), '\u{1F600}', '\u20AC', '\u0152', 'x<!--c-->y', 'x<?pi?>y', '&#0;', '&#xD800;', '&undefined;', '<![CDATA[x]]>'),
], [1, mutations_1.hostileSnippet]);
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
const edexmlEdit = weighted([
    8,
    fast_check_1.default.record({
        op: fast_check_1.default.constant('field'),
        field: fast_check_1.default.constantFrom(...FIELDS),
        nth: fast_check_1.default.nat({ max: 8 }),
        value: fast_check_1.default.oneof(name, fast_check_1.default.constantFrom('2015-04-01', '2015-02-30', '1', '2', '9', '0', '8', '9X', '99ZZ', '2026-2027', 'x@y.nl')),
    }),
], [2, fast_check_1.default.record({ op: fast_check_1.default.constant('duplicate-pupil'), nth: fast_check_1.default.nat({ max: 3 }) })], [
    2,
    fast_check_1.default.record({
        op: fast_check_1.default.constant('remove'),
        element: fast_check_1.default.constantFrom('leerling', 'groep', 'leerkracht', 'school', 'groepen', 'achternaam', 'brincode', 'samengestelde_groep'),
        nth: fast_check_1.default.nat({ max: 4 }),
    }),
], [
    2,
    fast_check_1.default.record({
        op: fast_check_1.default.constant('key'),
        nth: fast_check_1.default.nat({ max: 10 }),
        value: weighted([4, fast_check_1.default.constantFrom('00001', 'GRP4B', 'X', '')], [1, name]),
    }),
], [
    2,
    fast_check_1.default.record({
        op: fast_check_1.default.constant('doctype'),
        where: fast_check_1.default.constantFrom('prolog', 'after-comment', 'inside'),
        text: fast_check_1.default.constantFrom(...DOCTYPES),
    }),
], [
    1,
    fast_check_1.default.record({
        op: fast_check_1.default.constant('nest'),
        nth: fast_check_1.default.nat({ max: 4 }),
        text: fast_check_1.default.oneof(mutations_1.deepNesting.map((d) => d.replace(/x:n xmlns:x="urn:x"/g, 'x:n')), fast_check_1.default.integer({ min: 100, max: 100_000 }).map((n) => '<a>'.repeat(n) + '</a>'.repeat(n))),
    }),
]);
/** Index of the nth match of a regex (wrapping around), or -1. */
function nthMatch(text, re, nth) {
    const all = [...text.matchAll(new RegExp(re.source, 'g'))];
    return all.length ? all[nth % all.length] : null;
}
function applyEdexmlEdit(text, e) {
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
            if (e.where === 'prolog')
                return text.replace(/(<\?xml[^>]*\?>)/, `$1${e.text}`);
            if (e.where === 'after-comment')
                return text.replace('<EDEX ', `${e.text}<EDEX `);
            return text.replace('<school>', `<school>${e.text}`);
        }
        case 'nest': {
            const m = nthMatch(text, /<\/roepnaam>/, e.nth);
            return m ? text.slice(0, m.index + m[0].length) + e.text + text.slice(m.index + m[0].length) : text;
        }
    }
}
const encoding = weighted([10, fast_check_1.default.constant({ bytes: 'utf-8', bom: false, declared: 'UTF-8' })], [2, fast_check_1.default.constant({ bytes: 'utf-8', bom: true, declared: 'UTF-8' })], [
    1,
    fast_check_1.default.constantFrom({ bytes: 'utf-8', bom: false, declared: undefined }, { bytes: 'utf-8', bom: false, declared: null }, { bytes: 'utf-8', bom: false, declared: 'utf8' }),
], [
    2,
    fast_check_1.default.constantFrom({ bytes: 'utf-16le', bom: true, declared: 'UTF-16' }, { bytes: 'utf-16be', bom: true, declared: 'UTF-16' }),
], [
    1,
    fast_check_1.default.constantFrom({ bytes: 'utf-16le', bom: false, declared: 'UTF-16' }, { bytes: 'utf-16be', bom: false, declared: 'UTF-16BE' }, { bytes: 'utf-16le', bom: true, declared: 'UTF-8' }, { bytes: 'utf-16le', bom: true, declared: undefined }),
], [
    2,
    fast_check_1.default.constantFrom({ bytes: 'latin1', bom: false, declared: 'ISO-8859-1' }, { bytes: 'latin1', bom: false, declared: 'windows-1252' }, { bytes: 'latin1', bom: false, declared: 'iso-8859-15' }),
], [
    1,
    fast_check_1.default.constantFrom({ bytes: 'latin1', bom: false, declared: 'UTF-8' }, { bytes: 'utf-8', bom: false, declared: 'ISO-8859-1' }, { bytes: 'utf-8', bom: true, declared: 'ISO-8859-1' }),
], [
    1,
    fast_check_1.default.constantFrom({ bytes: 'utf-32le', bom: true, declared: 'UTF-32' }, { bytes: 'utf-32be', bom: false, declared: 'UTF-32' }),
], [
    1,
    fast_check_1.default.constantFrom({ bytes: 'utf-8', bom: false, declared: 'UTF-7' }, { bytes: 'utf-8', bom: false, declared: 'EBCDIC-CP-US' }, { bytes: 'utf-8', bom: false, declared: 'x' }, { bytes: 'utf-8', bom: false, declared: 'Shift_JIS' }, { bytes: 'utf-8', bom: false, declared: '' }),
]);
function withDeclaration(text, declared) {
    const body = text.replace(/^<\?xml[^>]*\?>/, '');
    if (declared === undefined)
        return body.replace(/^\s+/, '');
    return `<?xml version="1.0"${declared === null ? '' : ` encoding="${declared}"`}?>${body}`;
}
function encodeText(text, e) {
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
            const cps = [...(e.bom ? '\uFEFF' : ''), ...t].map((c) => c.codePointAt(0));
            const out = Buffer.alloc(cps.length * 4);
            cps.forEach((cp, i) => {
                if (e.bytes === 'utf-32le')
                    out.writeUInt32LE(cp, i * 4);
                else
                    out.writeUInt32BE(cp, i * 4);
            });
            return out;
        }
    }
}
exports.edexmlCases = weighted([
    19,
    fast_check_1.default
        .record({
        edits: fast_check_1.default.array(edexmlEdit, { maxLength: 4 }),
        text: weighted([4, fast_check_1.default.constant([])], [1, mutations_1.textMutations]),
        encoding,
        bytes: mutations_1.byteMutations,
    })
        .map((o) => (0, mutations_1.mutateBytes)(encodeText((0, mutations_1.mutateText)(o.edits.reduce(applyEdexmlEdit, exports.EDEXML_EXAMPLE), o.text), o.encoding), o.bytes)),
], [
    1,
    fast_check_1.default.oneof(fast_check_1.default.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)), fast_check_1.default.string({ unit: 'binary', maxLength: 500 }).map((s) => Buffer.from(`<EDEX>${s}`))),
]);
const hex = fast_check_1.default.string({ unit: fast_check_1.default.constantFrom(...'0123456789ABCDEF'), minLength: 1, maxLength: 8 });
const oddCell = weighted([
    4,
    fast_check_1.default.constantFrom('', ' ', '"', '""', ';', ',', '\n', '\r\n', 'a"b', '"quoted"', '\u0000', '\uFEFF', 'A'.repeat(4000), '=1+1', '\u{1F600}'),
], [1, fast_check_1.default.string({ unit: 'binary', maxLength: 20 })]);
const CELLS = {
    soort: weighted([12, fast_check_1.default.constantFrom('leerling', 'leerkracht')], [1, fast_check_1.default.constantFrom('Leerling', 'LEERKRACHT', 'ouder', '')]),
    key: weighted([12, hex], [1, oddCell]),
    achternaam: weighted([8, name], [1, oddCell]),
    roepnaam: weighted([8, name], [1, oddCell]),
    voorvoegsel: fast_check_1.default.constantFrom('', 'van', 'de', 'van der', "'t"),
    eckid: weighted([6, hex.map((h) => `https://ketenid.nl/201703/${h}`)], [2, fast_check_1.default.constant('')], [1, oddCell]),
    geboortedatum: weighted([8, fast_check_1.default.constantFrom('2015-04-01', '2016-12-31', '')], [1, fast_check_1.default.constantFrom('2015-02-30', '0000-00-00', '9999-12-31', '2015-1-1', '01-04-2015', '+275760-09-13', '2015-04-01T00:00')], [1, oddCell]),
    geslacht: weighted([8, fast_check_1.default.constantFrom('M', 'V', 'X', '1', '2', '0', '9', '', 'm')], [1, fast_check_1.default.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty', 'Q')]),
    email: weighted([4, fast_check_1.default.constantFrom('', 'j.jansen@school.example.nl')], [1, fast_check_1.default.constantFrom('x', 'a@b', '@', 'a b@c.nl')], [1, oddCell]),
    groep_key: weighted([8, fast_check_1.default.constantFrom('G6', 'G7', 'G8')], [2, fast_check_1.default.constant('')], [1, oddCell]),
    groep_naam: weighted([8, fast_check_1.default.constantFrom('Groep 6', 'Groep 7', '')], [1, name]),
    jaargroep: weighted([8, fast_check_1.default.constantFrom('6', '7', '8', '0', '')], [1, fast_check_1.default.constantFrom('9', '-1', 'x', '6.0', '06')]),
    samengestelde_groepen: weighted([6, fast_check_1.default.constantFrom('', 'sg1:Rekenen', 'sg1:Rekenen|sg2:Taal', 'sg1')], [1, fast_check_1.default.constantFrom(':x', '|', 'a:b:c', '||a:', ' | ')], [1, oddCell]),
};
const REQUIRED = ['soort', 'key', 'achternaam', 'roepnaam'];
const OPTIONAL = read_csv_1.CSV_COLUMNS.filter((c) => !REQUIRED.includes(c));
const EXTRA_COLUMNS = ['bsn', 'opmerking', '__proto__', 'constructor', 'Soort', 'key', ''];
const header = fast_check_1.default
    .tuple(weighted([12, fast_check_1.default.constant(REQUIRED)], [1, fast_check_1.default.subarray(REQUIRED)]), fast_check_1.default.subarray(OPTIONAL), weighted([8, fast_check_1.default.constant([])], [1, fast_check_1.default.subarray(EXTRA_COLUMNS, { maxLength: 2 })]), fast_check_1.default.boolean())
    .map(([req, opt, extra, shuffle]) => {
    const cols = [...req, ...opt, ...extra];
    return shuffle ? cols.reverse() : cols;
});
function csvCell(value, delimiter, quoteAlways, sloppy) {
    if (sloppy)
        return value;
    if (quoteAlways || value.includes(delimiter) || /["\r\n]/.test(value))
        return `"${value.replace(/"/g, '""')}"`;
    return value;
}
const csvText = fast_check_1.default
    .record({
    header,
    rows: fast_check_1.default.array(fast_check_1.default.record(CELLS), { maxLength: 25 }),
    delimiter: weighted([6, fast_check_1.default.constantFrom(';', ',')], [1, fast_check_1.default.constantFrom('\t', '|')]),
    eol: fast_check_1.default.constantFrom('\n', '\r\n'),
    quoteAlways: fast_check_1.default.boolean(),
    sloppy: weighted([12, fast_check_1.default.constant(false)], [1, fast_check_1.default.constant(true)]),
    bom: weighted([6, fast_check_1.default.constant(false)], [1, fast_check_1.default.constant(true)]),
    blankLines: fast_check_1.default.boolean(),
})
    .map((o) => {
    const line = (cells) => cells.map((c) => csvCell(c, o.delimiter, o.quoteAlways, o.sloppy)).join(o.delimiter);
    const rows = o.rows.map((r) => line(o.header.map((h) => (Object.hasOwn(r, h) ? r[h] : 'dropped'))));
    return (o.bom ? '\uFEFF' : '') + [line(o.header), ...rows].join(o.blankLines ? `${o.eol}${o.eol}` : o.eol) + o.eol;
});
exports.csvCases = fast_check_1.default.record({
    bytes: weighted([
        18,
        fast_check_1.default
            .tuple(csvText, weighted([12, fast_check_1.default.constant('utf8')], [1, fast_check_1.default.constant('latin1')]), mutations_1.byteMutations)
            .map(([t, enc, ms]) => (0, mutations_1.mutateBytes)(Buffer.from(t, enc), ms)),
    ], [1, fast_check_1.default.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a))], [1, fast_check_1.default.string({ maxLength: 500 }).map((s) => Buffer.from(s))]),
    brin: weighted([20, fast_check_1.default.constant('12AB')], [1, fast_check_1.default.constantFrom('12AB01', '12ab', 'x', '', '__proto__')]),
});
//# sourceMappingURL=import-arbitraries.js.map
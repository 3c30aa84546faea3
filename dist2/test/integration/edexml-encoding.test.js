"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const chai_1 = require("chai");
const errors_1 = require("../../src/domain/errors");
const read_edexml_1 = require("../../src/import/edexml/read-edexml");
const assert_1 = require("../support/assert");
/**
 * EDEXML in other encodings: decoded once by byte-order mark or declaration, checked on the decoded
 * text, and handed to xmllint and the SAX mapping as the same UTF-8. Before, the DOCTYPE check read
 * the raw bytes as Latin-1 (blind to UTF-16), xmllint decoded by the declaration, and the mapping
 * decoded everything as UTF-8 (ISO-8859-1 names came out as U+FFFD).
 */
const EXAMPLE = node_fs_1.default.readFileSync(node_path_1.default.resolve(__dirname, '../../../test/fixtures/edexml/EDEXML.Voorbeeld.2.1.xml'), 'utf8');
const declared = (encoding, text = EXAMPLE) => text.replace('<?xml version="1.0" encoding="UTF-8"?>', encoding === null ? '' : `<?xml version="1.0" encoding="${encoding}"?>`);
const utf16le = (text, bom = true) => Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, 'utf16le')]);
const utf16be = (text, bom = true) => Buffer.concat([Buffer.from(bom ? [0xfe, 0xff] : []), Buffer.from(text, 'utf16le').swap16()]);
const withName = (text, name) => text.replace('<roepnaam>Wimpie</roepnaam>', `<roepnaam>${name}</roepnaam>`);
const firstName = async (bytes) => (await (0, read_edexml_1.readEdexmlContents)(bytes, 'export.xml')).people.find((p) => p.lasKey === '00001').firstName;
async function refusedWith(bytes, reason) {
    const e = await (0, assert_1.rejects)((0, read_edexml_1.readEdexmlContents)(bytes, 'export.xml'));
    (0, chai_1.expect)(e).to.be.instanceOf(errors_1.ValidationError);
    (0, chai_1.expect)(e.message).to.match(reason);
}
describe('EDEXML encodings', () => {
    it('reads UTF-16 (LE and BE, with or without byte-order mark) like UTF-8', async () => {
        const text = withName(declared('UTF-16'), 'Zoë 😀');
        const expected = await (0, read_edexml_1.readEdexmlContents)(Buffer.from(withName(EXAMPLE, 'Zoë 😀')), 'export.xml');
        for (const bytes of [utf16le(text), utf16be(text), utf16le(text, false), utf16be(text, false)]) {
            (0, chai_1.expect)(await (0, read_edexml_1.readEdexmlContents)(bytes, 'export.xml')).to.deep.equal(expected);
        }
    });
    it('reads ISO-8859-1 and windows-1252 names correctly (they came out as U+FFFD)', async () => {
        (0, chai_1.expect)(await firstName(Buffer.from(withName(declared('ISO-8859-1'), 'Wîmpie'), 'latin1'))).to.equal('Wîmpie');
        // 0x80 is € in windows-1252, which is what files labelled ISO-8859-1 hold in practice.
        const euro = Buffer.from(withName(declared('windows-1252'), 'Wimpie X'), 'latin1');
        euro[euro.indexOf('Wimpie X') + 7] = 0x80;
        (0, chai_1.expect)(await firstName(euro)).to.equal('Wimpie €');
    });
    it('refuses a DOCTYPE in UTF-16, even when raw bytes spell "<EDEX " to pass the root check (xmllint used to process it)', async () => {
        // U+453C U+4544 U+2058 are, in UTF-16LE, the bytes of "<EDEX ": the old root check (raw bytes as
        // UTF-8) passed, the old DOCTYPE check (raw bytes as Latin-1) saw only "<\0!\0D\0…", and xmllint
        // validated the document with its internal DTD subset before the mapping failed on the bytes.
        const smuggled = declared('UTF-16').replace('<EDEX ', '<!--\u453C\u4544\u2058--><!DOCTYPE EDEX [<!ENTITY x "yy">]><EDEX ');
        await refusedWith(utf16le(smuggled), /^EDEXML: DOCTYPE and entity declarations are not allowed$/);
        await refusedWith(utf16be(smuggled, false), /DOCTYPE/);
    });
    it('refuses UTF-32, EBCDIC and unknown encodings by name', async () => {
        const cps = [...`\uFEFF${declared('UTF-32')}`].map((c) => c.codePointAt(0));
        const utf32 = Buffer.alloc(cps.length * 4);
        for (const [i, cp] of cps.entries())
            utf32.writeUInt32LE(cp, i * 4);
        await refusedWith(utf32, /UTF-32 files are not supported; save the file as UTF-8, UTF-16 or ISO-8859-1/);
        await refusedWith(Buffer.from([0x4c, 0x6f, 0xa7, 0x94, 0x93]), /EBCDIC files are not supported/);
        await refusedWith(Buffer.from(declared('UTF-7')), /encoding "utf-7" is not supported/);
        await refusedWith(Buffer.from(declared('Shift_JIS')), /encoding "shift_jis" is not supported/);
    });
    it('refuses a declaration that contradicts the bytes', async () => {
        await refusedWith(utf16le(declared('UTF-8')), /the file is UTF-16 but its declaration says encoding="utf-8"/);
        await refusedWith(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(declared('ISO-8859-1'))]), /UTF-8 \(byte-order mark\) but its declaration says encoding="iso-8859-1"/);
        await refusedWith(Buffer.from(declared('UTF-16')), /declaration says encoding="utf-16" but the file is not UTF-16 text/);
    });
    it('refuses bytes that are not valid in the declared encoding, and a malformed declaration', async () => {
        await refusedWith(Buffer.from(withName(EXAMPLE, 'Wîmpie'), 'latin1'), /the file is not valid UTF-8 text/);
        await refusedWith(utf16le(declared('UTF-16')).subarray(0, 1001), /the file is not valid UTF-16LE text/);
        await refusedWith(Buffer.from(declared(null).replace(/^/, '<?xml encoding="UTF-8"?>')), /the XML declaration at the start of the file is malformed/);
    });
    it('reads UTF-8 with a byte-order mark, and without a declaration', async () => {
        (0, chai_1.expect)(await firstName(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(EXAMPLE)]))).to.equal('Wimpie');
        (0, chai_1.expect)(await firstName(Buffer.from(declared(null).trimStart()))).to.equal('Wimpie');
    });
});
describe('EDEXML: what the schema check got from the caller', () => {
    it('accepts any upload name, e.g. "groep 8 - export.xml" (xmllint-wasm threw on " -", taking it for an option)', async () => {
        for (const name of ['groep 8 - export.xml', '-export.xml', '..', 'EDEXML.structuur.xsd']) {
            (0, chai_1.expect)((await (0, read_edexml_1.readEdexmlContents)(Buffer.from(EXAMPLE), name)).people, name).to.have.length(6);
        }
    });
    it('checks a 9 MB export (20,000 pupils) — xmllint-wasm ran out of its default 32 MiB and threw (exit code 9)', async function () {
        this.timeout(120_000);
        const pupil = /<leerling key="00002">[\s\S]*?<\/leerling>/.exec(EXAMPLE)[0];
        const many = Array.from({ length: 20_000 }, (_, i) => pupil.replace('00002', `K${i}`)).join('');
        const bytes = Buffer.from(EXAMPLE.replace('<leerlingen>', `<leerlingen>${many}`));
        (0, chai_1.expect)(bytes.length).to.be.above(8 * 1024 * 1024);
        (0, chai_1.expect)((await (0, read_edexml_1.readEdexmlContents)(bytes, 'big.xml')).people).to.have.length(20_006);
    });
});
//# sourceMappingURL=edexml-encoding.test.js.map
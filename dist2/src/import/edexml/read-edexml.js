"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_EDEXML_BYTES = void 0;
exports.readEdexml = readEdexml;
exports.readEdexmlWhileChecking = readEdexmlWhileChecking;
exports.readEdexmlFilesAhead = readEdexmlFilesAhead;
exports.readEdexmlContents = readEdexmlContents;
exports.prepareEdexml = prepareEdexml;
exports.validateEdexmlSchema = validateEdexmlSchema;
exports.mapEdexml = mapEdexml;
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const node_string_decoder_1 = require("node:string_decoder");
const saxes_1 = require("saxes");
const errors_1 = require("../../domain/errors");
const xml_encoding_1 = require("../xml-encoding");
const xmllint_1 = require("./xmllint");
/**
 * EDEXML 2.0 / 2.1 → canonical roster.
 *
 * 1. Refuse an empty or oversized file; decode it once by its byte-order mark or declaration
 *    (UTF-8, UTF-16, ISO-8859-1/windows-1252; others refused); refuse any DOCTYPE or entity
 *    declaration in the decoded text. From here on, every step reads the same UTF-8 bytes.
 * 2. Validate against the standard's own schema (xmllint compiled to wasm: structure, keys, keyrefs,
 *    unique ECK iDs) — with one relaxation: `schooljaar` accepts any YYYY-YYYY, because the standard's
 *    enumeration ends at 2024-2025.
 * 3. Stream through the file (saxes) keeping only the fields of the privacy annex plus LAS keys and
 *    ECK iD. BSN, onderwijsnummer, photo URL, postal code, comments, ethnicity, country… are never
 *    copied out of the parser's events.
 */
const XSD_DIR = node_path_1.default.resolve(__dirname, '../../../../src/import/edexml/xsd');
const XSD_FILES = ['EDEXML.structuur.xsd', 'EDEXML.elementen.xsd', 'EDEXML.types.vast.xsd', 'EDEXML.types.variabel.xsd'];
exports.MAX_EDEXML_BYTES = 64 * 1024 * 1024;
let schemaFiles = null;
function schema() {
    schemaFiles ??= XSD_FILES.map((fileName) => {
        let contents = node_fs_1.default.readFileSync(node_path_1.default.join(XSD_DIR, fileName), 'utf8');
        if (fileName === 'EDEXML.types.variabel.xsd') {
            contents = contents.replace(/(<xs:simpleType name="EDEXSchooljaarType">\s*<xs:restriction base="xs:string">)[\s\S]*?(<\/xs:restriction>)/, '$1<xs:pattern value="(19|20)[0-9]{2}-(19|20)[0-9]{2}"/>$2');
        }
        return { fileName, contents };
    });
    return schemaFiles;
}
const GENDER = { '1': 'M', '2': 'V', '0': null, '9': null };
function yearGroup(code) {
    return code && /^[0-8]$/.test(code) ? Number(code) : null;
}
/** Reads only these child elements of a leerling / leerkracht; every other element's text is dropped. */
const PERSON_FIELDS = new Set([
    'achternaam',
    'voorvoegsel',
    'voornamen',
    'voorletters-1',
    'roepnaam',
    'geboortedatum',
    'geslacht',
    'jaargroep',
    'emailadres',
    'naam',
]);
/** Reads, checks and maps an EDEXML file; resolves only once the schema check has passed. */
async function readEdexml(file) {
    const { roster, verdict } = await readEdexmlWhileChecking(file);
    await verdict;
    return roster;
}
/**
 * The same, without waiting for the schema: the check runs in the xmllint worker thread while this
 * thread maps the file, and the import diffs and writes it meanwhile — committing only after the
 * verdict (RosterImportService awaits it). A mapping error is reported only if the schema had none.
 */
async function readEdexmlWhileChecking(file) {
    return startEdexml(readEdexmlFile(file), node_path_1.default.basename(file));
}
/**
 * Several files in order (bulk onboarding), one ahead: while the caller writes file i, file i + 1 is
 * read, mapped and schema-checked. A file that cannot be read throws when its turn comes.
 */
async function* readEdexmlFilesAhead(files) {
    const start = (file) => {
        const reading = readEdexmlWhileChecking(file).then((r) => ({ ...r, file }));
        reading.catch(() => undefined); // awaited in its turn
        return reading;
    };
    let next = files.length ? start(files[0]) : null;
    for (let i = 0; next; i++) {
        const current = next;
        next = i + 1 < files.length ? start(files[i + 1]) : null;
        yield await current;
    }
}
function readEdexmlFile(file) {
    let stat;
    try {
        stat = node_fs_1.default.statSync(file);
    }
    catch {
        throw new errors_1.ValidationError(`cannot read ${file}`);
    }
    if (!stat.isFile())
        throw new errors_1.ValidationError(`${file} is not a file`);
    if (stat.size === 0)
        throw new errors_1.ValidationError(`${file} is empty`);
    if (stat.size > exports.MAX_EDEXML_BYTES)
        throw new errors_1.ValidationError(`${file} is larger than ${exports.MAX_EDEXML_BYTES / 1024 / 1024} MiB`);
    return node_fs_1.default.readFileSync(file);
}
/** The same checks for contents already in memory (an upload in the management screen). */
async function readEdexmlContents(contents, fileName) {
    const { roster, verdict } = await startEdexml(contents, fileName);
    await verdict;
    return roster;
}
async function startEdexml(contents, fileName) {
    const utf8 = prepareEdexml(contents, fileName);
    const verdict = validateEdexmlSchema(utf8);
    verdict.catch(() => undefined); // awaited by the caller; never an unhandled rejection meanwhile
    let roster;
    try {
        roster = mapEdexml(utf8);
    }
    catch (e) {
        await verdict;
        throw e;
    }
    return { roster, verdict };
}
/**
 * Step 1: size, encoding, DOCTYPE and root checks. Returns the UTF-8 bytes (declaration rewritten to
 * say so) that the schema check and the mapping read — the very text the checks here looked at.
 */
function prepareEdexml(contents, fileName) {
    if (contents.length === 0)
        throw new errors_1.ValidationError(`${fileName} is empty`);
    if (contents.length > exports.MAX_EDEXML_BYTES)
        throw new errors_1.ValidationError(`${fileName} is larger than ${exports.MAX_EDEXML_BYTES / 1024 / 1024} MiB`);
    const decoded = (0, xml_encoding_1.decodeXmlFile)(contents, 'EDEXML');
    if (/<!DOCTYPE|<!ENTITY/i.test(decoded.text))
        throw new errors_1.ValidationError('EDEXML: DOCTYPE and entity declarations are not allowed');
    if (!/<EDEX[\s>]/.test(decoded.text.slice(0, 4096)))
        throw new errors_1.ValidationError('not an EDEXML file: the root element must be <EDEX>');
    return (0, xml_encoding_1.toUtf8Xml)(decoded, contents);
}
/** xmllint-wasm's memory cap (64 KiB pages): its default 32 MiB fails on files above ~6 MB. */
const memoryPagesFor = (bytes) => Math.min(65536, Math.max(512, Math.ceil((bytes * 10 + 64 * 1024 * 1024) / 65536)));
/** Step 2: the standard's schema. The input's own file name never reaches xmllint (it would be read as an option). */
async function validateEdexmlSchema(utf8) {
    const [main, ...preload] = schema();
    const { exitCode, stderr } = await (0, xmllint_1.runXmllint)([{ fileName: 'edexml.xml', contents: utf8 }, main, ...preload], ['--schema', main.fileName, '--noout', 'edexml.xml'], memoryPagesFor(utf8.length));
    if (exitCode === 0)
        return;
    if (exitCode === 3 || exitCode === 4) {
        const errors = (0, xmllint_1.xmllintErrors)(stderr);
        const first = errors.slice(0, 5).map((e) => (e.line !== null ? `line ${e.line}: ` : '') + e.message.replace(/\s+/g, ' ').trim());
        throw new errors_1.ValidationError(`EDEXML does not follow the standard (${errors.length} problem(s)): ${first.join(' | ')}`);
    }
    // xmllint ended without a verdict: still a refusal of this file.
    const firstLine = stderr.split('\n').find((l) => l.trim()) ?? '';
    throw new errors_1.ValidationError(exitCode === 9
        ? 'EDEXML: the file is too large to check against the standard in memory'
        : `EDEXML could not be checked against the standard (xmllint exit code ${exitCode}): ${firstLine.slice(0, 200)}`);
}
/** Step 3: streaming mapping of a schema-valid EDEXML document, given as UTF-8 (see prepareEdexml). */
function mapEdexml(contents) {
    const parser = new saxes_1.SaxesParser({ xmlns: false, position: true });
    const stack = [];
    let text = '';
    let brin = '';
    let dependanceCode = '00';
    let schoolYear = null;
    const groups = [];
    const people = [];
    let group = null;
    let person = null;
    parser.on('opentag', (tag) => {
        const name = tag.name;
        const parent = stack[stack.length - 1];
        const attr = (n) => (typeof tag.attributes[n] === 'string' ? tag.attributes[n] : null);
        if (parent === 'groepen' && stack[stack.length - 2] === 'EDEX' && (name === 'groep' || name === 'samengestelde_groep')) {
            group = { lasKey: attr('key'), kind: name === 'groep' ? 'stamgroep' : 'samengestelde_groep', fields: {} };
        }
        else if ((name === 'leerling' && parent === 'leerlingen') || (name === 'leerkracht' && parent === 'leerkrachten')) {
            person = {
                role: name === 'leerling' ? 'pupil' : 'teacher',
                lasKey: attr('key'),
                eckId: attr('eckid'),
                fields: {},
                groupKeys: [],
                mainGroup: null,
            };
        }
        else if (person && (name === 'groep' || name === 'samengestelde_groep') && attr('key')) {
            if (person.role === 'pupil' && name === 'groep' && parent === 'leerling')
                person.mainGroup = attr('key');
            else
                person.groupKeys.push(attr('key'));
        }
        stack.push(name);
        text = '';
    });
    parser.on('text', (t) => {
        text += t;
    });
    parser.on('closetag', (tag) => {
        stack.pop();
        const parent = stack[stack.length - 1];
        const value = text.trim();
        if (parent === 'school') {
            if (tag.name === 'brincode')
                brin = value;
            else if (tag.name === 'dependancecode')
                dependanceCode = value;
            else if (tag.name === 'schooljaar')
                schoolYear = value;
        }
        else if (group && (parent === 'groep' || parent === 'samengestelde_groep') && (tag.name === 'naam' || tag.name === 'jaargroep')) {
            group.fields[tag.name] = value;
        }
        else if (person && (parent === 'leerling' || parent === 'leerkracht') && PERSON_FIELDS.has(tag.name)) {
            person.fields[tag.name] = value;
        }
        if (group && (tag.name === 'groep' || tag.name === 'samengestelde_groep') && parent === 'groepen') {
            groups.push({
                lasKey: group.lasKey,
                name: group.fields.naam ?? group.lasKey,
                yearGroup: yearGroup(group.fields.jaargroep),
                kind: group.kind,
            });
            group = null;
        }
        if (person && (tag.name === 'leerling' || tag.name === 'leerkracht')) {
            const f = person.fields;
            const firstName = f.roepnaam || f.voornamen?.split(/\s+/)[0] || f['voorletters-1'] || '';
            people.push({
                role: person.role,
                lasKey: person.lasKey,
                eckId: person.eckId,
                firstName,
                infix: f.voorvoegsel || null,
                lastName: f.achternaam ?? '',
                birthDate: person.role === 'pupil' ? f.geboortedatum || null : null,
                gender: person.role === 'pupil' && f.geslacht ? (GENDER[f.geslacht] ?? null) : null,
                staffEmail: person.role === 'teacher' ? f.emailadres || null : null,
                groupKeys: [...(person.mainGroup ? [person.mainGroup] : []), ...person.groupKeys],
            });
            person = null;
        }
        text = '';
    });
    try {
        // Fed in chunks: the mapping never holds a second full-size copy of the file as a string.
        const decoder = new node_string_decoder_1.StringDecoder('utf8');
        for (let i = 0; i < contents.length; i += 64 * 1024)
            parser.write(decoder.write(contents.subarray(i, i + 64 * 1024)));
        parser.write(decoder.end());
        parser.close();
    }
    catch (e) {
        throw new errors_1.ValidationError(`EDEXML is not well-formed XML: ${e.message}`);
    }
    return { brin, dependanceCode, schoolYear, groups, people };
}
//# sourceMappingURL=read-edexml.js.map
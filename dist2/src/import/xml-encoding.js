"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.decodeXmlFile = decodeXmlFile;
exports.toUtf8Xml = toUtf8Xml;
const errors_1 = require("../domain/errors");
const LABELS = {
    'utf-8': 'utf-8',
    utf8: 'utf-8',
    'us-ascii': 'utf-8',
    ascii: 'utf-8',
    'iso-8859-1': 'windows-1252',
    'iso8859-1': 'windows-1252',
    iso_8859_1: 'windows-1252',
    'iso_8859-1': 'windows-1252',
    latin1: 'windows-1252',
    'latin-1': 'windows-1252',
    l1: 'windows-1252',
    'windows-1252': 'windows-1252',
    cp1252: 'windows-1252',
    'iso-8859-15': 'iso-8859-15',
    iso8859_15: 'iso-8859-15',
    'latin-9': 'iso-8859-15',
};
const UTF16_LABELS = new Set(['utf-16', 'utf16', 'utf-16le', 'utf-16be', 'ucs-2', 'iso-10646-ucs-2']);
const SUPPORTED = 'UTF-8, UTF-16 or ISO-8859-1';
/** A first-bytes signature: an encoding, or why the file is refused. */
function sniff(b) {
    const at = (i) => (i < b.length ? b[i] : -1);
    const starts = (...bytes) => bytes.every((v, i) => at(i) === v);
    if (starts(0xef, 0xbb, 0xbf))
        return { decoder: 'utf-8', bom: 3 };
    if (starts(0xff, 0xfe, 0x00, 0x00) || starts(0x00, 0x00, 0xfe, 0xff) || starts(0x3c, 0x00, 0x00, 0x00) || starts(0x00, 0x00, 0x00, 0x3c))
        return { refuse: 'UTF-32' };
    if (starts(0xff, 0xfe))
        return { decoder: 'utf-16le', bom: 2 };
    if (starts(0xfe, 0xff))
        return { decoder: 'utf-16be', bom: 2 };
    if (starts(0x3c, 0x00, 0x3f, 0x00))
        return { decoder: 'utf-16le', bom: 0 };
    if (starts(0x00, 0x3c, 0x00, 0x3f))
        return { decoder: 'utf-16be', bom: 0 };
    if (starts(0x4c, 0x6f, 0xa7, 0x94))
        return { refuse: 'EBCDIC' };
    return { decoder: null, bom: 0 };
}
/** XML 1.0 §2.8: version, then optional encoding and standalone, in this order. */
const DECLARATION = /^<\?xml\s+version\s*=\s*(["'])(1\.[0-9]+)\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\3)?(?:\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*\?>/;
/** The declared encoding (lower-case): undefined without a declaration, null for one without `encoding`. */
function declaredEncoding(start, what) {
    if (!/^<\?xml[\s?]/.test(start))
        return undefined;
    const m = DECLARATION.exec(start);
    if (!m)
        throw new errors_1.ValidationError(`${what}: the XML declaration at the start of the file is malformed`);
    return m[4] === undefined ? null : m[4].trim().toLowerCase();
}
/**
 * windows-1252's 0x80–0x9F (the five undefined positions keep their C1 code point, as WHATWG does).
 * Node 20's TextDecoder('windows-1252') decodes these bytes as Latin-1 C1 controls, so they are mapped here.
 */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
function decode(bytes, decoder, what) {
    if (decoder === 'windows-1252')
        return bytes.toString('latin1').replace(/[\u0080-\u009F]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]);
    try {
        return new TextDecoder(decoder, { fatal: true }).decode(bytes);
    }
    catch {
        throw new errors_1.ValidationError(`${what}: the file is not valid ${decoder.toUpperCase()} text`);
    }
}
function decodeXmlFile(bytes, what) {
    const sniffed = sniff(bytes);
    if ('refuse' in sniffed)
        throw new errors_1.ValidationError(`${what}: ${sniffed.refuse} files are not supported; save the file as ${SUPPORTED}`);
    if (sniffed.decoder) {
        // The byte-order mark (or UTF-16's first bytes) decides; a declaration must not contradict it.
        const text = decode(bytes, sniffed.decoder, what);
        const declared = declaredEncoding(text, what);
        const utf16 = sniffed.decoder !== 'utf-8';
        if (declared && (utf16 ? !UTF16_LABELS.has(declared) : LABELS[declared] !== 'utf-8')) {
            throw new errors_1.ValidationError(`${what}: the file is ${utf16 ? 'UTF-16' : 'UTF-8 (byte-order mark)'} but its declaration says encoding="${declared}"`);
        }
        return { text, encoding: sniffed.decoder, canonical: false };
    }
    // ASCII-compatible: the declaration is plain ASCII, so reading the first bytes as Latin-1 is safe.
    const declared = declaredEncoding(bytes.subarray(0, 512).toString('latin1'), what);
    if (declared && UTF16_LABELS.has(declared))
        throw new errors_1.ValidationError(`${what}: the declaration says encoding="${declared}" but the file is not UTF-16 text`);
    const decoder = declared ? LABELS[declared] : 'utf-8';
    if (!decoder)
        throw new errors_1.ValidationError(`${what}: encoding "${declared}" is not supported; save the file as ${SUPPORTED}`);
    return {
        text: decode(bytes, decoder, what),
        encoding: decoder,
        canonical: decoder === 'utf-8' && (declared === undefined || declared === null || declared === 'utf-8'),
    };
}
/** The text as UTF-8 bytes that say so: the declaration's encoding (if any) rewritten to UTF-8. */
function toUtf8Xml(decoded, original) {
    if (decoded.canonical)
        return original;
    const m = DECLARATION.exec(decoded.text);
    const text = m ? `<?xml version="${m[2]}" encoding="UTF-8"?>${decoded.text.slice(m[0].length)}` : decoded.text;
    return Buffer.from(text, 'utf8');
}
//# sourceMappingURL=xml-encoding.js.map
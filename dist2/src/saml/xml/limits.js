"use strict";
/**
 * Cheap checks on untrusted XML text, run before any parser sees it.
 *
 * Shape (scanXml): nesting depth, one root element, little markup beside it. DOM walkers are naturally
 * recursive (ours were; xmldom's serialiser and xml-crypto's canonicalisation still are) and
 * xml-crypto copies the namespace context for every element, so a message nested a few thousand
 * levels deep overflows the stack or costs seconds and gigabytes; and xmldom is quadratic in the
 * nodes outside the root. A linear scan of the text (no recursion, nothing built) refuses both first.
 *
 * Characters: XML 1.0 allows neither C0 controls other than tab/CR/LF, nor U+FFFE/U+FFFF, nor lone
 * surrogates — raw or as character references. xmldom accepts all of them, and a NUL that reaches
 * PostgreSQL (an Issuer looked up, a reason audited) makes the query fail.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_TOP_LEVEL_MARKUP = exports.MESSAGE_MAX_DEPTH = void 0;
exports.scanXml = scanXml;
exports.disallowedCharacter = disallowedCharacter;
/** Maximum nesting depth of SAML protocol messages: real ones stay under 10 (Signature/KeyInfo/X509Data…). */
exports.MESSAGE_MAX_DEPTH = 64;
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
/** Comments and processing instructions allowed beside the root element (the XML declaration is one). */
exports.MAX_TOP_LEVEL_MARKUP = 8;
/**
 * One linear pass over the text: nesting depth and what lies outside the root element, without
 * building anything and without recursion. Exact for well-formed XML — comments, CDATA sections,
 * processing instructions and quoted attribute values may contain '>' and are skipped as such — and
 * stops early at the first sign of trouble. Besides the depth, this catches what makes xmldom slow:
 * it checks every node added outside the root against all earlier ones, so 16,000 top-level elements
 * (64 KiB) take it seconds; and a '<' inside a tag makes it rescan.
 */
function scanXml(xml, maxDepth) {
    let depth = 0;
    let max = 0;
    let rootElements = 0;
    let topLevelMarkup = 0;
    let i = 0;
    const n = xml.length;
    const shape = (malformed) => ({ maxDepth: max, rootElements, topLevelMarkup, malformed });
    const tooMuch = () => max > maxDepth || rootElements > 1 || topLevelMarkup > exports.MAX_TOP_LEVEL_MARKUP;
    while (i < n) {
        const lt = xml.indexOf('<', i);
        if (lt === -1)
            break;
        let terminator = null;
        if (xml.startsWith('<!--', lt))
            terminator = '-->';
        else if (xml.startsWith('<![CDATA[', lt))
            terminator = ']]>';
        else if (xml.startsWith('<?', lt))
            terminator = '?>';
        else if (xml.startsWith('<!', lt))
            terminator = '>';
        if (terminator !== null) {
            const end = xml.indexOf(terminator, lt + 2);
            if (end === -1)
                return shape(`unterminated ${xml.slice(lt, lt + 4)}`);
            if (depth === 0 && terminator !== ']]>')
                topLevelMarkup++;
            i = end + terminator.length;
        }
        else {
            // A start or end tag: find its '>' outside quoted attribute values; a '<' on the way is never XML.
            const closing = xml.charCodeAt(lt + 1) === SLASH;
            let j = lt + 1;
            let quote = 0;
            for (; j < n; j++) {
                const c = xml.charCodeAt(j);
                if (c === LT)
                    return shape("'<' inside a tag");
                if (quote !== 0) {
                    if (c === quote)
                        quote = 0;
                }
                else if (c === QUOTE || c === APOSTROPHE)
                    quote = c;
                else if (c === GT)
                    break;
            }
            if (j >= n)
                return shape('unterminated tag');
            if (closing)
                depth--;
            else {
                if (depth === 0)
                    rootElements++;
                const selfClosing = xml.charCodeAt(j - 1) === SLASH;
                max = Math.max(max, depth + 1);
                if (!selfClosing)
                    depth++;
            }
            i = j + 1;
        }
        if (tooMuch())
            break;
    }
    return shape(null);
}
const RAW_NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CHARACTER_REFERENCE = /&#(?:x([0-9A-Fa-f]+)|([0-9]+));/g;
const isXmlChar = (cp) => cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff);
const describe = (cp) => Number.isSafeInteger(cp) && cp <= 0x10ffff ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : 'a code point beyond U+10FFFF';
/** The first character XML 1.0 does not allow (raw or as a character reference), described; or null. */
function disallowedCharacter(xml) {
    const raw = RAW_NOT_XML.exec(xml);
    if (raw)
        return describe(raw[0].charCodeAt(0));
    for (const m of xml.matchAll(CHARACTER_REFERENCE)) {
        const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
        if (!isXmlChar(cp))
            return `${describe(cp)} (as the character reference ${m[0].length > 16 ? `${m[0].slice(0, 16)}…` : m[0]})`;
    }
    return null;
}
//# sourceMappingURL=limits.js.map
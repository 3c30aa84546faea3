"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseUntrustedXml = parseUntrustedXml;
const xmldom_1 = require("@xmldom/xmldom");
const errors_1 = require("../../domain/errors");
const limits_1 = require("./limits");
/**
 * Parses untrusted XML. Refused before the parser sees the text, each for the cost of a scan:
 * a DOCTYPE (and with it every entity trick: external entities, billion laughs), characters XML does
 * not allow (xmldom would accept a NUL), nesting deeper than `limits.maxDepth`, and more than one
 * root element or much markup beside it (see limits.ts) — so no recursive walk over the document,
 * ours or a library's, can run out of stack, and xmldom's quadratic corners stay out of reach.
 */
function parseUntrustedXml(xml, what, limits = { maxDepth: limits_1.MESSAGE_MAX_DEPTH }) {
    if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml))
        throw new errors_1.SamlRequestError(`${what}: DOCTYPE and entity declarations are not allowed`);
    const bad = (0, limits_1.disallowedCharacter)(xml);
    if (bad)
        throw new errors_1.SamlRequestError(`${what}: contains a character XML does not allow: ${bad}`);
    const shape = (0, limits_1.scanXml)(xml, limits.maxDepth);
    if (shape.malformed)
        throw new errors_1.SamlRequestError(`${what}: not well-formed XML`, shape.malformed);
    if (shape.maxDepth > limits.maxDepth)
        throw new errors_1.SamlRequestError(`${what}: elements are nested more than ${limits.maxDepth} levels deep`);
    // (The scan stops at the first excess, so these are checked before concluding there is no root.)
    if (shape.topLevelMarkup > limits_1.MAX_TOP_LEVEL_MARKUP)
        throw new errors_1.SamlRequestError(`${what}: more than ${limits_1.MAX_TOP_LEVEL_MARKUP} comments or processing instructions outside the root element`);
    if (shape.rootElements > 1)
        throw new errors_1.SamlRequestError(`${what}: expected exactly one root element`);
    if (shape.rootElements === 0)
        throw new errors_1.SamlRequestError(`${what}: not well-formed XML`, 'no root element');
    const problems = [];
    const parser = new xmldom_1.DOMParser({
        locator: {},
        errorHandler: {
            warning: (m) => problems.push(m),
            error: (m) => problems.push(m),
            fatalError: (m) => problems.push(m),
        },
    });
    let doc;
    try {
        doc = parser.parseFromString(xml, 'text/xml');
    }
    catch (e) {
        throw new errors_1.SamlRequestError(`${what}: not well-formed XML`, e.message);
    }
    if (problems.length > 0 || !doc?.documentElement)
        throw new errors_1.SamlRequestError(`${what}: not well-formed XML`, problems.join('; '));
    const topLevelElements = Array.from(doc.childNodes).filter((n) => n.nodeType === 1);
    if (topLevelElements.length !== 1)
        throw new errors_1.SamlRequestError(`${what}: expected exactly one root element`);
    return doc;
}
//# sourceMappingURL=parse.js.map
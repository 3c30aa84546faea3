"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.escapeXml = escapeXml;
const XML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/**
 * Escapes text for XML content and double-quoted attributes. Characters XML 1.0 cannot carry at all
 * (most C0 controls, lone surrogates) are removed rather than escaped, so output always parses.
 */
function escapeXml(value) {
    return value
        .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
        .replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
}
//# sourceMappingURL=escape.js.map
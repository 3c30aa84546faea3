"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.mutateBytes = exports.byteMutations = exports.byteMutation = exports.mutateText = exports.textMutations = exports.textMutation = exports.SWAPS = exports.hostileSnippet = exports.deepNesting = exports.nesting = exports.HOSTILE_SNIPPETS = void 0;
exports.applyTextMutation = applyTextMutation;
exports.applyByteMutation = applyByteMutation;
const fast_check_1 = __importDefault(require("fast-check"));
/**
 * Generic mutations for text and bytes. The fuzz arbitraries build mostly well-formed, near-valid
 * messages and then apply a few of these, so that cases get past the first checks and reach the deep
 * ones; a mutation is plain data (what, where, which snippet) so a failing case prints readably.
 */
/** Snippets that break XML parsers and the code behind them: markup in text, bad characters, entities. */
exports.HOSTILE_SNIPPETS = [
    '<!---->',
    '<!-- x -->',
    '<?pi x?>',
    '<?xml version="1.0"?>',
    '<![CDATA[x]]>',
    ']]>',
    '&#0;',
    '&#x0;',
    '&#1;',
    '&#xD800;',
    '&#xDFFF;',
    '&#xFFFE;',
    '&#xFFFF;',
    '&#x110000;',
    '&#99999999999999999999;',
    '&#x9;',
    '&amp;',
    '&lt;',
    '&foo;',
    '&',
    '<',
    '>',
    '"',
    "'",
    '=',
    '/>',
    '</',
    '\u0000',
    '\u0001',
    '\uD800',
    '\uDC00',
    '\uFEFF',
    '\uFFFE',
    '\u2028',
    '\u00e9',
    '\u{1F600}',
    '<!DOCTYPE x>',
    '<!doctype x [<!ENTITY a "b">]>',
    '<!ENTITY x "y">',
    ' xmlns="urn:x"',
    ' xmlns:saml="urn:wrong"',
    ' xmlns:samlp="urn:oasis:names:tc:SAML:2.0:assertion"',
    ' xmlns:ds=""',
    ' constructor="x"',
    ' __proto__="x"',
    ' toString="x"',
    ' ID="_dup"',
    ' Id="_dup"',
    ' xml:lang="nl"',
    ' x:y="z"',
    '<saml:Issuer>https://sp.fuzz.example/optional</saml:Issuer>',
    '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>',
    '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo/></ds:Signature>',
    '<x:e xmlns:x="urn:x" ID="_dup"/>',
    '<samlp:Extensions/>',
    '</samlp:AuthnRequest>',
    '<a>',
    '</a>',
];
/** N nested elements, optionally each declaring a namespace (the namespace maps are copied per level). */
const nesting = (depth, withNamespaces) => {
    let open = '';
    let close = '';
    for (let i = 0; i < depth; i++) {
        open += withNamespaces ? `<x:n xmlns:x="urn:x" xmlns:p${i}="urn:p${i}">` : i === 0 ? '<x:n xmlns:x="urn:x">' : '<x:n>';
        close += '</x:n>';
    }
    return open + close;
};
exports.nesting = nesting;
/** Deep nesting of foreign-namespace elements (what Extensions may legally hold). */
exports.deepNesting = fast_check_1.default
    .record({
    depth: fast_check_1.default.oneof(fast_check_1.default.integer({ min: 1, max: 70 }), fast_check_1.default.integer({ min: 60, max: 200 }), fast_check_1.default.integer({ min: 1000, max: 20000 })),
    withNamespaces: fast_check_1.default.boolean(),
})
    .map(({ depth, withNamespaces }) => (0, exports.nesting)(depth, withNamespaces));
const manyAttributes = fast_check_1.default.integer({ min: 10, max: 9000 }).map((n) => Array.from({ length: n }, (_, i) => ` a${i}="${i}"`).join(''));
const manyNamespaces = fast_check_1.default
    .integer({ min: 10, max: 4000 })
    .map((n) => Array.from({ length: n }, (_, i) => ` xmlns:n${i}="urn:n${i}"`).join(''));
const hugeValue = fast_check_1.default.integer({ min: 100, max: 100_000 }).map((n) => 'A'.repeat(n));
exports.hostileSnippet = fast_check_1.default.oneof({ arbitrary: fast_check_1.default.constantFrom(...exports.HOSTILE_SNIPPETS), weight: 16 }, { arbitrary: fast_check_1.default.string({ unit: 'binary', maxLength: 12 }), weight: 6 }, { arbitrary: exports.deepNesting, weight: 1 }, { arbitrary: manyAttributes, weight: 1 }, { arbitrary: manyNamespaces, weight: 1 }, { arbitrary: hugeValue, weight: 1 });
/** A position as a fraction of the length; unbiased (fast-check would otherwise favour 0 and 1, the text's very ends). */
const position = fast_check_1.default.noBias(fast_check_1.default.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }));
/** Replacements that keep the text well-formed but change its meaning (namespaces, names, values). */
exports.SWAPS = [
    ['urn:oasis:names:tc:SAML:2.0:protocol', 'urn:oasis:names:tc:SAML:2.0:assertion'],
    ['urn:oasis:names:tc:SAML:2.0:assertion', 'urn:oasis:names:tc:SAML:2.0:protocol'],
    ['urn:oasis:names:tc:SAML:2.0:metadata', 'urn:x'],
    ['http://www.w3.org/2000/09/xmldsig#', 'urn:x'],
    ['samlp:', 'saml:'],
    ['saml:', 'samlp:'],
    ['md:', 'ds:'],
    ['="', "='"],
    ['"', "'"],
    [' ', '\t'],
    ['Issuer', 'issuer'],
    ['ID=', 'Id='],
    ['2.0', '2.1'],
    ['https://', 'http://'],
    ['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect'],
    ['Z"', '+25:00"'],
    ['T', ' '],
    ['>', '/>'],
    ['/>', '>'],
];
exports.textMutation = fast_check_1.default.oneof({ arbitrary: fast_check_1.default.record({ op: fast_check_1.default.constant('insert'), at: position, text: exports.hostileSnippet }), weight: 6 }, { arbitrary: fast_check_1.default.record({ op: fast_check_1.default.constant('delete'), at: position, length: fast_check_1.default.integer({ min: 1, max: 40 }) }), weight: 2 }, { arbitrary: fast_check_1.default.record({ op: fast_check_1.default.constant('duplicate'), at: position, length: fast_check_1.default.integer({ min: 1, max: 200 }) }), weight: 2 }, { arbitrary: fast_check_1.default.record({ op: fast_check_1.default.constant('truncate'), at: position }), weight: 1 }, { arbitrary: fast_check_1.default.constantFrom(...exports.SWAPS).map(([from, to]) => ({ op: 'replace', from, to })), weight: 3 });
function applyTextMutation(s, m) {
    const at = m.op === 'replace' ? 0 : Math.floor(m.at * s.length);
    switch (m.op) {
        case 'insert':
            return s.slice(0, at) + m.text + s.slice(at);
        case 'delete':
            return s.slice(0, at) + s.slice(at + m.length);
        case 'duplicate':
            return s.slice(0, at + m.length) + s.slice(at, at + m.length) + s.slice(at + m.length);
        case 'truncate':
            return s.slice(0, at);
        case 'replace':
            return s.replace(m.from, m.to);
    }
}
/** Mostly none or one mutation: most cases must stay close enough to valid to reach the later checks. */
exports.textMutations = fast_check_1.default.oneof({ arbitrary: fast_check_1.default.constant([]), weight: 10 }, { arbitrary: fast_check_1.default.array(exports.textMutation, { minLength: 1, maxLength: 1 }), weight: 4 }, { arbitrary: fast_check_1.default.array(exports.textMutation, { minLength: 2, maxLength: 4 }), weight: 1 });
const mutateText = (s, ms) => ms.reduce(applyTextMutation, s);
exports.mutateText = mutateText;
exports.byteMutation = fast_check_1.default.oneof(fast_check_1.default.record({ op: fast_check_1.default.constant('flip'), at: position, value: fast_check_1.default.integer({ min: 0, max: 255 }) }), fast_check_1.default.record({
    op: fast_check_1.default.constant('insert'),
    at: position,
    bytes: fast_check_1.default.oneof(fast_check_1.default.array(fast_check_1.default.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }), fast_check_1.default.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], [0x00], [0xc3], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80])),
}), fast_check_1.default.record({ op: fast_check_1.default.constant('truncate'), at: position }));
function applyByteMutation(b, m) {
    const at = Math.floor(m.at * b.length);
    switch (m.op) {
        case 'flip': {
            if (b.length === 0)
                return b;
            const copy = Buffer.from(b);
            copy[Math.min(at, b.length - 1)] = m.value;
            return copy;
        }
        case 'insert':
            return Buffer.concat([b.subarray(0, at), Buffer.from([...m.bytes]), b.subarray(at)]);
        case 'truncate':
            return b.subarray(0, at);
    }
}
exports.byteMutations = fast_check_1.default.oneof({ arbitrary: fast_check_1.default.constant([]), weight: 6 }, { arbitrary: fast_check_1.default.array(exports.byteMutation, { minLength: 1, maxLength: 3 }), weight: 2 });
const mutateBytes = (b, ms) => ms.reduce(applyByteMutation, b);
exports.mutateBytes = mutateBytes;
//# sourceMappingURL=mutations.js.map
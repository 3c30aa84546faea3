"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const xmldom_1 = require("@xmldom/xmldom");
const chai_1 = require("chai");
const fast_check_1 = __importDefault(require("fast-check"));
const errors_1 = require("../../src/domain/errors");
const limits_1 = require("../../src/saml/xml/limits");
const parse_1 = require("../../src/saml/xml/parse");
const schema_1 = require("../../src/saml/xml/schema");
const dom_1 = require("../../src/saml/xml/dom");
const parse_authn_request_1 = require("../../src/saml/steps/parse-authn-request");
const AUTHN = (extensions) => '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">' +
    `<saml:Issuer>https://sp.example/sp</saml:Issuer><samlp:Extensions>${extensions}</samlp:Extensions></samlp:AuthnRequest>`;
/** Nested foreign elements, `depth` levels, optionally each declaring one more namespace. */
const nested = (depth, namespaces = false) => `<x:n xmlns:x="urn:x">${Array.from({ length: depth - 1 }, (_, i) => (namespaces ? `<x:n xmlns:p${i}="urn:p${i}">` : '<x:n>')).join('')}${'</x:n>'.repeat(depth)}`;
function refused(xml, reason) {
    let error;
    try {
        (0, parse_1.parseUntrustedXml)(xml, 'message');
    }
    catch (e) {
        error = e;
    }
    (0, chai_1.expect)(error, 'refused').to.be.instanceOf(errors_1.SamlRequestError);
    (0, chai_1.expect)(error.publicMessage).to.match(reason);
    return error;
}
const timed = (work) => {
    const t0 = performance.now();
    work();
    return performance.now() - t0;
};
/** The nesting depth of a parsed document, counted without recursion. */
function domDepth(doc) {
    let max = 0;
    const stack = [[doc, 0]];
    while (stack.length) {
        const [node, depth] = stack.pop();
        max = Math.max(max, depth);
        for (const c of Array.from(node.childNodes))
            if (c.nodeType === 1)
                stack.push([c, depth + 1]);
    }
    return max;
}
describe('untrusted XML: limits checked before parsing, walkers without recursion, schema rules', () => {
    describe('nesting depth', () => {
        it(`accepts ${limits_1.MESSAGE_MAX_DEPTH} levels and refuses ${limits_1.MESSAGE_MAX_DEPTH + 1}`, () => {
            (0, chai_1.expect)(() => (0, parse_1.parseUntrustedXml)(`<r>${nested(limits_1.MESSAGE_MAX_DEPTH - 1)}</r>`, 'message')).not.to.throw();
            refused(`<r>${nested(limits_1.MESSAGE_MAX_DEPTH)}</r>`, /nested more than 64 levels deep/);
        });
        it('refuses an AuthnRequest with Extensions nested 20,000 deep at parsing', () => {
            // It used to parse and pass the schema check; the signature step's recursive walk then overflowed the stack.
            (0, chai_1.expect)(() => (0, parse_authn_request_1.parseAuthnRequestXml)(AUTHN(nested(20_000)))).to.throw(errors_1.SamlRequestError, /nested more than 64 levels deep/);
        });
        it('refuses a fuzz case in well under a second: Extensions ~5,000 deep took xmldom 0.4 s', () => {
            // authn-redirect fuzz case (seed 11): plain nesting inside Extensions, 64 KiB after inflating.
            const ms = timed(() => (0, chai_1.expect)(() => (0, parse_authn_request_1.parseAuthnRequestXml)(AUTHN(nested(5_400)))).to.throw(errors_1.SamlRequestError, /nested/));
            (0, chai_1.expect)(ms).to.be.below(100);
        });
        it('refuses 3,000 levels each declaring a namespace (xmldom copies the namespace map per level: 0.1 s per 64 KiB message, 13 s per 512 KiB of metadata)', () => {
            const ms = timed(() => refused(`<r>${nested(3_000, true)}</r>`, /nested more than 64 levels deep/));
            (0, chai_1.expect)(ms).to.be.below(100);
        });
    });
    describe('what lies outside the root element', () => {
        it('refuses 16,000 elements before the root quickly (xmldom: 5 s, quadratic)', () => {
            const ms = timed(() => refused(`${'<a/>'.repeat(16_000)}<r/>`, /exactly one root element/));
            (0, chai_1.expect)(ms).to.be.below(100);
        });
        it('refuses thousands of comments or processing instructions beside the root (xmldom: quadratic)', () => {
            refused(`<r/>${'<!---->'.repeat(9_000)}`, /more than 8 comments or processing instructions/);
            refused(`<?xml version="1.0"?>${'<?pi x?>'.repeat(12_000)}<r/>`, /more than 8 comments or processing instructions/);
        });
        it("refuses a '<' inside a tag at once (xmldom rescans: 0.25 s per 64 KiB)", () => {
            const e = refused(`<r>${'a<'.repeat(30_000)}</r>`, /not well-formed XML/);
            (0, chai_1.expect)(e.detail).to.contain("'<' inside a tag");
        });
        it('still accepts a declaration, comments and processing instructions around one root', () => {
            (0, chai_1.expect)(() => (0, parse_1.parseUntrustedXml)('<?xml version="1.0"?><!-- a --><?pi b?><r/><!-- c -->', 'message')).not.to.throw();
        });
    });
    describe('characters XML does not allow', () => {
        const cases = [
            ['a raw NUL', '<r>a\u0000b</r>', /U\+0000/],
            [
                'a NUL as character reference (fuzz case: LogoutResponse Issuer &#x0; reached PostgreSQL)',
                '<r><i>&#x0;</i></r>',
                /U\+0000 \(as the character reference &#x0;\)/,
            ],
            ['a lone surrogate as character reference', '<r a="&#xD800;"/>', /U\+D800/],
            ['a raw lone surrogate', '<r>\uDC00</r>', /U\+DC00/],
            ['U+FFFF', '<r>&#65535;</r>', /U\+FFFF/],
            ['a reference beyond Unicode', '<r>&#x110000;</r>', /a code point beyond U\+10FFFF/],
            ['a control character', '<r>\u0001</r>', /U\+0001/],
        ];
        for (const [what, xml, reason] of cases)
            it(`refuses ${what}`, () => void refused(xml, new RegExp(`character XML does not allow: ${reason.source}`)));
        it('accepts tab, CR, LF, astral characters and ordinary references', () => {
            (0, chai_1.expect)((0, limits_1.disallowedCharacter)('<r a="&#9;&#10;&#13;&#x1F600;">\t\r\n\u{1F600}&#233;&amp;</r>')).to.equal(null);
        });
    });
    describe('DOM walkers', () => {
        it('walk a document 50,000 levels deep without recursion (built directly, past the parse limits)', () => {
            const depth = 50_000;
            const xml = `<r xmlns:ds="http://www.w3.org/2000/09/xmldsig#">${'<a>'.repeat(depth)}<ds:Signature ID="_x"><!-- c --></ds:Signature>${'</a>'.repeat(depth)}</r>`;
            const doc = new xmldom_1.DOMParser().parseFromString(xml, 'text/xml');
            (0, chai_1.expect)((0, dom_1.descendants)(doc, 'http://www.w3.org/2000/09/xmldsig#', 'Signature')).to.have.length(1);
            (0, chai_1.expect)((0, dom_1.elementsWithId)(doc, '_x')).to.have.length(1);
            (0, chai_1.expect)((0, dom_1.hasCommentOrPi)(doc.documentElement)).to.equal(true);
        });
        it('keep document order', () => {
            const doc = new xmldom_1.DOMParser().parseFromString('<r xmlns="urn:r"><s ID="1"><s ID="2"/></s><s ID="3"/></r>', 'text/xml');
            (0, chai_1.expect)((0, dom_1.descendants)(doc, 'urn:r', 's').map((e) => e.getAttribute('ID'))).to.deep.equal(['1', '2', '3']);
        });
    });
    describe('schema attribute rules', () => {
        for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
            it(`calls an attribute named ${name} unexpected (it used to be looked up on Object.prototype: "not a valid undefined")`, () => {
                const root = (0, parse_1.parseUntrustedXml)(`<r ${name}="x"/>`, 'message').documentElement;
                (0, chai_1.expect)(() => (0, schema_1.checkAttributes)(root, { ID: { type: 'id' } }, 'R')).to.throw(errors_1.SamlRequestError, `R: unexpected attribute ${name}`);
            });
        }
    });
    describe('the shape scan agrees with the parser', () => {
        // Text and attribute values that hide '<' and '>' from a naive scan.
        const text = fast_check_1.default.constantFrom('x', ' ', '&gt;', '>', '<!-- <a> -->', '<![CDATA[<b>]]>', '<?p <c>?>', '&lt;d&gt;', '');
        const attrs = fast_check_1.default.constantFrom('', ' a="1"', ' a=">"', " b='/>'", ' c="x" d=\'y\'', ' e="&lt;"');
        const { tree } = fast_check_1.default.letrec((tie) => ({
            tree: fast_check_1.default.record({
                name: fast_check_1.default.constantFrom('a', 'p:b', 'c'),
                attrs,
                children: fast_check_1.default.array(fast_check_1.default.oneof({ maxDepth: 12 }, text, tie('tree')), { maxLength: 4 }),
            }),
        }));
        const serialize = (t, root = false) => `<${t.name}${root ? ' xmlns:p="urn:p"' : ''}${t.attrs}${t.children.length === 0 ? '/>' : `>${t.children.map((c) => (typeof c === 'string' ? c : serialize(c))).join('')}</${t.name}>`}`;
        it('depth and root count equal the parsed document’s, for generated documents', () => {
            fast_check_1.default.assert(fast_check_1.default.property(tree, fast_check_1.default.constantFrom('', '<?xml version="1.0"?>', '<!-- <x> -->\n'), (t, prolog) => {
                const xml = prolog + serialize(t, true);
                let errors = 0;
                const doc = new xmldom_1.DOMParser({
                    errorHandler: { warning: () => errors++, error: () => errors++, fatalError: () => errors++ },
                }).parseFromString(xml, 'text/xml');
                (0, chai_1.expect)(errors, xml).to.equal(0);
                const shape = (0, limits_1.scanXml)(xml, Number.POSITIVE_INFINITY);
                (0, chai_1.expect)(shape, xml).to.deep.equal({ maxDepth: domDepth(doc), rootElements: 1, topLevelMarkup: prolog ? 1 : 0, malformed: null });
            }), { seed: 20_251_201, numRuns: 2000 });
        });
        it('never throws and stays linear on arbitrary text', () => {
            fast_check_1.default.assert(fast_check_1.default.property(fast_check_1.default.string({ unit: fast_check_1.default.constantFrom('<', '>', '/', '"', "'", '!', '-', '?', '[', ']', 'a', ' ', 'C', 'D'), maxLength: 400 }), (s) => {
                const shape = (0, limits_1.scanXml)(s, 64);
                (0, chai_1.expect)(shape.maxDepth).to.be.at.most(s.length);
            }), { seed: 20_251_202, numRuns: 3000 });
        });
    });
});
//# sourceMappingURL=saml-xml-hardening.test.js.map
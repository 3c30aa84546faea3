"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.metadataCases = metadataCases;
const fast_check_1 = __importDefault(require("fast-check"));
const signature_1 = require("../../src/saml/xml/signature");
const mutations_1 = require("./mutations");
const saml_arbitraries_1 = require("./saml-arbitraries");
const signing_1 = require("./signing");
const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const BINDINGS = [
    'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
    'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
    'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact',
];
const weighted = (...entries) => fast_check_1.default.oneof(...entries.map(([weight, arbitrary]) => ({ weight, arbitrary })));
/** Metadata may be 512 KiB: deep enough for ~45,000 levels. */
const veryDeepNesting = fast_check_1.default
    .integer({ min: 20_000, max: 45_000 })
    .map((n) => `<x:n xmlns:x="urn:x">${'<x:n>'.repeat(n)}${'</x:n>'.repeat(n + 1)}`);
function keyDescriptor(env) {
    const good = (0, signature_1.certificateBody)(env.key.certificatePem);
    const cert = weighted([12, fast_check_1.default.constant(good)], [2, fast_check_1.default.constant(good.replace(/(.{64})/g, '$1\n      '))], [
        1,
        fast_check_1.default.constantFrom((0, signature_1.certificateBody)(env.stranger.certificatePem), (0, signature_1.certificateBody)(env.weakCertificatePem), '', 'AAAA', 'not base64!', good.slice(0, 100), `${good}<!---->`, `${good.slice(0, 50)}<!---->${good.slice(50)}`),
    ], [1, saml_arbitraries_1.weirdValue]);
    const use = weighted([6, fast_check_1.default.constantFrom(' use="signing"', ' use="encryption"', '')], [1, fast_check_1.default.constantFrom(' use="both"', ' use=""', ' use="signing" use="signing"')]);
    // Deep nesting inside KeyInfo: the certificate is searched among all descendants.
    const inKeyInfo = weighted([12, fast_check_1.default.constant('')], [1, fast_check_1.default.oneof(mutations_1.deepNesting, veryDeepNesting)]);
    return fast_check_1.default
        .tuple(use, cert, weighted([12, fast_check_1.default.constant(1)], [1, fast_check_1.default.constantFrom(0, 2)]), inKeyInfo)
        .map(([u, c, n, deep]) => `<md:KeyDescriptor${u}><ds:KeyInfo>${deep}<ds:X509Data>${`<ds:X509Certificate>${c}</ds:X509Certificate>`.repeat(n)}</ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`);
}
const location = weighted([10, fast_check_1.default.constantFrom('https://sp.fuzz.example/acs', 'http://127.0.0.1:9/fuzz/acs', 'http://localhost/acs', 'http://[::1]:8080/acs')], [
    2,
    fast_check_1.default.constantFrom('http://sp.fuzz.example/acs', 'javascript:alert(1)', 'https://user:pw@sp.fuzz.example/acs', '', '/relative', 'https://', 'https://sp.fuzz.example/a b', 'file:///etc/passwd'),
], [1, saml_arbitraries_1.weirdValue]);
const endpoint = (name, indexed) => fast_check_1.default
    .tuple(weighted([10, fast_check_1.default.constantFrom(...BINDINGS)], [1, saml_arbitraries_1.weirdValue]), location, indexed
    ? weighted([8, fast_check_1.default.nat({ max: 5 }).map(String)], [1, fast_check_1.default.constantFrom('', '-1', 'x', '65536', '123456', '1e3')])
    : fast_check_1.default.constant(''), indexed
    ? fast_check_1.default.constantFrom('', ' isDefault="true"', ' isDefault="false"', ' isDefault="x"')
    : fast_check_1.default.constantFrom('', ' ResponseLocation="https://sp.fuzz.example/slo-response"', ' ResponseLocation="http://evil.example/r"'))
    .map(([b, l, i, extra]) => `<md:${name} Binding="${b}" Location="${l}"${indexed && i !== '' ? ` index="${i}"` : ''}${extra}/>`);
const requestedAttribute = weighted([
    8,
    fast_check_1.default
        .constantFrom('urn:oasis:names:tc:SAML:2.0:metadata', 'urn:oid:2.5.4.42', 'urn:oid:2.5.4.4', 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1')
        .map((n) => `<md:RequestedAttribute Name="${n}" FriendlyName="f" isRequired="true"/>`),
], [
    1,
    fast_check_1.default.constantFrom('<md:RequestedAttribute/>', '<md:RequestedAttribute Name=""/>', '<md:RequestedAttribute Name="constructor"/>', '<md:RequestedAttribute Name="__proto__"/>'),
], [1, saml_arbitraries_1.weirdValue.map((n) => `<md:RequestedAttribute Name="${n}"/>`)]);
function descriptor(env) {
    const flags = fast_check_1.default.tuple(weighted([12, fast_check_1.default.constant(PROTOCOL)], [1, fast_check_1.default.constantFrom('', 'urn:oasis:names:tc:SAML:1.1:protocol', `urn:x ${PROTOCOL}`, `${PROTOCOL}\u0000`)]), fast_check_1.default.constantFrom('', ' AuthnRequestsSigned="true"', ' AuthnRequestsSigned="false"', ' AuthnRequestsSigned="x"'), fast_check_1.default.constantFrom('', ' WantAssertionsSigned="true"', ' WantAssertionsSigned="false"'));
    const body = fast_check_1.default.tuple(weighted([10, fast_check_1.default.constant('')], [1, fast_check_1.default.oneof(mutations_1.deepNesting, veryDeepNesting).map((d) => `<md:Extensions>${d}</md:Extensions>`)], [1, mutations_1.hostileSnippet.map((h) => `<md:Extensions><x:e xmlns:x="urn:x">${h}</x:e></md:Extensions>`)]), fast_check_1.default.array(keyDescriptor(env), { maxLength: 3 }), fast_check_1.default.array(endpoint('SingleLogoutService', false), { maxLength: 2 }), fast_check_1.default
        .array(fast_check_1.default.constantFrom('urn:oasis:names:tc:SAML:2.0:nameid-format:persistent', 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient', 'x', 'a<!---->b'), { maxLength: 2 })
        .map((fs) => fs.map((f) => `<md:NameIDFormat>${f}</md:NameIDFormat>`)), weighted([8, fast_check_1.default.array(endpoint('AssertionConsumerService', true), { minLength: 1, maxLength: 4 })], [1, fast_check_1.default.constant([])]), weighted([3, fast_check_1.default.constant('')], [
        3,
        fast_check_1.default
            .array(requestedAttribute, { maxLength: 4 })
            .map((ras) => `<md:AttributeConsumingService index="0"><md:ServiceName xml:lang="nl">S</md:ServiceName>${ras.join('')}</md:AttributeConsumingService>`),
    ]));
    const count = weighted([20, fast_check_1.default.constant(1)], [1, fast_check_1.default.constantFrom(0, 2)]);
    return fast_check_1.default
        .tuple(flags, body, count)
        .map(([[p, a, w], [ext, keys, slo, nif, acs, attcs], n]) => `<md:SPSSODescriptor protocolSupportEnumeration="${p}"${a}${w}>${ext}${keys.join('')}${slo.join('')}${nif.join('')}${acs.join('')}${attcs}</md:SPSSODescriptor>`.repeat(n));
}
const entityId = weighted([12, fast_check_1.default.constantFrom('https://sp.fuzz.example/metadata', 'urn:x:sp')], [1, fast_check_1.default.constantFrom('', 'has space', 'A'.repeat(1100), 'https://sp.fuzz.example/\u00e9')], [1, saml_arbitraries_1.weirdValue]);
function validUntil(env) {
    return weighted([8, fast_check_1.default.constant('')], [4, fast_check_1.default.constantFrom(24 * 3600, 365 * 24 * 3600).map((s) => ` validUntil="${new Date(env.now.getTime() + s * 1000).toISOString()}"`)], [
        1,
        fast_check_1.default.constantFrom(' validUntil="2001-01-01T00:00:00Z"', ' validUntil="x"', ' validUntil=""', ' validUntil="+275760-09-13T00:00:00Z"'),
    ]);
}
function metadataCases(env) {
    const xml = fast_check_1.default
        .tuple(fast_check_1.default.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>', '\uFEFF'), entityId, validUntil(env), descriptor(env), weighted([20, fast_check_1.default.constant('entity')], [1, fast_check_1.default.constantFrom('entities', 'other')]))
        .map(([prolog, id, until, sp, root]) => {
        const entity = `<md:EntityDescriptor xmlns:md="${MD}" xmlns:ds="${DS}" ID="_fuzzmd" entityID="${id}"${until}>${sp}</md:EntityDescriptor>`;
        if (root === 'entities')
            return `${prolog}<md:EntitiesDescriptor xmlns:md="${MD}">${entity}</md:EntitiesDescriptor>`;
        if (root === 'other')
            return `${prolog}${entity.replace(/md:EntityDescriptor/g, 'md:EntityDescriptorX')}`;
        return prolog + entity;
    });
    const signing = weighted([8, fast_check_1.default.constant('none')], [2, fast_check_1.default.constant('good')], [1, fast_check_1.default.constant('stranger')]);
    const trust = weighted([6, fast_check_1.default.constant('none')], [3, fast_check_1.default.constant('good')], [1, fast_check_1.default.constantFrom('stranger', 'garbage', 'blank', 'empty-pem')]);
    return fast_check_1.default
        .record({ xml, pre: mutations_1.textMutations, signing, trust, post: weighted([6, fast_check_1.default.constant([])], [1, mutations_1.textMutations]) })
        .map((o) => {
        let text = (0, mutations_1.mutateText)(o.xml, o.pre);
        if (o.signing !== 'none') {
            const signed = (0, signing_1.signEnveloped)(text, o.signing === 'good' ? env.key : env.stranger, 'first-child');
            if (signed)
                text = (0, mutations_1.mutateText)(signed, o.post);
        }
        const trustCertificate = {
            none: undefined,
            good: env.key.certificatePem,
            stranger: env.stranger.certificatePem,
            garbage: 'not a certificate',
            blank: '\n',
            'empty-pem': '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n',
        }[o.trust];
        return trustCertificate === undefined ? { xml: text } : { xml: text, trustCertificate };
    });
}
//# sourceMappingURL=metadata-arbitraries.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseAuthnRequest = exports.decodeBinding = void 0;
exports.parseAuthnRequestXml = parseAuthnRequestXml;
exports.readAuthnRequest = readAuthnRequest;
exports.decodeAuthnRequest = decodeAuthnRequest;
const errors_1 = require("../../domain/errors");
const inbound_1 = require("../bindings/inbound");
const flow_1 = require("../flow");
const dom_1 = require("../xml/dom");
const namespaces_1 = require("../xml/namespaces");
const parse_1 = require("../xml/parse");
const schema_1 = require("../xml/schema");
const flag = (el, name) => ['true', '1'].includes(el.getAttribute(name) ?? '');
/** Parses and schema-checks an AuthnRequest; returns the document (for the signature step) and its fields. */
function parseAuthnRequestXml(xml) {
    const doc = (0, parse_1.parseUntrustedXml)(xml, 'AuthnRequest');
    (0, schema_1.validateAuthnRequest)(doc.documentElement);
    return doc;
}
/** Reads the fields of an AuthnRequest document (call it on the signed content when there is a signature). */
function readAuthnRequest(doc) {
    const root = doc.documentElement;
    const issuerEl = (0, dom_1.firstChild)(root, namespaces_1.NS.assertion, 'Issuer');
    if (!issuerEl)
        throw new errors_1.SamlRequestError('AuthnRequest has no Issuer');
    const issuer = (0, dom_1.strictText)(issuerEl, 'Issuer').trim();
    if (!issuer)
        throw new errors_1.SamlRequestError('AuthnRequest has an empty Issuer');
    const policy = (0, dom_1.firstChild)(root, namespaces_1.NS.protocol, 'NameIDPolicy');
    const indexText = (0, dom_1.optionalAttr)(root, 'AssertionConsumerServiceIndex');
    return {
        id: root.getAttribute('ID'),
        issuer,
        destination: (0, dom_1.optionalAttr)(root, 'Destination'),
        issueInstant: new Date(root.getAttribute('IssueInstant')),
        forceAuthn: flag(root, 'ForceAuthn'),
        isPassive: flag(root, 'IsPassive'),
        acsUrl: (0, dom_1.optionalAttr)(root, 'AssertionConsumerServiceURL'),
        acsIndex: indexText === null ? null : Number(indexText),
        protocolBinding: (0, dom_1.optionalAttr)(root, 'ProtocolBinding'),
        nameIdFormat: policy ? (0, dom_1.optionalAttr)(policy, 'Format') : null,
    };
}
/** The message of an HTTP-Redirect (raw query string) or HTTP-POST (form body) AuthnRequest, size-capped and decoded. */
async function decodeAuthnRequest(binding, rawQueryOrBody) {
    return binding === 'redirect' ? (0, inbound_1.decodeRedirect)(rawQueryOrBody, ['SAMLRequest']) : (0, inbound_1.decodePost)(rawQueryOrBody, ['SAMLRequest']);
}
/** The binding: size caps before and after inflating, base64, UTF-8, the query signature's exact octets. */
exports.decodeBinding = (0, flow_1.step)('decode-binding', async (_ctx, s) => {
    s.message = await decodeAuthnRequest(s.incoming.binding, s.incoming.raw);
});
/** Parse (no DOCTYPE, depth and size caps), check the schema, read the fields. */
exports.parseAuthnRequest = (0, flow_1.step)('parse', (_ctx, s) => {
    s.doc = parseAuthnRequestXml(s.message.xml);
    s.request = readAuthnRequest(s.doc);
});
//# sourceMappingURL=parse-authn-request.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.checkAttributes = checkAttributes;
exports.checkSequence = checkSequence;
exports.validateAuthnRequest = validateAuthnRequest;
exports.validateLogoutRequest = validateLogoutRequest;
exports.validateLogoutResponse = validateLogoutResponse;
const errors_1 = require("../../domain/errors");
const dom_1 = require("./dom");
const namespaces_1 = require("./namespaces");
const NCNAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
function checkType(value, type) {
    switch (type) {
        case 'id':
            return NCNAME.test(value) && value.length <= 256;
        case 'dateTime':
            return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
        case 'anyURI':
            return value.length > 0 && value.length <= 2048 && !/[\s<>"]/.test(value);
        case 'boolean':
            return ['true', 'false', '1', '0'].includes(value);
        case 'unsignedShort':
            return /^\d{1,5}$/.test(value) && Number(value) <= 65535;
        case 'version':
            return value === '2.0';
        case 'string':
            return value.length <= 2048;
    }
}
function checkAttributes(el, rules, what) {
    const attrs = Array.from(el.attributes);
    for (const a of attrs) {
        if (a.name === 'xmlns' || a.prefix === 'xmlns')
            continue;
        if (a.namespaceURI && a.namespaceURI !== '') {
            // Foreign-namespace attributes are allowed by the schema on some types; we never read them.
            continue;
        }
        const name = a.localName ?? a.name;
        // Own properties only: an attribute named "constructor" or "__proto__" is unexpected, not a rule.
        const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
        if (!rule)
            throw new errors_1.SamlRequestError(`${what}: unexpected attribute ${a.name}`);
        if (!checkType(a.value, rule.type))
            throw new errors_1.SamlRequestError(`${what}: attribute ${a.name} is not a valid ${rule.type}`);
    }
    for (const [name, rule] of Object.entries(rules)) {
        if (rule.required && !el.hasAttribute(name))
            throw new errors_1.SamlRequestError(`${what}: missing attribute ${name}`);
    }
}
function checkSequence(el, rules, what) {
    for (const n of (0, dom_1.childNodes)(el)) {
        if (n.nodeType === 3 && n.data.trim() !== '')
            throw new errors_1.SamlRequestError(`${what}: unexpected text content`);
    }
    const children = (0, dom_1.elementChildren)(el);
    const found = {};
    let i = 0;
    for (const rule of rules) {
        const matched = [];
        while (i < children.length && (0, dom_1.is)(children[i], rule.ns, rule.name))
            matched.push(children[i++]);
        if (matched.length < (rule.min ?? 0))
            throw new errors_1.SamlRequestError(`${what}: missing ${rule.name}`);
        if (matched.length > (rule.max ?? 1))
            throw new errors_1.SamlRequestError(`${what}: more than ${rule.max ?? 1} ${rule.name}`);
        found[rule.name] = matched;
    }
    if (i < children.length) {
        const c = children[i];
        throw new errors_1.SamlRequestError(`${what}: unexpected or misplaced element ${c.localName} (${c.namespaceURI ?? 'no namespace'})`);
    }
    return found;
}
function checkNameIdLike(el, what) {
    checkAttributes(el, {
        Format: { type: 'anyURI' },
        NameQualifier: { type: 'string' },
        SPNameQualifier: { type: 'string' },
        SPProvidedID: { type: 'string' },
    }, what);
    (0, dom_1.strictText)(el, what);
}
const REQUEST_ABSTRACT = {
    ID: { type: 'id', required: true },
    Version: { type: 'version', required: true },
    IssueInstant: { type: 'dateTime', required: true },
    Destination: { type: 'anyURI' },
    Consent: { type: 'anyURI' },
};
const HEAD = [
    { ns: namespaces_1.NS.assertion, name: 'Issuer' },
    { ns: namespaces_1.NS.dsig, name: 'Signature' },
    { ns: namespaces_1.NS.protocol, name: 'Extensions' },
];
function checkIssuer(found, what) {
    const issuer = found.Issuer?.[0];
    if (issuer)
        checkNameIdLike(issuer, `${what}/Issuer`);
}
function checkExtensions(found, what) {
    const ext = found.Extensions?.[0];
    if (!ext)
        return;
    const kids = (0, dom_1.elementChildren)(ext);
    if (kids.length === 0)
        throw new errors_1.SamlRequestError(`${what}/Extensions must not be empty`);
    for (const k of kids) {
        if (k.namespaceURI === namespaces_1.NS.protocol || k.namespaceURI === namespaces_1.NS.assertion || !k.namespaceURI) {
            throw new errors_1.SamlRequestError(`${what}/Extensions may only contain elements of other namespaces`);
        }
    }
}
function validateAuthnRequest(root) {
    const what = 'AuthnRequest';
    if (!(0, dom_1.is)(root, namespaces_1.NS.protocol, 'AuthnRequest'))
        throw new errors_1.SamlRequestError(`expected samlp:AuthnRequest, found ${root.localName}`);
    checkAttributes(root, {
        ...REQUEST_ABSTRACT,
        ForceAuthn: { type: 'boolean' },
        IsPassive: { type: 'boolean' },
        ProtocolBinding: { type: 'anyURI' },
        AssertionConsumerServiceIndex: { type: 'unsignedShort' },
        AssertionConsumerServiceURL: { type: 'anyURI' },
        AttributeConsumingServiceIndex: { type: 'unsignedShort' },
        ProviderName: { type: 'string' },
    }, what);
    const found = checkSequence(root, [
        ...HEAD,
        { ns: namespaces_1.NS.assertion, name: 'Subject' },
        { ns: namespaces_1.NS.protocol, name: 'NameIDPolicy' },
        { ns: namespaces_1.NS.assertion, name: 'Conditions' },
        { ns: namespaces_1.NS.protocol, name: 'RequestedAuthnContext' },
        { ns: namespaces_1.NS.protocol, name: 'Scoping' },
    ], what);
    checkIssuer(found, what);
    checkExtensions(found, what);
    const policy = found.NameIDPolicy?.[0];
    if (policy) {
        checkAttributes(policy, { Format: { type: 'anyURI' }, SPNameQualifier: { type: 'string' }, AllowCreate: { type: 'boolean' } }, `${what}/NameIDPolicy`);
        checkSequence(policy, [], `${what}/NameIDPolicy`);
    }
    const rac = found.RequestedAuthnContext?.[0];
    if (rac) {
        checkAttributes(rac, { Comparison: { type: 'string' } }, `${what}/RequestedAuthnContext`);
        const kids = (0, dom_1.elementChildren)(rac);
        if (kids.length === 0 ||
            (!kids.every((k) => (0, dom_1.is)(k, namespaces_1.NS.assertion, 'AuthnContextClassRef')) && !kids.every((k) => (0, dom_1.is)(k, namespaces_1.NS.assertion, 'AuthnContextDeclRef')))) {
            throw new errors_1.SamlRequestError(`${what}/RequestedAuthnContext must hold AuthnContextClassRef or AuthnContextDeclRef elements`);
        }
    }
    // Schema choice: AssertionConsumerServiceIndex excludes the URL/ProtocolBinding pair (core §3.4.1).
    if (root.hasAttribute('AssertionConsumerServiceIndex') &&
        (root.hasAttribute('AssertionConsumerServiceURL') || root.hasAttribute('ProtocolBinding'))) {
        throw new errors_1.SamlRequestError(`${what}: AssertionConsumerServiceIndex cannot be combined with AssertionConsumerServiceURL or ProtocolBinding`);
    }
}
function validateLogoutRequest(root) {
    const what = 'LogoutRequest';
    if (!(0, dom_1.is)(root, namespaces_1.NS.protocol, 'LogoutRequest'))
        throw new errors_1.SamlRequestError(`expected samlp:LogoutRequest, found ${root.localName}`);
    checkAttributes(root, { ...REQUEST_ABSTRACT, NotOnOrAfter: { type: 'dateTime' }, Reason: { type: 'string' } }, what);
    const found = checkSequence(root, [...HEAD, { ns: namespaces_1.NS.assertion, name: 'NameID', min: 1 }, { ns: namespaces_1.NS.protocol, name: 'SessionIndex', max: 64 }], what);
    checkIssuer(found, what);
    checkExtensions(found, what);
    checkNameIdLike(found.NameID[0], `${what}/NameID`);
    for (const s of found.SessionIndex ?? [])
        (0, dom_1.strictText)(s, `${what}/SessionIndex`);
}
function validateLogoutResponse(root) {
    const what = 'LogoutResponse';
    if (!(0, dom_1.is)(root, namespaces_1.NS.protocol, 'LogoutResponse'))
        throw new errors_1.SamlRequestError(`expected samlp:LogoutResponse, found ${root.localName}`);
    checkAttributes(root, { ...REQUEST_ABSTRACT, InResponseTo: { type: 'id' } }, what);
    const found = checkSequence(root, [...HEAD, { ns: namespaces_1.NS.protocol, name: 'Status', min: 1 }], what);
    checkIssuer(found, what);
    checkExtensions(found, what);
    const status = found.Status[0];
    const parts = checkSequence(status, [
        { ns: namespaces_1.NS.protocol, name: 'StatusCode', min: 1 },
        { ns: namespaces_1.NS.protocol, name: 'StatusMessage' },
        { ns: namespaces_1.NS.protocol, name: 'StatusDetail' },
    ], `${what}/Status`);
    checkAttributes(parts.StatusCode[0], { Value: { type: 'anyURI', required: true } }, `${what}/StatusCode`);
}
//# sourceMappingURL=schema.js.map
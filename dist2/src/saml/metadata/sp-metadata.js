"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.METADATA_MAX_DEPTH = void 0;
exports.checkEndpointUrl = checkEndpointUrl;
exports.parseSpMetadata = parseSpMetadata;
exports.registrationFromMetadata = registrationFromMetadata;
const node_crypto_1 = __importDefault(require("node:crypto"));
const errors_1 = require("../../domain/errors");
const dom_1 = require("../xml/dom");
const namespaces_1 = require("../xml/namespaces");
const parse_1 = require("../xml/parse");
const signature_1 = require("../xml/signature");
const MAX_METADATA_BYTES = 512 * 1024;
/** Real metadata nests about ten levels (with mdui or signed: up to ~15); extensions get some room. */
exports.METADATA_MAX_DEPTH = 128;
const LIMITS = { maxDepth: exports.METADATA_MAX_DEPTH };
/**
 * Endpoints must be https. Plain http is allowed only where the caller says so (outside production:
 * the demo publisher and test SPs) and then only on a loopback host, which no one else can reach.
 */
function checkEndpointUrl(location, what, httpOnLoopback = false) {
    let url;
    try {
        url = new URL(location);
    }
    catch {
        throw new errors_1.ValidationError(`${what}: '${location}' is not a valid URL`);
    }
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback && httpOnLoopback)) {
        throw new errors_1.ValidationError(`${what}: '${location}' must use https${loopback && url.protocol === 'http:' ? ' (plain http on loopback only outside production)' : ''}`);
    }
    if (url.username || url.password)
        throw new errors_1.ValidationError(`${what}: '${location}' must not contain credentials`);
}
function readCertificate(keyDescriptor, what) {
    const certs = (0, dom_1.descendants)(keyDescriptor, namespaces_1.NS.dsig, 'X509Certificate');
    if (certs.length !== 1)
        throw new errors_1.ValidationError(`${what}: each KeyDescriptor needs exactly one X509Certificate`);
    const body = (0, dom_1.strictText)(certs[0], `${what}/X509Certificate`).replace(/\s+/g, '');
    try {
        const x509 = new node_crypto_1.default.X509Certificate((0, signature_1.toPem)(body));
        const key = x509.publicKey;
        if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
            throw new errors_1.ValidationError(`${what}: certificates need an RSA key of at least 2048 bits`);
        }
    }
    catch (e) {
        if (e instanceof errors_1.ValidationError)
            throw e;
        throw new errors_1.ValidationError(`${what}: X509Certificate is not a valid certificate`);
    }
    return (0, signature_1.certificateBody)(body);
}
const bool = (el, name, dflt) => (el.hasAttribute(name) ? ['true', '1'].includes(el.getAttribute(name)) : dflt);
function parseSpMetadata(xml, opts = {}) {
    try {
        return readSpMetadata(xml, opts.now ?? new Date(), opts.trustCertificate, opts.httpOnLoopback === true);
    }
    catch (e) {
        // The XML layer speaks SAML-request errors; for an operator registering metadata it is invalid input.
        if (e instanceof errors_1.SamlRequestError)
            throw new errors_1.ValidationError(e.publicMessage, e.detail);
        throw e;
    }
}
function readSpMetadata(xml, now, trustCertificate, httpOnLoopback) {
    if (Buffer.byteLength(xml, 'utf8') > MAX_METADATA_BYTES)
        throw new errors_1.ValidationError('metadata is larger than 512 KiB');
    const doc = (0, parse_1.parseUntrustedXml)(xml, 'metadata', LIMITS);
    let root = doc.documentElement;
    if ((0, dom_1.is)(root, namespaces_1.NS.metadata, 'EntitiesDescriptor'))
        throw new errors_1.ValidationError('metadata holds an EntitiesDescriptor; register one SP (EntityDescriptor) at a time');
    if (!(0, dom_1.is)(root, namespaces_1.NS.metadata, 'EntityDescriptor'))
        throw new errors_1.ValidationError(`metadata root must be md:EntityDescriptor, found ${root.localName}`);
    let signatureVerified = false;
    if (trustCertificate) {
        const trusted = (0, signature_1.certificateBody)(trustCertificate);
        try {
            new node_crypto_1.default.X509Certificate((0, signature_1.toPem)(trusted));
        }
        catch {
            throw new errors_1.ValidationError('the trust certificate is not a valid X.509 certificate (PEM)');
        }
        if ((0, signature_1.signaturesIn)(doc).length === 0)
            throw new errors_1.ValidationError('metadata is not signed, but a trust certificate was given');
        root = (0, signature_1.verifyEnvelopedSignature)(xml, doc, [trusted], 'metadata', LIMITS).documentElement;
        signatureVerified = true;
    }
    const entityId = root.getAttribute('entityID') ?? '';
    if (!entityId || entityId.length > 1024 || /\s/.test(entityId))
        throw new errors_1.ValidationError('metadata: entityID is missing or not a valid URI');
    const validUntilText = (0, dom_1.optionalAttr)(root, 'validUntil');
    const validUntil = validUntilText ? new Date(validUntilText) : null;
    if (validUntil && Number.isNaN(validUntil.getTime()))
        throw new errors_1.ValidationError('metadata: validUntil is not a valid date');
    if (validUntil && validUntil <= now)
        throw new errors_1.ValidationError(`metadata expired at ${validUntil.toISOString()} (validUntil)`);
    const sp = (0, dom_1.childrenNamed)(root, namespaces_1.NS.metadata, 'SPSSODescriptor');
    if (sp.length !== 1)
        throw new errors_1.ValidationError('metadata must contain exactly one SPSSODescriptor');
    const descriptor = sp[0];
    if (!(descriptor.getAttribute('protocolSupportEnumeration') ?? '').split(/\s+/).includes(namespaces_1.NS.protocol)) {
        throw new errors_1.ValidationError('SPSSODescriptor does not support the SAML 2.0 protocol');
    }
    const signingCertificates = [];
    const encryptionCertificates = [];
    for (const kd of (0, dom_1.childrenNamed)(descriptor, namespaces_1.NS.metadata, 'KeyDescriptor')) {
        const use = kd.getAttribute('use');
        const cert = readCertificate(kd, 'KeyDescriptor');
        if (use === 'signing' || !use)
            signingCertificates.push(cert);
        if (use === 'encryption' || !use)
            encryptionCertificates.push(cert);
        if (use && use !== 'signing' && use !== 'encryption')
            throw new errors_1.ValidationError(`KeyDescriptor use='${use}' is not valid`);
    }
    const acsEndpoints = (0, dom_1.childrenNamed)(descriptor, namespaces_1.NS.metadata, 'AssertionConsumerService').map((el, i) => {
        const binding = el.getAttribute('Binding') ?? '';
        const location = el.getAttribute('Location') ?? '';
        checkEndpointUrl(location, 'AssertionConsumerService', httpOnLoopback);
        const indexText = (0, dom_1.optionalAttr)(el, 'index');
        if (indexText !== null && !/^\d{1,5}$/.test(indexText))
            throw new errors_1.ValidationError('AssertionConsumerService index must be a number');
        return { binding, location, index: indexText === null ? i : Number(indexText), isDefault: bool(el, 'isDefault', false) };
    });
    if (!acsEndpoints.some((e) => e.binding === namespaces_1.BINDING.post))
        throw new errors_1.ValidationError('metadata has no AssertionConsumerService with the HTTP-POST binding');
    if (new Set(acsEndpoints.map((e) => e.index)).size !== acsEndpoints.length)
        throw new errors_1.ValidationError('AssertionConsumerService indexes must be unique');
    const sloEndpoints = (0, dom_1.childrenNamed)(descriptor, namespaces_1.NS.metadata, 'SingleLogoutService').map((el) => {
        const location = el.getAttribute('Location') ?? '';
        checkEndpointUrl(location, 'SingleLogoutService', httpOnLoopback);
        const responseLocation = (0, dom_1.optionalAttr)(el, 'ResponseLocation') ?? undefined;
        if (responseLocation)
            checkEndpointUrl(responseLocation, 'SingleLogoutService ResponseLocation', httpOnLoopback);
        return { binding: el.getAttribute('Binding') ?? '', location, ...(responseLocation ? { responseLocation } : {}) };
    });
    const requestedAttributes = [];
    for (const acs of (0, dom_1.childrenNamed)(descriptor, namespaces_1.NS.metadata, 'AttributeConsumingService')) {
        for (const ra of (0, dom_1.childrenNamed)(acs, namespaces_1.NS.metadata, 'RequestedAttribute')) {
            const name = ra.getAttribute('Name');
            if (!name)
                throw new errors_1.ValidationError('RequestedAttribute without Name');
            if (!requestedAttributes.some((r) => r.name === name)) {
                requestedAttributes.push({
                    name,
                    ...(ra.getAttribute('FriendlyName') ? { friendlyName: ra.getAttribute('FriendlyName') } : {}),
                    isRequired: bool(ra, 'isRequired', false),
                });
            }
        }
    }
    const nameIdFormats = (0, dom_1.childrenNamed)(descriptor, namespaces_1.NS.metadata, 'NameIDFormat').map((el) => (0, dom_1.strictText)(el, 'NameIDFormat').trim());
    return {
        entityId,
        validUntil,
        signingCertificates,
        encryptionCertificates,
        acsEndpoints,
        sloEndpoints,
        requestedAttributes,
        wantAssertionsSigned: bool(descriptor, 'WantAssertionsSigned', true),
        authnRequestsSigned: bool(descriptor, 'AuthnRequestsSigned', false),
        nameIdFormats: nameIdFormats.length ? nameIdFormats : [namespaces_1.NAMEID_FORMAT.persistent],
        signatureVerified,
    };
}
/** What the hub stores for an SP: its checked metadata plus the operator's settings. */
function registrationFromMetadata(metadataXml, parsed, settings = {}) {
    const transientOnly = parsed.nameIdFormats.includes(namespaces_1.NAMEID_FORMAT.transient) && !parsed.nameIdFormats.includes(namespaces_1.NAMEID_FORMAT.persistent);
    return {
        entityId: parsed.entityId,
        metadataXml,
        metadataValidUntil: parsed.validUntil,
        signingCertificates: parsed.signingCertificates,
        encryptionCertificates: parsed.encryptionCertificates,
        acsEndpoints: parsed.acsEndpoints,
        sloEndpoints: parsed.sloEndpoints,
        requestedAttributes: parsed.requestedAttributes,
        attributeAllowList: settings.attributeAllowList ?? null,
        wantAssertionsSigned: parsed.wantAssertionsSigned,
        authnRequestsSigned: parsed.authnRequestsSigned,
        signResponse: settings.signResponse ?? true,
        encryptAssertion: settings.encryptAssertion ?? false,
        allowUnsolicited: settings.allowUnsolicited ?? false,
        nameIdFormat: transientOnly ? namespaces_1.NAMEID_FORMAT.transient : namespaces_1.NAMEID_FORMAT.persistent,
    };
}
//# sourceMappingURL=sp-metadata.js.map
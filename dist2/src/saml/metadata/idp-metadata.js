"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.METADATA_VALIDITY_MS = void 0;
exports.buildIdpMetadata = buildIdpMetadata;
const node_crypto_1 = __importDefault(require("node:crypto"));
const escape_1 = require("../xml/escape");
const namespaces_1 = require("../xml/namespaces");
const signature_1 = require("../xml/signature");
exports.METADATA_VALIDITY_MS = 7 * 24 * 3600 * 1000;
function keyDescriptor(use, pair) {
    return `<md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${(0, signature_1.certificateBody)(pair.certificatePem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
}
/**
 * The IdP's metadata: signed with the active key, valid for a week (SPs refresh well before), listing
 * every published signing certificate so a key rollover never breaks an SP that refreshes.
 * Element order follows saml-schema-metadata-2.0 (Signature first; KeyDescriptor, SLO, NameIDFormat, SSO).
 */
function buildIdpMetadata(endpoints, signing, encryption, now = new Date()) {
    const id = `_${node_crypto_1.default.randomUUID()}`;
    const signingKeys = [signing.active, signing.next, signing.previous].filter((k) => k !== null);
    const e = (s) => (0, escape_1.escapeXml)(s);
    const xml = `<md:EntityDescriptor xmlns:md="${namespaces_1.NS.metadata}" xmlns:ds="${namespaces_1.NS.dsig}" ID="${id}" entityID="${e(endpoints.entityId)}" validUntil="${new Date(now.getTime() + exports.METADATA_VALIDITY_MS).toISOString()}" cacheDuration="PT6H">` +
        `<md:IDPSSODescriptor protocolSupportEnumeration="${namespaces_1.NS.protocol}" WantAuthnRequestsSigned="false">` +
        signingKeys.map((k) => keyDescriptor('signing', k)).join('') +
        keyDescriptor('encryption', encryption) +
        `<md:SingleLogoutService Binding="${namespaces_1.BINDING.redirect}" Location="${e(endpoints.sloUrl)}"/>` +
        `<md:SingleLogoutService Binding="${namespaces_1.BINDING.post}" Location="${e(endpoints.sloUrl)}"/>` +
        `<md:NameIDFormat>${namespaces_1.NAMEID_FORMAT.persistent}</md:NameIDFormat>` +
        `<md:NameIDFormat>${namespaces_1.NAMEID_FORMAT.transient}</md:NameIDFormat>` +
        `<md:SingleSignOnService Binding="${namespaces_1.BINDING.redirect}" Location="${e(endpoints.ssoUrl)}"/>` +
        `<md:SingleSignOnService Binding="${namespaces_1.BINDING.post}" Location="${e(endpoints.ssoUrl)}"/>` +
        `</md:IDPSSODescriptor>` +
        `<md:Organization><md:OrganizationName xml:lang="nl">Leerpoort</md:OrganizationName><md:OrganizationDisplayName xml:lang="nl">Leerpoort</md:OrganizationDisplayName><md:OrganizationURL xml:lang="nl">${e(endpoints.entityId.replace(/\/saml\/metadata$/, '/'))}</md:OrganizationURL></md:Organization>` +
        `</md:EntityDescriptor>`;
    return (0, signature_1.signElement)(xml, 'EntityDescriptor', id, signing.active, { firstChild: true });
}
//# sourceMappingURL=idp-metadata.js.map
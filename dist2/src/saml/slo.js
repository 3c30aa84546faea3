"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LOGOUT_RESPONSE = exports.LOGOUT_REQUEST = void 0;
exports.checkLogoutRequest = checkLogoutRequest;
exports.checkLogoutResponse = checkLogoutResponse;
exports.logoutEndpoint = logoutEndpoint;
exports.buildLogoutRequest = buildLogoutRequest;
exports.buildLogoutResponse = buildLogoutResponse;
exports.logoutResponseTo = logoutResponseTo;
exports.logoutRequestTo = logoutRequestTo;
const errors_1 = require("../domain/errors");
const inbound_1 = require("./bindings/inbound");
const outbound_1 = require("./bindings/outbound");
const flow_1 = require("./flow");
const build_response_1 = require("./response/build-response");
const check_signature_1 = require("./steps/check-signature");
const check_destination_1 = require("./steps/check-destination");
const check_replay_1 = require("./steps/check-replay");
const check_time_1 = require("./steps/check-time");
const load_service_provider_1 = require("./steps/load-service-provider");
const dom_1 = require("./xml/dom");
const escape_1 = require("./xml/escape");
const namespaces_1 = require("./xml/namespaces");
const parse_1 = require("./xml/parse");
const schema_1 = require("./xml/schema");
const time_limits_1 = require("./time-limits");
const root = (s) => s.doc.documentElement;
function issuerOf(el, what) {
    const issuer = (0, dom_1.firstChild)(el, namespaces_1.NS.assertion, 'Issuer');
    if (!issuer)
        throw new errors_1.SamlRequestError(`${what} has no Issuer`);
    return (0, dom_1.strictText)(issuer, `${what}/Issuer`).trim();
}
const parseLogout = (0, flow_1.step)('parse', (_ctx, s) => {
    s.doc = (0, parse_1.parseUntrustedXml)(s.message.xml, s.what);
    (s.what === 'LogoutRequest' ? schema_1.validateLogoutRequest : schema_1.validateLogoutResponse)(s.doc.documentElement);
});
const loadSp = (0, flow_1.step)('load-service-provider', async (ctx, s) => {
    s.sp = await (0, load_service_provider_1.loadServiceProvider)(ctx.repos.serviceProviders, issuerOf(root(s), s.what), s.now);
});
/** Signed whenever the SP has a signing certificate: an unsigned logout message could end anyone's session. */
const checkSignature = (0, flow_1.step)('check-signature', (_ctx, s) => {
    const required = s.sp.signingCertificates.length > 0 || s.sp.authnRequestsSigned;
    s.doc = (0, check_signature_1.verifyMessageSignature)(s.message, s.doc, s.sp, s.what, required).doc;
});
const checkRequestDestination = (0, flow_1.step)('check-destination', (ctx, s) => (0, check_destination_1.checkDestination)((0, dom_1.optionalAttr)(root(s), 'Destination'), ctx.sloUrl, s.what));
const checkResponseDestination = (0, flow_1.step)('check-destination', (ctx, s) => {
    if (root(s).hasAttribute('Destination'))
        (0, check_destination_1.checkDestination)(root(s).getAttribute('Destination'), ctx.sloUrl, s.what);
});
const checkTime = (0, flow_1.step)('check-time', (_ctx, s) => (0, check_time_1.checkIssueInstant)(new Date(root(s).getAttribute('IssueInstant')), s.now, s.what));
const checkNotExpired = (0, flow_1.step)('check-not-on-or-after', (_ctx, s) => (0, check_time_1.checkNotOnOrAfter)(root(s).getAttribute('NotOnOrAfter'), s.now, s.what));
const checkLogoutReplay = (0, flow_1.step)('check-replay', (ctx, s) => (0, check_replay_1.checkReplay)(ctx.repos.replayCache, s.sp.entityId, root(s).getAttribute('ID'), s.now, s.what));
const checkLogoutRelayState = (0, flow_1.step)('check-relay-state', (_ctx, s) => (0, inbound_1.checkRelayState)(s.message.relayState));
exports.LOGOUT_REQUEST = [
    parseLogout,
    loadSp,
    checkSignature,
    checkRequestDestination,
    checkTime,
    checkNotExpired,
    checkLogoutReplay,
    checkLogoutRelayState,
];
exports.LOGOUT_RESPONSE = [
    parseLogout,
    loadSp,
    checkSignature,
    checkResponseDestination,
    checkTime,
    checkLogoutReplay,
];
async function verify(ctx, steps, state) {
    await (0, flow_1.runSteps)(steps, ctx, state, (error) => {
        throw error;
    });
    return { sp: state.sp, root: root(state) };
}
async function checkLogoutRequest(ctx, message, now) {
    const { sp, root: el } = await verify(ctx, exports.LOGOUT_REQUEST, { what: 'LogoutRequest', message, now });
    return {
        sp,
        request: {
            id: el.getAttribute('ID'),
            issuer: sp.entityId,
            nameId: (0, dom_1.strictText)((0, dom_1.firstChild)(el, namespaces_1.NS.assertion, 'NameID'), 'NameID').trim(),
            sessionIndexes: (0, dom_1.childrenNamed)(el, namespaces_1.NS.protocol, 'SessionIndex').map((s) => (0, dom_1.strictText)(s, 'SessionIndex').trim()),
        },
    };
}
async function checkLogoutResponse(ctx, message, now) {
    const { sp, root: el } = await verify(ctx, exports.LOGOUT_RESPONSE, { what: 'LogoutResponse', message, now });
    const status = (0, dom_1.firstChild)((0, dom_1.firstChild)(el, namespaces_1.NS.protocol, 'Status'), namespaces_1.NS.protocol, 'StatusCode').getAttribute('Value');
    return { sp, response: { id: el.getAttribute('ID'), issuer: sp.entityId, inResponseTo: (0, dom_1.optionalAttr)(el, 'InResponseTo'), status } };
}
/** The SP's logout endpoint: HTTP-Redirect preferred, else HTTP-POST; null when it has none. */
function logoutEndpoint(sp, forResponse) {
    const endpoint = sp.sloEndpoints.find((x) => x.binding === namespaces_1.BINDING.redirect) ?? sp.sloEndpoints.find((x) => x.binding === namespaces_1.BINDING.post);
    if (!endpoint)
        return null;
    return { ...endpoint, url: forResponse && endpoint.responseLocation ? endpoint.responseLocation : endpoint.location };
}
function buildLogoutRequest(ctx, destination, entry, now = new Date()) {
    const id = (0, build_response_1.newId)();
    const xml = `<samlp:LogoutRequest xmlns:samlp="${namespaces_1.NS.protocol}" xmlns:saml="${namespaces_1.NS.assertion}" ID="${id}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${(0, escape_1.escapeXml)(destination)}" NotOnOrAfter="${new Date(now.getTime() + time_limits_1.MESSAGE_LIFETIME_MS).toISOString()}">` +
        `<saml:Issuer>${(0, escape_1.escapeXml)(ctx.idpEntityId)}</saml:Issuer>` +
        `<saml:NameID Format="${(0, escape_1.escapeXml)(entry.nameIdFormat)}" NameQualifier="${(0, escape_1.escapeXml)(ctx.idpEntityId)}" SPNameQualifier="${(0, escape_1.escapeXml)(entry.spEntityId)}">${(0, escape_1.escapeXml)(entry.nameId)}</saml:NameID>` +
        `<samlp:SessionIndex>${(0, escape_1.escapeXml)(entry.sessionIndex)}</samlp:SessionIndex>` +
        '</samlp:LogoutRequest>';
    return { id, xml };
}
function buildLogoutResponse(ctx, destination, inResponseTo, status, subStatus, now = new Date()) {
    const id = (0, build_response_1.newId)();
    const sub = subStatus ? `<samlp:StatusCode Value="${(0, escape_1.escapeXml)(subStatus)}"/>` : '';
    const xml = `<samlp:LogoutResponse xmlns:samlp="${namespaces_1.NS.protocol}" xmlns:saml="${namespaces_1.NS.assertion}" ID="${id}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${(0, escape_1.escapeXml)(destination)}" InResponseTo="${(0, escape_1.escapeXml)(inResponseTo)}">` +
        `<saml:Issuer>${(0, escape_1.escapeXml)(ctx.idpEntityId)}</saml:Issuer>` +
        `<samlp:Status><samlp:StatusCode Value="${(0, escape_1.escapeXml)(status)}">${sub}</samlp:StatusCode></samlp:Status>` +
        '</samlp:LogoutResponse>';
    return { id, xml };
}
/** A signed LogoutResponse to the SP's logout endpoint; null when it has none. */
function logoutResponseTo(ctx, sp, inResponseTo, status, subStatus, relayState) {
    const endpoint = logoutEndpoint(sp, true);
    if (!endpoint)
        return null;
    const { id, xml } = buildLogoutResponse(ctx, endpoint.url, inResponseTo, status, subStatus);
    return (0, outbound_1.sendToSp)(endpoint, { kind: 'SAMLResponse', xml, id, rootName: 'LogoutResponse' }, relayState, ctx.signingKeys.active);
}
/** A signed LogoutRequest for one of the session's SPs; null when it has no logout endpoint. */
function logoutRequestTo(ctx, sp, entry) {
    const endpoint = logoutEndpoint(sp, false);
    if (!endpoint)
        return null;
    const { id, xml } = buildLogoutRequest(ctx, endpoint.url, entry);
    return {
        id,
        delivery: (0, outbound_1.sendToSp)(endpoint, { kind: 'SAMLRequest', xml, id, rootName: 'LogoutRequest' }, undefined, ctx.signingKeys.active),
    };
}
//# sourceMappingURL=slo.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.sendToSp = sendToSp;
exports.postResponse = postResponse;
const node_zlib_1 = __importDefault(require("node:zlib"));
const namespaces_1 = require("../xml/namespaces");
const signature_1 = require("../xml/signature");
function redirectUrl(location, kind, xml, relayState, key) {
    const encoded = encodeURIComponent(node_zlib_1.default.deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64'));
    const octets = [
        `${kind}=${encoded}`,
        ...(relayState !== undefined ? [`RelayState=${encodeURIComponent(relayState)}`] : []),
        `SigAlg=${encodeURIComponent(namespaces_1.ALG.rsaSha256)}`,
    ].join('&');
    const signature = encodeURIComponent((0, signature_1.signRedirectOctets)(octets, key));
    return `${location}${location.includes('?') ? '&' : '?'}${octets}&Signature=${signature}`;
}
/**
 * The one "send to SP" step for messages the hub signs on the way out (logout requests and responses):
 * over HTTP-Redirect the query string is signed, over HTTP-POST the message carries an enveloped signature.
 */
function sendToSp(endpoint, message, relayState, key) {
    if (endpoint.binding === namespaces_1.BINDING.redirect)
        return { kind: 'redirect', url: redirectUrl(endpoint.url, message.kind, message.xml, relayState, key) };
    const value = Buffer.from((0, signature_1.signElement)(message.xml, message.rootName, message.id, key), 'utf8').toString('base64');
    return { kind: 'post', action: endpoint.url, field: message.kind, value, ...(relayState !== undefined ? { relayState } : {}) };
}
/** A Response already signed (SSO) to a verified ACS: always HTTP-POST. */
function postResponse(acsUrl, xml, relayState) {
    return {
        kind: 'post',
        action: acsUrl,
        field: 'SAMLResponse',
        value: Buffer.from(xml, 'utf8').toString('base64'),
        ...(relayState !== undefined ? { relayState } : {}),
    };
}
//# sourceMappingURL=outbound.js.map
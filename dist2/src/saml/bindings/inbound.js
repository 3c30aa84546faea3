"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.LIMITS = void 0;
exports.decodeRedirect = decodeRedirect;
exports.decodePost = decodePost;
exports.checkRelayState = checkRelayState;
const node_util_1 = require("node:util");
const node_zlib_1 = __importDefault(require("node:zlib"));
const errors_1 = require("../../domain/errors");
/**
 * The asynchronous inflate, on purpose: zlib.inflateRawSync throws on corrupt input without closing
 * its zlib handle, and in Node 20 every such call keeps ~2 KB of heap and ~8 KB of memory for good —
 * a stream of broken Redirect requests would exhaust the hub's memory (seen in the fuzz run's heap
 * figures). The callback API closes the handle on error.
 */
const inflateRaw = (0, node_util_1.promisify)(node_zlib_1.default.inflateRaw);
/** Caps applied before any parsing: raw query, decoded bytes, and after inflating (zip bombs). */
exports.LIMITS = Object.freeze({
    rawQueryBytes: 8 * 1024,
    postFieldBytes: 96 * 1024,
    xmlBytes: 64 * 1024,
    relayStateBytes: 80,
});
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
function decodeBase64(value, what) {
    const compact = value.replace(/[\r\n\t ]/g, '');
    if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact))
        throw new errors_1.SamlRequestError(`${what} is not valid base64`);
    return Buffer.from(compact, 'base64');
}
function decodeUtf8(bytes, what) {
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        throw new errors_1.SamlRequestError(`${what} is not valid UTF-8`);
    }
}
/** Parses a raw query string keeping each value exactly as received (for signature checks). */
function rawQueryPairs(rawQuery) {
    const pairs = new Map();
    for (const part of rawQuery.split('&')) {
        if (!part)
            continue;
        const eq = part.indexOf('=');
        const rawKey = eq === -1 ? part : part.slice(0, eq);
        const raw = eq === -1 ? '' : part.slice(eq + 1);
        let key;
        let value;
        try {
            key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
            value = decodeURIComponent(raw.replace(/\+/g, ' '));
        }
        catch {
            throw new errors_1.SamlRequestError('malformed query string');
        }
        if (pairs.has(key))
            throw new errors_1.SamlRequestError(`query parameter ${key} appears more than once`);
        pairs.set(key, { raw, value });
    }
    return pairs;
}
async function decodeRedirect(rawQuery, kinds) {
    if (Buffer.byteLength(rawQuery, 'utf8') > exports.LIMITS.rawQueryBytes)
        throw new errors_1.SamlRequestError(`query string larger than ${exports.LIMITS.rawQueryBytes} bytes`);
    const q = rawQueryPairs(rawQuery);
    const present = kinds.filter((k) => q.has(k));
    if (present.length !== 1)
        throw new errors_1.SamlRequestError(`expected exactly one of ${kinds.join(', ')}`);
    const kind = present[0];
    const deflated = decodeBase64(q.get(kind).value, kind);
    let inflated;
    try {
        inflated = await inflateRaw(deflated, { maxOutputLength: exports.LIMITS.xmlBytes });
    }
    catch (e) {
        const tooLarge = e.code === 'ERR_BUFFER_TOO_LARGE' || /too large|maxOutputLength/i.test(e.message);
        throw new errors_1.SamlRequestError(tooLarge ? `${kind} larger than ${exports.LIMITS.xmlBytes} bytes after inflating` : `${kind} is not DEFLATE-compressed`);
    }
    const relayState = q.get('RelayState');
    const sigAlg = q.get('SigAlg');
    const signature = q.get('Signature');
    if (!!sigAlg !== !!signature)
        throw new errors_1.SamlRequestError('SigAlg and Signature must come together');
    let querySignature;
    if (sigAlg && signature) {
        const signedOctets = [
            `${kind}=${q.get(kind).raw}`,
            ...(relayState ? [`RelayState=${relayState.raw}`] : []),
            `SigAlg=${sigAlg.raw}`,
        ].join('&');
        querySignature = { sigAlg: sigAlg.value, signature: signature.value, signedOctets };
    }
    return { binding: 'redirect', kind, xml: decodeUtf8(inflated, kind), relayState: relayState?.value, querySignature };
}
function decodePost(body, kinds) {
    if (!body || typeof body !== 'object')
        throw new errors_1.SamlRequestError('expected a form-encoded POST body');
    const b = body;
    const present = kinds.filter((k) => b[k] !== undefined);
    if (present.length !== 1)
        throw new errors_1.SamlRequestError(`expected exactly one of ${kinds.join(', ')}`);
    const kind = present[0];
    const field = b[kind];
    const relayState = b.RelayState;
    if (typeof field !== 'string')
        throw new errors_1.SamlRequestError(`${kind} must appear once`);
    if (relayState !== undefined && typeof relayState !== 'string')
        throw new errors_1.SamlRequestError('RelayState must appear once');
    if (field.length > exports.LIMITS.postFieldBytes)
        throw new errors_1.SamlRequestError(`${kind} larger than ${exports.LIMITS.postFieldBytes} bytes`);
    const bytes = decodeBase64(field, kind);
    if (bytes.length > exports.LIMITS.xmlBytes)
        throw new errors_1.SamlRequestError(`${kind} larger than ${exports.LIMITS.xmlBytes} bytes`);
    return { binding: 'post', kind, xml: decodeUtf8(bytes, kind), relayState: relayState };
}
/** RelayState: at most 80 bytes (bindings §3.4.3) and no markup or control characters; returned unchanged. */
function checkRelayState(relayState) {
    if (relayState === undefined)
        return;
    if (Buffer.byteLength(relayState, 'utf8') > exports.LIMITS.relayStateBytes)
        throw new errors_1.SamlRequestError(`RelayState longer than ${exports.LIMITS.relayStateBytes} bytes`);
    if (/[<>"'`\u0000-\u001f\u007f]/.test(relayState))
        throw new errors_1.SamlRequestError('RelayState contains markup or control characters');
}
//# sourceMappingURL=inbound.js.map
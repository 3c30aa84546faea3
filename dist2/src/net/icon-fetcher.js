"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HttpIconFetcher = exports.MAX_ICON_BYTES = void 0;
exports.sniffImageType = sniffImageType;
const node_crypto_1 = __importDefault(require("node:crypto"));
const errors_1 = require("../domain/errors");
const fetch_limited_1 = require("./fetch-limited");
exports.MAX_ICON_BYTES = 256 * 1024;
/** The image type from the bytes themselves (never from the publisher's Content-Type header). */
function sniffImageType(data) {
    if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
        return 'image/png';
    if (data.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])))
        return 'image/jpeg';
    if (/^GIF8[79]a/.test(data.subarray(0, 6).toString('latin1')))
        return 'image/gif';
    if (data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP')
        return 'image/webp';
    const head = data
        .subarray(0, 1024)
        .toString('utf8')
        .replace(/^\uFEFF/, '');
    if (/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(head))
        return 'image/svg+xml';
    return null;
}
/**
 * Fetches a product icon once, at registration: PNG, JPEG, GIF, WebP or SVG (no DOCTYPE), at most
 * 256 KiB. The hub then serves it itself, so a pupil's portal never makes their browser contact a
 * publisher.
 */
class HttpIconFetcher {
    allowPrivateAddresses;
    constructor(allowPrivateAddresses) {
        this.allowPrivateAddresses = allowPrivateAddresses;
    }
    async fetch(url) {
        const { body } = await (0, fetch_limited_1.fetchLimited)(url, { what: 'icon', maxBytes: exports.MAX_ICON_BYTES, allowPrivateAddresses: this.allowPrivateAddresses });
        const contentType = sniffImageType(body);
        if (!contentType)
            throw new errors_1.ValidationError(`the icon at ${url} is not a PNG, JPEG, GIF, WebP or SVG image`);
        if (contentType === 'image/svg+xml' && /<!DOCTYPE|<!ENTITY/i.test(body.toString('utf8')))
            throw new errors_1.ValidationError(`the SVG icon at ${url} contains a DOCTYPE`);
        return { contentType, data: body, sha256: node_crypto_1.default.createHash('sha256').update(body).digest('hex') };
    }
}
exports.HttpIconFetcher = HttpIconFetcher;
//# sourceMappingURL=icon-fetcher.js.map
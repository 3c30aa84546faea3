"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.fetchLimited = fetchLimited;
const node_dns_1 = __importDefault(require("node:dns"));
const node_http_1 = __importDefault(require("node:http"));
const node_https_1 = __importDefault(require("node:https"));
const ipaddr_js_1 = __importDefault(require("ipaddr.js"));
const errors_1 = require("../domain/errors");
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Public unicast addresses only, unless private ones are allowed. */
function addressAllowed(address, allowPrivate) {
    if (allowPrivate)
        return true;
    return ipaddr_js_1.default.isValid(address) && ipaddr_js_1.default.process(address).range() === 'unicast';
}
/**
 * Fetches a URL with a size cap, a timeout, no redirects and no credentials in the URL. The address
 * check happens at connect time, on the address actually connected to (a DNS answer cannot point the
 * hub at its own network after a check). Every failure is a ValidationError naming the URL.
 */
function fetchLimited(source, opts) {
    let url;
    try {
        url = new URL(source);
    }
    catch {
        return Promise.reject(new errors_1.ValidationError(`${opts.what}: '${source}' is not a valid URL`));
    }
    const plainHttpAllowed = opts.allowPrivateAddresses && LOOPBACK_HOSTS.has(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && plainHttpAllowed))
        return Promise.reject(new errors_1.ValidationError(`${opts.what}: '${source}' must use https`));
    if (url.username || url.password)
        return Promise.reject(new errors_1.ValidationError(`${opts.what}: '${source}' must not contain credentials`));
    const literal = url.hostname.replace(/^\[|\]$/g, '');
    if (ipaddr_js_1.default.isValid(literal) && !addressAllowed(literal, opts.allowPrivateAddresses))
        return Promise.reject(new errors_1.ValidationError(`${opts.what}: '${source}' points to a private or reserved address`));
    const lookup = (hostname, options, callback) => {
        node_dns_1.default.lookup(hostname, { ...options, all: true }, (err, addresses) => {
            if (err)
                return callback(err, '', 4);
            const list = addresses;
            if (list.length === 0 || list.some((a) => !addressAllowed(a.address, opts.allowPrivateAddresses))) {
                return callback(Object.assign(new Error('resolves to a private or reserved address'), { code: 'EADDRNOTALLOWED' }), '', 4);
            }
            if (options.all)
                return callback(null, list);
            callback(null, list[0].address, list[0].family);
        });
    };
    const fail = (reason) => new errors_1.ValidationError(`cannot fetch ${opts.what} from ${source}: ${reason}`);
    return new Promise((resolve, reject) => {
        const request = (url.protocol === 'https:' ? node_https_1.default : node_http_1.default).get(url, { lookup, timeout: opts.timeoutMs ?? 10_000, headers: { accept: '*/*', 'user-agent': 'Leerpoort' } }, (response) => {
            const status = response.statusCode ?? 0;
            if (status !== 200) {
                response.resume();
                request.destroy();
                return reject(fail(status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`));
            }
            const declared = Number(response.headers['content-length'] ?? NaN);
            if (declared > opts.maxBytes) {
                request.destroy();
                return reject(fail(`larger than ${Math.round(opts.maxBytes / 1024)} KiB`));
            }
            const chunks = [];
            let size = 0;
            response.on('data', (chunk) => {
                size += chunk.length;
                if (size > opts.maxBytes) {
                    request.destroy();
                    return reject(fail(`larger than ${Math.round(opts.maxBytes / 1024)} KiB`));
                }
                chunks.push(chunk);
            });
            response.on('end', () => resolve({ body: Buffer.concat(chunks), contentType: response.headers['content-type'] ?? null }));
            response.on('error', (e) => reject(fail(e.message)));
        });
        request.on('timeout', () => {
            request.destroy();
            reject(fail('timed out'));
        });
        request.on('error', (e) => reject(fail(e.code === 'EADDRNOTALLOWED' ? 'it resolves to a private or reserved address' : e.message)));
    });
}
//# sourceMappingURL=fetch-limited.js.map
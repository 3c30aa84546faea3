"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.HttpError = void 0;
exports.schoolAddress = schoolAddress;
exports.send = send;
/**
 * The load generator's HTTP: node:http with keep-alive (fetch costs the generator more CPU, and the
 * generator shares the machine's cores with the hub). Each request may leave from its own loopback
 * address: each school's browsers from one, as a school's classrooms share one public address — the hub
 * throttles and applies the school-network rule per client address, so one address for the whole country
 * would be neither realistic nor allowed (300 attempts at most).
 */
const node_http_1 = __importDefault(require("node:http"));
class HttpError extends Error {
    kind;
    constructor(kind) {
        super(kind);
        this.kind = kind;
    }
}
exports.HttpError = HttpError;
const TIMEOUT_MS = 30_000;
/**
 * With a timeout set, the agent closes an idle kept-alive socket a second before the server's
 * `Keep-Alive: timeout=5` hint runs out; without it a request could be sent on a socket the server is
 * closing at that moment and fail with ECONNRESET (a browser retries those silently). It must differ from
 * the request's TIMEOUT_MS: node sets a reused socket's timeout to the request's only when they differ,
 * and would otherwise leave the 4 s idle timeout on it while the request runs.
 */
const agent = new node_http_1.default.Agent({ keepAlive: true, timeout: 2 * TIMEOUT_MS, maxSockets: 4096, maxFreeSockets: 1024 });
/** The loopback address the browsers of school `index` use (Linux routes all of 127.0.0.0/8 to lo). */
function schoolAddress(index) {
    return `127.${10 + Math.floor(index / 62500)}.${Math.floor(index / 250) % 250}.${(index % 250) + 1}`;
}
function send(base, method, path, opts) {
    const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
    const headers = { accept: 'text/html' };
    if (opts.cookie)
        headers.cookie = opts.cookie;
    if (body !== undefined) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        headers['content-length'] = String(Buffer.byteLength(body));
    }
    const started = performance.now();
    return new Promise((resolve, reject) => {
        const req = node_http_1.default.request({ host: base.hostname, port: base.port, method, path, headers, agent, localAddress: opts.localAddress, timeout: TIMEOUT_MS }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('error', (e) => reject(new HttpError(`network: ${e.code ?? e.message}`)));
            res.on('end', () => resolve({
                status: res.statusCode ?? 0,
                location: res.headers.location,
                setCookie: res.headers['set-cookie'] ?? [],
                body: Buffer.concat(chunks).toString('utf8'),
                ms: performance.now() - started,
            }));
        });
        req.on('timeout', () => req.destroy(new HttpError('network: timeout')));
        req.on('error', (e) => reject(e instanceof HttpError ? e : new HttpError(`network: ${e.code ?? e.message}`)));
        req.end(body);
    });
}
//# sourceMappingURL=http-client.js.map
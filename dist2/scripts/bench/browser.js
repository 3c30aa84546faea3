"use strict";
/** What a benchmark's simulated browser needs from a page: its cookies and its CSRF token. Shared by the benchmarks and load scripts. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.cookieOf = cookieOf;
exports.csrfOf = csrfOf;
/** The cookie header after `res` (a fetch Response, or node:http's Set-Cookie list): the earlier cookies with those it set replacing theirs by name. */
function cookieOf(res, prior) {
    const set = (Array.isArray(res) ? res : res.headers.getSetCookie()).map((c) => c.split(';')[0]);
    const jar = new Map(prior ? prior.split('; ').map((c) => c.split('=', 2)) : []);
    for (const c of set)
        jar.set(c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1));
    return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}
/** The CSRF token of a form page, or undefined when the page has none (an error page). */
function csrfOf(html) {
    return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}
//# sourceMappingURL=browser.js.map
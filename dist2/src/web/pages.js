"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.sendMessagePage = sendMessagePage;
exports.sendPostBinding = sendPostBinding;
exports.deliver = deliver;
const node_crypto_1 = __importDefault(require("node:crypto"));
const views_1 = require("./views");
/** A friendly Dutch/English page; with `samlForm` it offers a button that posts a SAML message to a verified endpoint. */
function sendMessagePage(res, status, page) {
    if (page.samlForm)
        setFormCsp(res, page.samlForm.action, null);
    res
        .status(status)
        .type('html')
        .send((0, views_1.render)('message.njk', { title: page.heading_nl, ...page }));
}
/**
 * The HTTP-POST binding page. It needs its own Content-Security-Policy: an inline script (allowed by a
 * per-response nonce) and the destination's origin in form-action.
 */
function sendPostBinding(res, form) {
    const nonce = node_crypto_1.default.randomBytes(16).toString('base64');
    setFormCsp(res, form.action, nonce);
    res.setHeader('Cache-Control', 'no-store');
    res
        .status(200)
        .type('html')
        .send((0, views_1.render)('post-binding.njk', { ...form, nonce }));
}
function setFormCsp(res, action, nonce) {
    const origin = new URL(action).origin;
    res.setHeader('Content-Security-Policy', [
        "default-src 'none'",
        nonce ? `script-src 'nonce-${nonce}'` : "script-src 'none'",
        "style-src 'self' 'unsafe-inline'",
        `form-action ${origin}`,
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ].join('; '));
}
/** A SAML message on its way to an SP: a 303 to the signed redirect URL, or the auto-posting form. */
function deliver(res, delivery) {
    if (delivery.kind === 'redirect')
        res.redirect(303, delivery.url);
    else
        sendPostBinding(res, delivery);
}
//# sourceMappingURL=pages.js.map
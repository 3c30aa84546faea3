"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.escapeHtml = void 0;
exports.homePage = homePage;
exports.loggedInPage = loggedInPage;
exports.messagePage = messagePage;
const requested_attributes_1 = require("./requested-attributes");
/** Every value from outside (attribute values, NameID, error text) goes through here before it is shown. */
const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
exports.escapeHtml = escapeHtml;
const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f7fb;color:#1b2733}
header{background:#c2410c;color:#fff;padding:1rem 2rem}header p{margin:.25rem 0 0}
main{max-width:60rem;margin:2rem auto;padding:0 1.5rem}
button{font-size:1.1rem;padding:.7rem 1.4rem;border:0;border-radius:.4rem;background:#1d4ed8;color:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
table{border-collapse:collapse;width:100%;background:#fff;margin:1rem 0}
th,td{border:1px solid #cbd5e1;padding:.45rem .6rem;text-align:left;vertical-align:top}th{background:#e2e8f0}
code{font-size:.9em;word-break:break-all}.muted{color:#475569}`;
function layout(title, body) {
    return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${(0, exports.escapeHtml)(title)} – Rekenrijk Demo</title><style>${STYLE}</style></head>
<body>
<header><strong>Rekenrijk Demo</strong><p>Demo-uitgever die via SAML inlogt bij Leerpoort / a demo publisher that logs in through Leerpoort over SAML</p></header>
<main>
${body}
</main>
</body>
</html>`;
}
function homePage(session) {
    const loggedIn = session
        ? `<p>Je bent al ingelogd. <a href="/ingelogd">Bekijk wie / see who</a>.</p>`
        : `<form method="post" action="/login"><button type="submit">Inloggen via Leerpoort</button></form>`;
    return layout('Welkom', `<h1>Rekenrijk Demo</h1>
<p>Oefen rekenen in groep 3 tot en met 8. Log in met je schoolaccount via Leerpoort.<br>
<span class="muted">Practise arithmetic, groups 3 to 8. Log in with your school account through Leerpoort.</span></p>
${loggedIn}`);
}
const displayName = (s) => {
    const first = (name) => s.attributes.find((a) => a.name === name)?.values[0];
    const parts = [first('urn:oid:2.5.4.42'), first('urn:mace:leerpoort.nl:attribute-def:tussenvoegsel'), first('urn:oid:2.5.4.4')];
    return parts.filter(Boolean).join(' ') || s.nameId;
};
function loggedInPage(s) {
    const rows = s.attributes
        .map((a) => `<tr><td><code>${(0, exports.escapeHtml)(a.name)}</code></td><td>${(0, exports.escapeHtml)((0, requested_attributes_1.friendlyNameOf)(a.name) ?? '')}</td><td>${a.values.map((v) => `<div class="value">${(0, exports.escapeHtml)(v)}</div>`).join('')}</td></tr>`)
        .join('\n');
    const received = new Set(s.attributes.map((a) => a.name));
    const missing = requested_attributes_1.REQUESTED_ATTRIBUTES.filter((r) => !received.has(r.name));
    return layout('Ingelogd', `<h1 id="who">Ingelogd als ${(0, exports.escapeHtml)(displayName(s))}</h1>
<p class="muted">Logged in as ${(0, exports.escapeHtml)(displayName(s))}. Dit is precies wat Leerpoort aan deze uitgever doorgaf / exactly what Leerpoort passed to this publisher.</p>
<table id="subject"><caption>Onderwerp / Subject</caption>
<tr><th scope="row">NameID</th><td><code>${(0, exports.escapeHtml)(s.nameId)}</code></td></tr>
<tr><th scope="row">NameID-formaat / format</th><td><code>${(0, exports.escapeHtml)(s.nameIdFormat)}</code></td></tr>
<tr><th scope="row">SessionIndex</th><td><code>${(0, exports.escapeHtml)(s.sessionIndex)}</code></td></tr>
<tr><th scope="row">Uitgever / Issuer</th><td><code>${(0, exports.escapeHtml)(s.issuer)}</code></td></tr>
</table>
<table id="attributes"><caption>Ontvangen attributen / Attributes received (${s.attributes.length})</caption>
<thead><tr><th scope="col">Name</th><th scope="col">FriendlyName</th><th scope="col">Waarde(n) / Value(s)</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Gevraagd maar niet ontvangen / Requested but not received</h2>
<p class="muted">Rekenrijk vraagt in zijn metadata om meer dan de privacybijlage toestaat; Leerpoort laat dat weg, net als gegevens die de school niet heeft. / Rekenrijk's metadata asks for more than the privacy annex allows; Leerpoort leaves that out, as well as data the school does not hold.</p>
<ul id="not-received">${missing.map((m) => `<li>${(0, exports.escapeHtml)(m.friendlyName)} <code>${(0, exports.escapeHtml)(m.name)}</code></li>`).join('')}</ul>
<form method="post" action="/logout"><button type="submit">Uitloggen</button></form>`);
}
function messagePage(heading, text, extra = '') {
    return layout(heading, `<h1>${(0, exports.escapeHtml)(heading)}</h1>\n<p id="message">${(0, exports.escapeHtml)(text)}</p>\n${extra}\n<p><a href="/">Naar Rekenrijk / To Rekenrijk</a></p>`);
}
//# sourceMappingURL=pages.js.map
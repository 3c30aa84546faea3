"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const fast_check_1 = __importDefault(require("fast-check"));
const environment_1 = require("../../scripts/fuzz/environment");
const saml_arbitraries_1 = require("../../scripts/fuzz/saml-arbitraries");
const federation_1 = require("../support/federation");
const fuzz_1 = require("../support/fuzz");
const hub_1 = require("../support/hub");
/** A fuzz case's form body as a browser would post it: repeated fields for arrays, strings for the rest. */
function form(body) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(body))
        for (const value of Array.isArray(v) ? v : [v])
            params.append(k, String(value));
    return params;
}
/**
 * The fuzz arbitraries sent over real HTTP to a real hub (PostgreSQL): the whole edge — body parsing,
 * the routes, the refusal pages and their audit entries — must answer every one without a 5xx.
 */
describe('fuzzing /saml/sso and /saml/slo over HTTP: no 5xx', function () {
    this.timeout(120_000);
    let t;
    let env;
    before(async function () {
        t = await (0, hub_1.startTestHub)(this, 'fuzz_http');
        const keys = await (0, environment_1.fuzzKeys)();
        env = {
            now: new Date(),
            ssoUrl: `${t.baseUrl}/saml/sso`,
            sloUrl: `${t.baseUrl}/saml/slo`,
            optionalSp: 'https://sp.fuzz.example/optional',
            signedSp: 'https://sp.fuzz.example/signed',
            acsUrl: 'http://127.0.0.1:9/fuzz/acs',
            key: keys.key,
            stranger: keys.stranger,
        };
        await t.hub.services.participants.add({ name: 'Fuzz' }, federation_1.ACTOR);
        await (0, federation_1.registerSp)(t.hub, 'Fuzz', (0, environment_1.spMetadataXml)(env.optionalSp, keys.key.certificatePem, false));
        await (0, federation_1.registerSp)(t.hub, 'Fuzz', (0, environment_1.spMetadataXml)(env.signedSp, keys.key.certificatePem, true));
    });
    after(async () => t?.stop());
    async function send(url, c) {
        const res = c.binding === 'redirect'
            ? await fetch(`${url}?${c.query}`, { redirect: 'manual' })
            : await fetch(url, {
                method: 'POST',
                body: form(c.body),
                redirect: 'manual',
                headers: { 'content-type': 'application/x-www-form-urlencoded' },
            });
        await res.arrayBuffer();
        return res.status;
    }
    async function expectNo5xx(url, cases, numRuns, seed) {
        const statuses = new Map();
        for (const c of fast_check_1.default.sample(cases, { seed, numRuns })) {
            const status = await send(url(), c);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            (0, chai_1.expect)(status, `answer to ${JSON.stringify(c).slice(0, 2000)}`).to.be.below(500);
        }
        return statuses;
    }
    it('AuthnRequests over Redirect and POST: 200 of each', async () => {
        const redirect = await expectNo5xx(() => env.ssoUrl, (0, saml_arbitraries_1.authnRequestCases)(env, 'redirect'), 200, fuzz_1.FUZZ_SEED);
        const post = await expectNo5xx(() => env.ssoUrl, (0, saml_arbitraries_1.authnRequestCases)(env, 'post'), 200, fuzz_1.FUZZ_SEED + 1);
        // Some were accepted (a login is asked: 303), most refused with the HTML page (400).
        (0, chai_1.expect)(redirect.get(303), 'accepted over Redirect').to.be.above(0);
        (0, chai_1.expect)(post.get(303), 'accepted over POST').to.be.above(0);
        (0, chai_1.expect)(redirect.get(400)).to.be.above(100);
    });
    it('LogoutRequests and LogoutResponses over both bindings: 150 of each', async () => {
        const requests = await expectNo5xx(() => env.sloUrl, (0, saml_arbitraries_1.logoutRequestCases)(env), 150, fuzz_1.FUZZ_SEED + 2);
        await expectNo5xx(() => env.sloUrl, (0, saml_arbitraries_1.logoutResponseCases)(env), 150, fuzz_1.FUZZ_SEED + 3);
        // Accepted LogoutRequests for nobody's session are answered to the SP (UnknownPrincipal).
        (0, chai_1.expect)((requests.get(303) ?? 0) + (requests.get(200) ?? 0), 'answered to the SP').to.be.above(0);
    });
    it('regression: a repeated NUL query key is a 400 page (its audited reason made the insert fail: 500)', async () => {
        for (const url of [env.ssoUrl, env.sloUrl]) {
            const res = await fetch(`${url}?SAMLRequest=x&%00=1&%00=2`, { redirect: 'manual' });
            (0, chai_1.expect)(res.status, url).to.equal(400);
            (0, chai_1.expect)(await res.text()).to.contain('appears more than once');
        }
    });
    it('regression: an Issuer &#0; over POST is a 400 page (the SP lookup failed in PostgreSQL: 500)', async () => {
        const xml = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_nul" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${env.ssoUrl}">` +
            '<saml:Issuer>https://sp.fuzz.example/optional&#0;</saml:Issuer></samlp:AuthnRequest>';
        (0, chai_1.expect)(await send(env.ssoUrl, { binding: 'post', body: { SAMLRequest: Buffer.from(xml).toString('base64') } })).to.equal(400);
    });
});
//# sourceMappingURL=fuzz-http.test.js.map
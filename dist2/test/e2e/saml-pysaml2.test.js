"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const chai_1 = require("chai");
const postgres_1 = require("../support/postgres");
const federation_1 = require("../support/federation");
const hub_1 = require("../support/hub");
const pysaml2_1 = require("../support/pysaml2");
// Every suite runs on both backends: the embedded PGlite of `npm start` and PostgreSQL.
for (const backend of postgres_1.BACKENDS) {
    describe(`SAML SSO and SLO with pysaml2 as the SP (Debian python3-pysaml2, xmlsec1) [${backend}]`, function () {
        let t;
        let school;
        let sp;
        const entityId = 'https://sp.uitgeverij-p.example/pysaml2';
        before(async function () {
            (0, federation_1.requireTool)(this, (0, pysaml2_1.pysaml2Available)() && (0, federation_1.hasXmlsec1)(), 'pysaml2 and xmlsec1 (Debian packages python3-pysaml2, xmlsec1)');
            t = await (0, hub_1.startTestHub)(this, 'saml_pysaml2', {}, backend);
            school = await (0, federation_1.seedSchool)(t.hub, { brin: '66FF', participant: 'Uitgeverij P' });
            const keys = await (0, federation_1.testSpKeys)();
            const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-pysaml2-'));
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'sp.key'), keys.signing.privateKeyPem);
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'sp.crt'), keys.signing.certificatePem);
            node_fs_1.default.writeFileSync(node_path_1.default.join(dir, 'idp.xml'), await (await fetch(`${t.baseUrl}/saml/metadata`)).text());
            sp = new pysaml2_1.Pysaml2Sp();
            await sp.call('init', {
                entity_id: entityId,
                acs: 'http://127.0.0.1:9/pysaml2/acs',
                slo: 'http://127.0.0.1:9/pysaml2/slo',
                key_file: node_path_1.default.join(dir, 'sp.key'),
                cert_file: node_path_1.default.join(dir, 'sp.crt'),
                idp_metadata_file: node_path_1.default.join(dir, 'idp.xml'),
            });
            const { xml } = await sp.call('metadata');
            const registered = await (0, federation_1.registerSp)(t.hub, 'Uitgeverij P', xml);
            (0, chai_1.expect)(registered.serviceProvider.requestedAttributes.map((a) => a.name)).to.include('urn:oid:2.5.4.42');
            (0, chai_1.expect)(registered.serviceProvider.authnRequestsSigned).to.equal(true);
        });
        after(async () => {
            sp?.stop();
            await t?.stop();
        });
        it('logs a pupil in: pysaml2 verifies the signatures with xmlsec1 and reads only the requested attributes', async () => {
            const { url, request_id } = await sp.call('login_url', {
                idp_entity_id: t.hub.config.idpEntityId,
                relay_state: 'ps-rs',
            });
            const browser = new hub_1.Browser();
            const { form } = await (0, hub_1.loginThroughSso)(browser, url, school.pupil.username, school.pupil.password);
            (0, chai_1.expect)(form.fields.RelayState).to.equal('ps-rs');
            const r = await sp.call('parse_response', { saml_response: form.fields.SAMLResponse });
            (0, chai_1.expect)(r.issuer).to.equal(t.hub.config.idpEntityId);
            (0, chai_1.expect)(r.in_response_to).to.equal(request_id);
            (0, chai_1.expect)(r.attributes.givenName).to.deep.equal(['Fenna']);
            (0, chai_1.expect)(r.attributes.sn).to.deep.equal(['Horst']);
            (0, chai_1.expect)(Object.keys(r.attributes).sort()).to.deep.equal(['eduPersonAffiliation', 'givenName', 'sn']);
            // SP-initiated logout from pysaml2 (signed Redirect), answered with a signed Redirect LogoutResponse.
            const { url: logoutUrl } = await sp.call('logout_url');
            const res = await browser.request(logoutUrl);
            (0, chai_1.expect)(res.status).to.equal(303);
            (0, chai_1.expect)(res.location).to.match(/^http:\/\/127\.0\.0\.1:9\/pysaml2\/slo\?SAMLResponse=/);
            const query = new URL(res.location).searchParams;
            (0, chai_1.expect)(query.get('Signature')).to.be.a('string');
            const lr = await sp.call('parse_logout_response', { saml_response: query.get('SAMLResponse') });
            (0, chai_1.expect)(lr.status_ok).to.equal(true);
            const again = await sp.call('login_url', { idp_entity_id: t.hub.config.idpEntityId });
            const after = await browser.request(again.url);
            (0, chai_1.expect)(after.location ?? '', 'the hub session has ended').to.contain('/login');
            // the first request's ID cannot be used again
            (0, chai_1.expect)((await new hub_1.Browser().request(url)).status).to.equal(400);
        });
    });
}
//# sourceMappingURL=saml-pysaml2.test.js.map
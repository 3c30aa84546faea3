"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_zlib_1 = __importDefault(require("node:zlib"));
const chai_1 = require("chai");
const postgres_1 = require("../support/postgres");
const xmldom_1 = require("@xmldom/xmldom");
const secrets_1 = require("../../src/crypto/secrets");
const signature_1 = require("../../src/saml/xml/signature");
const attacker_1 = require("../support/attacker");
const federation_1 = require("../support/federation");
const hub_1 = require("../support/hub");
const ACS = 'http://127.0.0.1:9/neg/acs';
const OPTIONAL = 'https://sp.neg.example/optional';
const SIGNED = 'https://sp.neg.example/signed';
function spMetadata(entityId, signingCert, authnRequestsSigned) {
    return (`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">` +
        `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="${authnRequestsSigned}" WantAssertionsSigned="true">` +
        `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${(0, signature_1.certificateBody)(signingCert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
        `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${ACS}" index="0" isDefault="true"/>` +
        `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact" Location="http://127.0.0.1:9/neg/artifact" index="1"/>` +
        `<md:AttributeConsumingService index="0"><md:ServiceName xml:lang="nl">Test</md:ServiceName><md:RequestedAttribute Name="urn:oid:2.5.4.42" FriendlyName="givenName"/></md:AttributeConsumingService>` +
        '</md:SPSSODescriptor></md:EntityDescriptor>');
}
// Every suite runs on both backends: the embedded PGlite of `npm start` and PostgreSQL.
for (const backend of postgres_1.BACKENDS) {
    describe(`SAML attack suite: every malformed or hostile AuthnRequest is refused and audited [${backend}]`, function () {
        let t;
        let key;
        let stranger;
        let school;
        let sso;
        before(async function () {
            t = await (0, hub_1.startTestHub)(this, 'saml_attacks', { TRUST_PROXY: 'loopback' }, backend);
            sso = `${t.baseUrl}/saml/sso`;
            key = (await (0, federation_1.testSpKeys)()).signing;
            stranger = await (0, secrets_1.generateKeyPair)('stranger');
            school = await (0, federation_1.seedSchool)(t.hub, {
                brin: '55EE',
                participant: 'Uitgeverij N',
                pupilFirstName: '</saml:AttributeValue><saml:Attribute Name="role">',
            });
            await (0, federation_1.registerSp)(t.hub, 'Uitgeverij N', spMetadata(OPTIONAL, key.certificatePem, false));
            await (0, federation_1.registerSp)(t.hub, 'Uitgeverij N', spMetadata(SIGNED, key.certificatePem, true));
        });
        after(async () => t?.stop());
        const fields = (f = {}) => ({ issuer: OPTIONAL, destination: sso, acsUrl: ACS, ...f });
        const get = (query, browser = new hub_1.Browser()) => browser.request(`${sso}?${query}`);
        const post = (form, browser = new hub_1.Browser()) => browser.request(sso, { form });
        async function expectRefused(res, reason) {
            (0, chai_1.expect)(res.status, res.body.slice(0, 300)).to.equal(400);
            (0, chai_1.expect)(res.body).to.contain('Inloggen via deze link lukt niet');
            (0, chai_1.expect)(res.body).not.to.contain('SAMLResponse');
            const [last] = await t.hub.db.dataSource.query("SELECT details FROM audit_events WHERE action = 'saml.authn_request.refused' ORDER BY id DESC LIMIT 1");
            (0, chai_1.expect)(last, 'an audit entry').to.exist;
            (0, chai_1.expect)(last.details.reason).to.match(reason);
        }
        const signedPost = (f = {}, k = key) => (0, attacker_1.signXml)((0, attacker_1.authnRequestXml)(fields(f)), k);
        const signatureOf = (xml) => xml.slice(xml.indexOf('<ds:Signature'), xml.indexOf('</ds:Signature>') + '</ds:Signature>'.length);
        it('accepts a well-formed signed POST request (baseline): login is asked', async () => {
            const res = await post((0, attacker_1.postFields)(signedPost()));
            (0, chai_1.expect)(res.status).to.equal(303);
            (0, chai_1.expect)(res.location).to.contain('/login?return=');
        });
        describe('signature wrapping and signature structure', () => {
            it('signature moved to a new root with an attacker ID and ACS, original in ds:Object', async () => {
                const original = signedPost();
                const sig = signatureOf(original).replace('</ds:Signature>', `<ds:Object>${original}</ds:Object></ds:Signature>`);
                const evil = (0, attacker_1.authnRequestXml)(fields({ id: '_evil', acsUrl: 'https://evil.example/acs', issuerXml: `<saml:Issuer>${OPTIONAL}</saml:Issuer>${sig}` }));
                await expectRefused(await post((0, attacker_1.postFields)(evil)), /Object|Reference|signature/i);
            });
            it('original signed request tucked into Extensions of an unsigned attacker root', async () => {
                const original = signedPost();
                const evil = (0, attacker_1.authnRequestXml)(fields({ id: '_evil2', acsUrl: 'https://evil.example/acs', extensions: `<samlp:Extensions>${original}</samlp:Extensions>` }));
                await expectRefused(await post((0, attacker_1.postFields)(evil)), /direct child|Extensions|more than one Signature/i);
            });
            it('signed root, with a signed copy in Extensions (attacker reads the wrong one)', async () => {
                const inner = signedPost({ acsUrl: ACS });
                const evil = (0, attacker_1.authnRequestXml)(fields({ id: '_outer', extensions: `<samlp:Extensions><x:wrap xmlns:x="urn:x">${inner}</x:wrap></samlp:Extensions>` }));
                await expectRefused(await post((0, attacker_1.postFields)(evil)), /direct child|more than one Signature/i);
            });
            it('Reference URI not matching the root ID', async () => {
                const xml = signedPost().replace(/URI="#[^"]+"/, 'URI="#_other"');
                await expectRefused(await post((0, attacker_1.postFields)(xml)), /Reference must point at the message root/);
            });
            it('empty Reference URI', async () => {
                await expectRefused(await post((0, attacker_1.postFields)(signedPost().replace(/URI="#[^"]+"/, 'URI=""'))), /Reference must point at the message root/);
            });
            it('two References', async () => {
                const xml = signedPost();
                const ref = /<ds:Reference[\s\S]*?<\/ds:Reference>/.exec(xml)[0];
                await expectRefused(await post((0, attacker_1.postFields)(xml.replace(ref, ref + ref))), /more than 1 Reference/);
            });
            it('duplicate IDs', async () => {
                const id = (0, attacker_1.newRequestId)();
                const xml = signedPost({ id }).replace('</ds:Signature>', `</ds:Signature><samlp:Extensions><x:e xmlns:x="urn:x" ID="${id}"/></samlp:Extensions>`);
                await expectRefused(await post((0, attacker_1.postFields)(xml)), /duplicate ID/);
            });
            it('two Signature elements', async () => {
                const xml = signedPost();
                const sig = signatureOf(xml);
                await expectRefused(await post((0, attacker_1.postFields)(xml.replace(sig, sig + sig))), /more than (one|1) Signature/);
            });
            it('two SignedInfo elements', async () => {
                const xml = signedPost();
                const si = /<ds:SignedInfo[\s\S]*?<\/ds:SignedInfo>/.exec(xml)[0];
                await expectRefused(await post((0, attacker_1.postFields)(xml.replace(si, si + si))), /SignedInfo|more than 1/);
            });
            it('a comment inside DigestValue', async () => {
                const xml = signedPost().replace(/<ds:DigestValue>(.{8})/, '<ds:DigestValue>$1<!---->');
                await expectRefused(await post((0, attacker_1.postFields)(xml)), /comments or processing instructions inside the Signature|DigestValue may only contain text/);
            });
            it('a stranger’s key with its own certificate in KeyInfo', async () => {
                await expectRefused(await post((0, attacker_1.postFields)(signedPost({}, stranger))), /does not verify with the SP's registered certificates/);
            });
            it('the right certificate in KeyInfo but another key', async () => {
                const xml = (0, attacker_1.signXml)((0, attacker_1.authnRequestXml)(fields()), stranger, { keyInfoCert: key.certificatePem });
                await expectRefused(await post((0, attacker_1.postFields)(xml)), /does not verify/);
            });
            it('rsa-sha1 signature with sha1 digest (POST)', async () => {
                await expectRefused(await post((0, attacker_1.postFields)((0, attacker_1.signXml)((0, attacker_1.authnRequestXml)(fields()), key, { alg: attacker_1.SHA1 }))), /rsa-sha1 is not allowed/);
            });
            it('rsa-sha1 SigAlg (Redirect)', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields()), { key, sigAlg: attacker_1.SHA1.sig })), /SigAlg .*rsa-sha1 is not allowed/);
            });
            it('unknown SigAlg (Redirect)', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields()), { key, sigAlg: 'urn:example:none' })), /SigAlg urn:example:none is not allowed/);
            });
            it('an invalid optional signature is still verified and refused', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields()), { key, tamper: (o) => `${o}x` })), /does not verify/);
            });
            it('an unsigned request where the SP’s metadata requires signing', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ issuer: SIGNED })))), /must sign its AuthnRequests/);
                await expectRefused(await post((0, attacker_1.postFields)((0, attacker_1.authnRequestXml)(fields({ issuer: SIGNED })))), /must sign its AuthnRequests/);
            });
            it('an XML signature inside an HTTP-Redirect message', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)(signedPost())), /not allowed in the HTTP-Redirect binding/);
            });
        });
        describe('XML parsing limits', () => {
            it('DOCTYPE', async () => {
                await expectRefused(await post((0, attacker_1.postFields)((0, attacker_1.authnRequestXml)(fields({ prolog: '<!DOCTYPE x>' })))), /DOCTYPE/);
            });
            it('external entity', async () => {
                const xml = (0, attacker_1.authnRequestXml)(fields({ prolog: '<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>', issuerXml: '<saml:Issuer>&e;</saml:Issuer>' }));
                await expectRefused(await post((0, attacker_1.postFields)(xml)), /DOCTYPE/);
            });
            it('billion laughs is refused before any expansion (by the DOCTYPE rule)', async () => {
                const lol = '<!DOCTYPE lolz [<!ENTITY lol "lol">' +
                    Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('') +
                    ']>';
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ prolog: lol, issuerXml: '<saml:Issuer>&lol9;</saml:Issuer>' })))), /DOCTYPE/);
            });
            it('oversized query string (before inflating)', async () => {
                await expectRefused(await get(`${(0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields()))}&pad=${'a'.repeat(9_000)}`), /query string larger than/);
            });
            it('oversized message after inflating (deflate bomb)', async () => {
                const bomb = node_zlib_1.default.deflateRawSync(Buffer.from((0, attacker_1.authnRequestXml)(fields()).replace('<saml:Issuer>', `<!--${' '.repeat(300_000)}--><saml:Issuer>`)));
                (0, chai_1.expect)(bomb.length).to.be.below(2_000);
                await expectRefused(await get((0, attacker_1.redirectQuery)('', { deflated: bomb })), /larger than .* after inflating/);
            });
            it('oversized POST payload', async () => {
                await expectRefused(await post({ SAMLRequest: Buffer.from('<x/>'.repeat(30_000)).toString('base64') }), /larger than/);
            });
            it('not XML at all, and not base64', async () => {
                await expectRefused(await post({ SAMLRequest: Buffer.from('hello').toString('base64') }), /not well-formed/);
                await expectRefused(await post({ SAMLRequest: '%%%' }), /not valid base64/);
            });
            it('a comment inside Issuer', async () => {
                await expectRefused(await post((0, attacker_1.postFields)((0, attacker_1.authnRequestXml)(fields({ issuerXml: `<saml:Issuer>${OPTIONAL}<!-- x --></saml:Issuer>` })))), /Issuer may only contain text \(found a comment\)/);
            });
            it('a processing instruction inside Issuer', async () => {
                await expectRefused(await post((0, attacker_1.postFields)((0, attacker_1.authnRequestXml)(fields({ issuerXml: `<saml:Issuer>${OPTIONAL}<?pi x?></saml:Issuer>` })))), /processing instruction/);
            });
            it('schema violation: an unknown element', async () => {
                await expectRefused(await post((0, attacker_1.postFields)((0, attacker_1.authnRequestXml)(fields({ extensions: '<saml:Subject/><samlp:Bogus/>' })))), /unexpected or misplaced element Bogus/);
            });
        });
        describe('issuer, destination, time, replay', () => {
            it('unknown Issuer', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ issuer: 'https://unknown.example/sp' })))), /unknown Issuer/);
            });
            it('wrong Destination', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ destination: 'https://other-idp.example/sso' })))), /Destination .* is not this endpoint/);
            });
            it('missing Destination', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ destination: null })))), /has no Destination/);
            });
            it('stale IssueInstant', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ issueInstant: new Date(Date.now() - 10 * 60_000) })))), /too old/);
            });
            it('future IssueInstant', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ issueInstant: new Date(Date.now() + 10 * 60_000) })))), /in the future/);
            });
            it('replayed request ID (the replay cache is in the database)', async () => {
                const query = (0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields()), { key });
                (0, chai_1.expect)((await get(query)).status).to.equal(303);
                await expectRefused(await get(query), /already used \(replay\)/);
                const [row] = await t.hub.db.dataSource.query('SELECT count(*)::int AS n FROM saml_message_ids');
                (0, chai_1.expect)(row.n).to.be.greaterThan(0);
            });
            it('replayed request ID with a live session: the second answer is refused, no second Response or ledger row', async () => {
                const browser = new hub_1.Browser();
                (0, chai_1.expect)((await browser.passwordLogin(t.baseUrl, school.pupil.username, school.pupil.password)).status).to.equal(303);
                const query = (0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields()), { key });
                const ledger = async () => Number((await t.hub.db.dataSource.query('SELECT count(*)::int AS n FROM release_ledger'))[0].n);
                const first = await get(query, browser);
                (0, chai_1.expect)(first.status).to.equal(200);
                (0, chai_1.expect)(first.body).to.contain('SAMLResponse');
                const before = await ledger();
                const [again, alsoAgain] = await Promise.all([get(query, browser), get(query, browser)]);
                for (const r of [again, alsoAgain])
                    await expectRefused(r, /already used \(replay\)/);
                (0, chai_1.expect)(await ledger(), 'nothing recorded for the replays').to.equal(before);
            });
        });
        describe('ACS, binding, RelayState', () => {
            it('ACS URL not in metadata (unsigned)', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ acsUrl: 'https://evil.example/acs' })))), /not in the SP's metadata/);
            });
            it('ACS URL not in metadata, even when properly signed', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ acsUrl: 'https://evil.example/acs' })), { key })), /not in the SP's metadata/);
            });
            it('ACS index not in metadata', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ acsUrl: null, protocolBinding: null, acsIndex: 7 })))), /Index 7 is not in the SP's metadata/);
            });
            it('ACS index whose binding is not HTTP-POST', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ acsUrl: null, protocolBinding: null, acsIndex: 1 })))), /does not use HTTP-POST/);
            });
            it('unknown ProtocolBinding', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ protocolBinding: 'urn:example:carrier-pigeon' })))), /ProtocolBinding .* not supported/);
            });
            it('over-long RelayState', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields()), { relayState: 'x'.repeat(81) })), /RelayState longer than 80 bytes/);
            });
            it('markup in RelayState', async () => {
                await expectRefused(await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields()), { relayState: '"><script>alert(1)</script>' })), /RelayState contains markup/);
            });
        });
        describe('authentication context and what comes out', () => {
            async function login(browser, username, password) {
                (0, chai_1.expect)((await browser.passwordLogin(t.baseUrl, username, password)).status).to.equal(303);
            }
            it('IsPassive without a session answers NoPassive to the verified ACS', async () => {
                const res = await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ isPassive: true })), { relayState: 'rs' }));
                (0, chai_1.expect)(res.status).to.equal(200);
                const form = (0, hub_1.readPostForm)(res.body);
                (0, chai_1.expect)(form.action).to.equal(ACS);
                (0, chai_1.expect)(form.fields.RelayState).to.equal('rs');
                const xml = Buffer.from(form.fields.SAMLResponse, 'base64').toString();
                (0, chai_1.expect)(xml).to.contain('urn:oasis:names:tc:SAML:2.0:status:NoPassive').and.not.to.contain('Assertion');
            });
            it('ForceAuthn with a live session asks for the password again', async () => {
                const browser = new hub_1.Browser();
                await login(browser, school.pupil.username, school.pupil.password);
                const plain = await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields())), browser);
                (0, chai_1.expect)(plain.status, 'no ForceAuthn: straight to the response').to.equal(200);
                const forced = await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ forceAuthn: true }))), browser);
                (0, chai_1.expect)(forced.status).to.equal(303);
                (0, chai_1.expect)(forced.location).to.contain('/login');
            });
            it('escapes attribute values (markup in a name stays text) and releases only requested attributes', async () => {
                const browser = new hub_1.Browser();
                await login(browser, school.pupil.username, school.pupil.password);
                const res = await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields())), browser);
                const xml = Buffer.from((0, hub_1.readPostForm)(res.body).fields.SAMLResponse, 'base64').toString();
                const doc = new xmldom_1.DOMParser().parseFromString(xml, 'text/xml');
                const attributes = Array.from(doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Attribute'));
                (0, chai_1.expect)(attributes.map((a) => a.getAttribute('Name'))).to.deep.equal(['urn:oid:2.5.4.42']);
                const values = Array.from(attributes[0].getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'AttributeValue'));
                (0, chai_1.expect)(values.map((v) => v.textContent)).to.deep.equal(['</saml:AttributeValue><saml:Attribute Name="role">']);
                (0, chai_1.expect)(xml).not.to.contain('Horst');
            });
        });
        describe('NameID formats', () => {
            async function loggedIn() {
                const browser = new hub_1.Browser();
                await browser.passwordLogin(t.baseUrl, school.teacher.username, school.teacher.password);
                return browser;
            }
            const nameIdOf = (body) => {
                const xml = Buffer.from((0, hub_1.readPostForm)(body).fields.SAMLResponse, 'base64').toString();
                return { xml, format: /<saml:NameID Format="([^"]+)"/.exec(xml)?.[1], value: /<saml:NameID [^>]*>([^<]+)</.exec(xml)?.[1] };
            };
            it('persistent by default (stable), transient when requested (fresh each time)', async () => {
                const browser = await loggedIn();
                const p1 = nameIdOf((await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields())), browser)).body);
                const p2 = nameIdOf((await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent' }))), browser)).body);
                (0, chai_1.expect)(p1.format).to.equal('urn:oasis:names:tc:SAML:2.0:nameid-format:persistent');
                (0, chai_1.expect)(p2.value).to.equal(p1.value);
                const t1 = nameIdOf((await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' }))), browser)).body);
                const t2 = nameIdOf((await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' }))), browser)).body);
                (0, chai_1.expect)(t1.format).to.equal('urn:oasis:names:tc:SAML:2.0:nameid-format:transient');
                (0, chai_1.expect)(t1.value).not.to.equal(t2.value);
                (0, chai_1.expect)(t1.value).not.to.equal(p1.value);
            });
            it('an unsupported NameID format answers InvalidNameIDPolicy to the verified ACS', async () => {
                const res = await get((0, attacker_1.redirectQuery)((0, attacker_1.authnRequestXml)(fields({ nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' }))));
                const { xml } = nameIdOf(res.body);
                (0, chai_1.expect)(xml).to.contain('urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy').and.not.to.contain('<saml:Assertion');
            });
        });
        describe('password guessing', () => {
            beforeEach(async () => t.hub.db.dataSource.query('DELETE FROM login_throttle'));
            after(async () => t.hub.db.dataSource.query('DELETE FROM login_throttle'));
            const attempt = (browser, username, password) => browser.passwordLogin(t.baseUrl, username, password);
            const message = (body) => /role="alert">([^<]*)</.exec(body)?.[1];
            it('answers an unknown user and a wrong password identically, and throttles both per account', async () => {
                const browser = new hub_1.Browser();
                const wrong = await attempt(browser, school.teacher.username, 'wrong-password-1');
                const unknown = await attempt(browser, 'nobody.at.all', 'wrong-password-1');
                (0, chai_1.expect)(wrong.status).to.equal(401);
                (0, chai_1.expect)(unknown.status).to.equal(401);
                (0, chai_1.expect)(message(wrong.body)).to.equal(message(unknown.body));
                for (let i = 0; i < 4; i++) {
                    await attempt(browser, school.teacher.username, `wrong-${i}`);
                    await attempt(browser, 'nobody.at.all', `wrong-${i}`);
                }
                const blockedReal = await attempt(browser, school.teacher.username, school.teacher.password);
                const blockedUnknown = await attempt(browser, 'nobody.at.all', 'x');
                (0, chai_1.expect)(blockedReal.status).to.equal(429);
                (0, chai_1.expect)(blockedUnknown.status).to.equal(429);
                (0, chai_1.expect)(blockedReal.headers.get('retry-after')).to.match(/^\d+$/);
                (0, chai_1.expect)(message(blockedReal.body).replace(/\d+/g, 'N')).to.equal(message(blockedUnknown.body).replace(/\d+/g, 'N'));
                const rows = JSON.stringify(await t.hub.db.dataSource.query('SELECT * FROM login_throttle'));
                (0, chai_1.expect)(rows).not.to.contain(school.teacher.username).and.not.to.contain('127.0.0.1');
            });
            it('cannot lock the real user out: their own browser (known device) still logs in while guessers are held back', async () => {
                const owner = new hub_1.Browser();
                (0, chai_1.expect)((await attempt(owner, school.teacher.username, school.teacher.password)).status, 'first login from this browser').to.equal(303);
                const attacker = new hub_1.Browser();
                for (let i = 0; i < 22; i++)
                    await attempt(attacker, school.teacher.username, `guess-${i}`);
                (0, chai_1.expect)((await attempt(attacker, school.teacher.username, school.teacher.password)).status, 'the guesser, even with the right password').to.equal(429);
                (0, chai_1.expect)((await attempt(new hub_1.Browser(), school.teacher.username, school.teacher.password)).status, 'any other unknown browser').to.equal(429);
                (0, chai_1.expect)((await attempt(owner, school.teacher.username, school.teacher.password)).status, 'the owner’s own browser').to.equal(303);
                // a forged cookie, or the owner's cookie with its signature altered, does not help
                const ownerCookie = owner.cookie('leerpoort.device');
                (0, chai_1.expect)(ownerCookie).to.be.a('string');
                for (const forged of ['abc.def.ghi', `${ownerCookie.slice(0, -2)}xx`, ownerCookie.replace(/^[^.]+/, 'someone-else')]) {
                    const forger = new hub_1.Browser();
                    forger.setCookie('leerpoort.device', forged);
                    (0, chai_1.expect)((await attempt(forger, school.teacher.username, school.teacher.password)).status, forged).to.equal(429);
                }
                const copied = new hub_1.Browser();
                copied.setCookie('leerpoort.device', ownerCookie);
                (0, chai_1.expect)((await attempt(copied, school.teacher.username, school.teacher.password)).status, 'the genuine cookie works in any browser that has it').to.equal(303);
            });
            it('throttles per source address across many usernames (outside every school network)', async () => {
                const browser = new hub_1.Browser('203.0.113.50');
                for (let i = 0; i < 30; i++)
                    await attempt(browser, `guess.${i}`, 'Welkom-2026!');
                const res = await attempt(browser, school.pupil.username, school.pupil.password);
                (0, chai_1.expect)(res.status).to.equal(429);
                const [audit] = await t.hub.db.dataSource.query("SELECT details FROM audit_events WHERE action = 'login.password' ORDER BY id DESC LIMIT 1");
                (0, chai_1.expect)(audit.details.reason).to.equal('throttled');
            });
        });
        describe('afterwards', () => {
            it('every refusal above left its own audit entry', async () => {
                const [row] = await t.hub.db.dataSource.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'saml.authn_request.refused'");
                (0, chai_1.expect)(row.n).to.be.greaterThan(35);
            });
        });
    });
}
//# sourceMappingURL=saml-attacks.test.js.map
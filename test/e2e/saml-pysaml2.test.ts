import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { BACKENDS } from '../support/postgres';
import { hasXmlsec1, registerSp, requireTool, seedSchool, testSpKeys, type SeededSchool } from '../support/federation';
import { Browser, loginThroughSso, startTestHub, type TestHub } from '../support/hub';
import { Pysaml2Sp, pysaml2Available } from '../support/pysaml2';

// Every suite runs on both backends: the embedded PGlite of `npm start` and PostgreSQL.
for (const backend of BACKENDS) {
  describe(`SAML SSO and SLO with pysaml2 as the SP (Debian python3-pysaml2, xmlsec1) [${backend}]`, function () {
    let t: TestHub;
    let school: SeededSchool;
    let sp: Pysaml2Sp;
    const entityId = 'https://sp.uitgeverij-p.example/pysaml2';

    before(async function () {
      requireTool(this, pysaml2Available() && hasXmlsec1(), 'pysaml2 and xmlsec1 (Debian packages python3-pysaml2, xmlsec1)');
      t = await startTestHub(this, 'saml_pysaml2', {}, backend);
      school = await seedSchool(t.hub, { brin: '66FF', participant: 'Uitgeverij P' });
      const keys = await testSpKeys();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-pysaml2-'));
      fs.writeFileSync(path.join(dir, 'sp.key'), keys.signing.privateKeyPem);
      fs.writeFileSync(path.join(dir, 'sp.crt'), keys.signing.certificatePem);
      fs.writeFileSync(path.join(dir, 'idp.xml'), await (await fetch(`${t.baseUrl}/saml/metadata`)).text());
      sp = new Pysaml2Sp();
      await sp.call('init', {
        entity_id: entityId,
        acs: 'http://127.0.0.1:9/pysaml2/acs',
        slo: 'http://127.0.0.1:9/pysaml2/slo',
        key_file: path.join(dir, 'sp.key'),
        cert_file: path.join(dir, 'sp.crt'),
        idp_metadata_file: path.join(dir, 'idp.xml'),
      });
      const { xml } = await sp.call<{ xml: string }>('metadata');
      const registered = await registerSp(t.hub, 'Uitgeverij P', xml);
      expect(registered.serviceProvider.requestedAttributes.map((a) => a.name)).to.include('urn:oid:2.5.4.42');
      expect(registered.serviceProvider.authnRequestsSigned).to.equal(true);
    });
    after(async () => {
      sp?.stop();
      await t?.stop();
    });

    it('logs a pupil in: pysaml2 verifies the signatures with xmlsec1 and reads only the requested attributes', async () => {
      const { url, request_id } = await sp.call<{ url: string; request_id: string }>('login_url', {
        idp_entity_id: t.hub.config.idpEntityId,
        relay_state: 'ps-rs',
      });
      const browser = new Browser();
      const { form } = await loginThroughSso(browser, url, school.pupil.username, school.pupil.password);
      expect(form!.fields.RelayState).to.equal('ps-rs');
      const r = await sp.call<{
        name_id: string;
        issuer: string;
        attributes: Record<string, string[]>;
        in_response_to: string;
        session_index: string;
      }>('parse_response', { saml_response: form!.fields.SAMLResponse });
      expect(r.issuer).to.equal(t.hub.config.idpEntityId);
      expect(r.in_response_to).to.equal(request_id);
      expect(r.attributes.givenName).to.deep.equal(['Fenna']);
      expect(r.attributes.sn).to.deep.equal(['Horst']);
      expect(Object.keys(r.attributes).sort()).to.deep.equal(['eduPersonAffiliation', 'givenName', 'sn']);

      // SP-initiated logout from pysaml2 (signed Redirect), answered with a signed Redirect LogoutResponse.
      const { url: logoutUrl } = await sp.call<{ url: string }>('logout_url');
      const res = await browser.request(logoutUrl);
      expect(res.status).to.equal(303);
      expect(res.location).to.match(/^http:\/\/127\.0\.0\.1:9\/pysaml2\/slo\?SAMLResponse=/);
      const query = new URL(res.location!).searchParams;
      expect(query.get('Signature')).to.be.a('string');
      const lr = await sp.call<{ status_ok: boolean }>('parse_logout_response', { saml_response: query.get('SAMLResponse') });
      expect(lr.status_ok).to.equal(true);
      const again = await sp.call<{ url: string }>('login_url', { idp_entity_id: t.hub.config.idpEntityId });
      const after = await browser.request(again.url);
      expect(after.location ?? '', 'the hub session has ended').to.contain('/login');
      // the first request's ID cannot be used again
      expect((await new Browser().request(url)).status).to.equal(400);
    });
  });
}

import zlib from 'node:zlib';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { expect } from 'chai';
import { BACKENDS } from '../support/postgres';
import { NAMEID_FORMAT } from '../../src/saml/xml/namespaces';
import {
  hasXmlsec1,
  nodeSamlSp,
  registerSp,
  requireTool,
  seedSchool,
  testSpKeys,
  xmlsec1Verify,
  type SeededSchool,
  type TestSpKeys,
} from '../support/federation';
import { Browser, loginThroughSso, readPostForm, startTestHub, type TestHub } from '../support/hub';

function sp(t: TestHub, name: string, keys: TestSpKeys) {
  return nodeSamlSp({
    hubUrl: t.baseUrl,
    idpCert: t.hub.secrets.samlSigning.certificatePem,
    entityId: `https://${name}.example/sp`,
    acs: `http://127.0.0.1:9/${name}/acs`,
    sloUrl: `http://127.0.0.1:9/${name}/slo`,
    keys,
    validateInResponseTo: ValidateInResponseTo.always,
  });
}

// Every suite runs on both backends: the embedded PGlite of `npm start` and PostgreSQL.
for (const backend of BACKENDS) {
  describe(`SAML Single Logout with two node-saml SPs [${backend}]`, function () {
    let t: TestHub;
    let school: SeededSchool;
    let keys: Awaited<ReturnType<typeof testSpKeys>>;
    let sp1: SAML;
    let sp2: SAML;

    before(async function () {
      t = await startTestHub(this, 'saml_slo', {}, backend);
      keys = await testSpKeys();
      school = await seedSchool(t.hub, { brin: '44DD', participant: 'Uitgeverij S' });
      sp1 = sp(t, 'een', keys);
      sp2 = sp(t, 'twee', keys);
      for (const s of [sp1, sp2])
        await registerSp(t.hub, 'Uitgeverij S', s.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
          attributes: ['givenName'],
        });
    });
    after(async () => t?.stop());

    async function loginBoth(browser: Browser) {
      const a = await loginThroughSso(
        browser,
        await sp1.getAuthorizeUrlAsync('', undefined, {}),
        school.pupil.username,
        school.pupil.password,
      );
      const p1 = (await sp1.validatePostResponseAsync({ SAMLResponse: a.form!.fields.SAMLResponse! })).profile!;
      const b = await loginThroughSso(browser, await sp2.getAuthorizeUrlAsync('', undefined, {}), 'unused', 'unused');
      const p2 = (await sp2.validatePostResponseAsync({ SAMLResponse: b.form!.fields.SAMLResponse! })).profile!;
      return { p1, p2 };
    }

    it('SP-initiated logout ends the hub session, is propagated to the other SP and answered with a signed LogoutResponse', async function () {
      requireTool(this, hasXmlsec1(), 'xmlsec1 (Debian package xmlsec1)');
      const browser = new Browser();
      const { p1 } = await loginBoth(browser);

      const logoutUrl = await sp1.getLogoutUrlAsync(p1, 'terug-naar-start', {});
      const logoutRequestXml = zlib.inflateRawSync(Buffer.from(new URL(logoutUrl).searchParams.get('SAMLRequest')!, 'base64')).toString();
      const logoutRequestId = /ID="([^"]+)"/.exec(logoutRequestXml)![1];
      const step1 = await browser.request(logoutUrl);
      expect(step1.status, step1.body.slice(0, 300)).to.equal(200);
      const toSp2 = readPostForm(step1.body);
      expect(toSp2.action).to.equal('http://127.0.0.1:9/twee/slo');
      const propagated = Buffer.from(toSp2.fields.SAMLRequest!, 'base64').toString();
      const verified = await xmlsec1Verify(
        propagated,
        t.hub.secrets.samlSigning.certificatePem,
        'urn:oasis:names:tc:SAML:2.0:protocol:LogoutRequest',
        "/*/*[local-name()='Signature']",
      );
      expect(verified.ok, verified.output).to.equal(true);
      const atSp2 = await sp2.validatePostRequestAsync({ SAMLRequest: toSp2.fields.SAMLRequest! });
      expect(atSp2.loggedOut).to.equal(true);

      const back = await sp2.getLogoutResponseUrlAsync(atSp2.profile!, '', {}, true);
      const step2 = await browser.request(back);
      expect(step2.status, step2.body.slice(0, 300)).to.equal(200);
      const toSp1 = readPostForm(step2.body);
      expect(toSp1.action).to.equal('http://127.0.0.1:9/een/slo');
      expect(toSp1.fields.RelayState).to.equal('terug-naar-start');
      // node-saml reads InResponseTo only from a <Response> root, so with 'always' it refuses any POSTed
      // LogoutResponse; it checks the signature and status with 'ifPresent', and we check InResponseTo.
      const lenient = new SAML({ ...sp1.options, validateInResponseTo: ValidateInResponseTo.ifPresent });
      const done = await lenient.validatePostResponseAsync({ SAMLResponse: toSp1.fields.SAMLResponse! });
      expect(done.loggedOut).to.equal(true);
      const logoutResponseXml = Buffer.from(toSp1.fields.SAMLResponse!, 'base64').toString();
      expect(logoutResponseXml).to.contain(`InResponseTo="${logoutRequestId}"`).and.contain('urn:oasis:names:tc:SAML:2.0:status:Success');
      expect(logoutResponseXml).not.to.contain('PartialLogout');

      // The hub session is gone: a new SSO asks for the password again.
      const again = await browser.request(await sp1.getAuthorizeUrlAsync('', undefined, {}));
      expect(again.status).to.equal(303);
      expect(again.location).to.contain('/login');
      const audit = await t.hub.db.dataSource.query(
        "SELECT outcome FROM audit_events WHERE action = 'saml.logout' ORDER BY id DESC LIMIT 1",
      );
      expect(audit[0].outcome).to.equal('success');
    });

    it('a LogoutRequest naming another user’s NameID and SessionIndex logs out nobody', async () => {
      const browser = new Browser();
      const { p1 } = await loginBoth(browser);
      const forged = { ...p1, nameID: 'iemand-anders-pseudoniem', sessionIndex: '_0000' };
      const res = await browser.request(await sp1.getLogoutUrlAsync(forged, '', {}));
      expect(res.status).to.equal(200);
      const answer = readPostForm(res.body);
      const xml = Buffer.from(answer.fields.SAMLResponse!, 'base64').toString();
      expect(xml).to.contain('urn:oasis:names:tc:SAML:2.0:status:Requester').and.contain('UnknownPrincipal');
      // still logged in: SSO completes without a password
      const again = await loginThroughSso(browser, await sp1.getAuthorizeUrlAsync('', undefined, {}), 'x', 'y');
      expect(again.form).not.to.equal(null);
      const audit = await t.hub.db.dataSource.query(
        "SELECT outcome, details FROM audit_events WHERE action = 'saml.logout' ORDER BY id DESC LIMIT 1",
      );
      expect(audit[0].outcome).to.equal('failure');
    });

    it('an unsigned LogoutRequest from an SP that signs its requests is refused and changes nothing', async () => {
      const browser = new Browser();
      const { p1 } = await loginBoth(browser);
      const url = new URL(await sp1.getLogoutUrlAsync(p1, '', {}));
      url.searchParams.delete('Signature');
      url.searchParams.delete('SigAlg');
      const res = await browser.request(url.toString());
      expect(res.status).to.equal(400);
      expect(res.body).to.contain('must sign');
      const again = await loginThroughSso(browser, await sp1.getAuthorizeUrlAsync('', undefined, {}), 'x', 'y');
      expect(again.form).not.to.equal(null);
    });

    it('an SP with a signing certificate must sign its logout messages even if it does not sign AuthnRequests; expired metadata is refused', async () => {
      const entity = 'https://drie.example/sp';
      const base = {
        entryPoint: `${t.baseUrl}/saml/sso`,
        logoutUrl: `${t.baseUrl}/saml/slo`,
        issuer: entity,
        callbackUrl: 'http://127.0.0.1:9/drie/acs',
        logoutCallbackUrl: 'http://127.0.0.1:9/drie/slo',
        idpCert: t.hub.secrets.samlSigning.certificatePem,
        audience: entity,
        identifierFormat: NAMEID_FORMAT.persistent,
        wantAssertionsSigned: true,
        validateInResponseTo: ValidateInResponseTo.never,
        disableRequestedAuthnContext: true,
      };
      const unsigned = new SAML(base);
      const signing = new SAML({
        ...base,
        privateKey: keys.signing.privateKeyPem,
        publicCert: keys.signing.certificatePem,
        signatureAlgorithm: 'sha256',
        digestAlgorithm: 'sha256',
      });
      // Its metadata publishes a signing certificate but says it does not sign AuthnRequests.
      const metadata = signing
        .generateServiceProviderMetadata(null, keys.signing.certificatePem)
        .replace('AuthnRequestsSigned="true"', 'AuthnRequestsSigned="false"');
      expect(metadata).to.contain('AuthnRequestsSigned="false"').and.contain('use="signing"');
      await registerSp(t.hub, 'Uitgeverij S', metadata, { attributes: ['givenName'] });
      const browser = new Browser();
      const login = await loginThroughSso(
        browser,
        await unsigned.getAuthorizeUrlAsync('', undefined, {}),
        school.pupil.username,
        school.pupil.password,
      );
      const { profile } = await unsigned.validatePostResponseAsync({ SAMLResponse: login.form!.fields.SAMLResponse! });
      const stillLoggedIn = async () => (await browser.request(`${t.baseUrl}/portal`)).status === 200;

      const viaRedirect = await browser.request(await unsigned.getLogoutUrlAsync(profile!, '', {}));
      expect(viaRedirect.status).to.equal(400);
      expect(viaRedirect.body).to.contain('must sign');
      const xml = zlib
        .inflateRawSync(Buffer.from(new URL(await unsigned.getLogoutUrlAsync(profile!, '', {})).searchParams.get('SAMLRequest')!, 'base64'))
        .toString();
      const viaPost = await browser.request(`${t.baseUrl}/saml/slo`, { form: { SAMLRequest: Buffer.from(xml).toString('base64') } });
      expect(viaPost.status).to.equal(400);
      expect(await stillLoggedIn(), 'nobody was logged out').to.equal(true);

      await t.hub.db.dataSource.query(
        "UPDATE service_providers SET metadata_valid_until = now() - interval '1 minute' WHERE entity_id = $1",
        [entity],
      );
      await t.hub.db.settled(); // the hub's cache has heard of the change
      const expired = await browser.request(await signing.getLogoutUrlAsync(profile!, '', {}));
      expect(expired.status).to.equal(400);
      expect(expired.body).to.contain('has expired');
      expect(await stillLoggedIn()).to.equal(true);

      await t.hub.db.dataSource.query('UPDATE service_providers SET metadata_valid_until = NULL WHERE entity_id = $1', [entity]);
      await t.hub.db.settled();
      const signed = await browser.request(await signing.getLogoutUrlAsync(profile!, '', {}));
      expect(signed.status, 'a signed request is honoured').to.be.oneOf([200, 303]);
      expect(await stillLoggedIn()).to.equal(false);
    });

    it('POST /logout (IdP-initiated, CSRF-protected) logs out of the hub and tells every SP', async () => {
      const browser = new Browser();
      await loginBoth(browser);
      const noCsrf = await browser.request(`${t.baseUrl}/logout`, { form: { _csrf: 'wrong' } });
      expect(noCsrf.status).to.equal(403);
      const first = await browser.submit(`${t.baseUrl}/logout`, {}, `${t.baseUrl}/login?return=%2Fportal`);
      const req1 = readPostForm(first.body);
      const at1 = await sp1.validatePostRequestAsync({ SAMLRequest: req1.fields.SAMLRequest! }).catch(() => null);
      const at = at1 ?? (await sp2.validatePostRequestAsync({ SAMLRequest: req1.fields.SAMLRequest! }));
      const owner = at1 ? sp1 : sp2;
      const second = await browser.request(await owner.getLogoutResponseUrlAsync(at.profile!, '', {}, true));
      const req2 = readPostForm(second.body);
      const other = owner === sp1 ? sp2 : sp1;
      const atOther = await other.validatePostRequestAsync({ SAMLRequest: req2.fields.SAMLRequest! });
      const last = await browser.request(await other.getLogoutResponseUrlAsync(atOther.profile!, '', {}, true));
      expect(last.status).to.equal(200);
      expect(last.body).to.contain('Je bent uitgelogd');
    });
  });
}

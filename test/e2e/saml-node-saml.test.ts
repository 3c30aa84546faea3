import { type SamlConfig, ValidateInResponseTo } from '@node-saml/node-saml';
import { expect } from 'chai';
import { BACKENDS } from '../support/postgres';
import { DOMParser } from '@xmldom/xmldom';
import { NAMEID_FORMAT } from '../../src/saml/xml/namespaces';
import { runCli } from '../support/cli';
import { TEST_KEYRING_TEXT } from '../support/env';
import { Browser, loginThroughSso, readPostForm, startTestHub, type TestHub } from '../support/hub';
import {
  ASSERTION_SIGNATURE,
  RESPONSE_SIGNATURE,
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

const ACS = 'http://127.0.0.1:9/node-saml/acs';

/** This suite's SP: strict about every check node-saml offers (signed Response, InResponseTo, Issuer). */
const nodeSamlSpOf = (t: TestHub, entityId: string, keys: TestSpKeys, extra: Partial<SamlConfig> = {}) =>
  nodeSamlSp({
    hubUrl: t.baseUrl,
    idpCert: t.hub.secrets.samlSigning.certificatePem,
    idpIssuer: t.hub.config.idpEntityId,
    entityId,
    acs: ACS,
    keys,
    decrypt: true,
    validateInResponseTo: ValidateInResponseTo.always,
    extra: { wantAuthnResponseSigned: true, acceptedClockSkewMs: 5000, ...extra },
  });

function xmlOf(samlResponseB64: string) {
  const xml = Buffer.from(samlResponseB64, 'base64').toString('utf8');
  return { xml, doc: new DOMParser().parseFromString(xml, 'text/xml') };
}

const attr = (doc: Document, local: string, name: string) => {
  const els = Array.from(doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', local) as unknown as ArrayLike<Element>);
  return els.map((e) => e.getAttribute(name));
};

// Every suite runs on both backends: the embedded PGlite of `npm start` and PostgreSQL.
for (const backend of BACKENDS) {
  describe(`SAML SSO with @node-saml/node-saml as the SP (real HTTP, xmlsec1) [${backend}]`, function () {
    let t: TestHub;
    let school: SeededSchool;
    let keys: Awaited<ReturnType<typeof testSpKeys>>;
    const entityId = 'https://sp.uitgeverij-a.example/node-saml';

    before(async function () {
      t = await startTestHub(this, 'saml_nodesaml', {}, backend);
      keys = await testSpKeys();
      school = await seedSchool(t.hub, { brin: '11AA', participant: 'Uitgeverij A' });
      const metadata = nodeSamlSpOf(t, entityId, keys).generateServiceProviderMetadata(
        keys.encryption.certificatePem,
        keys.signing.certificatePem,
      );
      await registerSp(t.hub, 'Uitgeverij A', metadata, {
        attributes: [
          'givenName',
          'sn',
          'tussenvoegsel',
          'groepNaam',
          'jaargroep',
          'brin',
          'eduPersonAffiliation',
          'eckId',
          'dateOfBirth',
          'mail',
        ],
      });
    });
    after(async () => t?.stop());

    it('publishes signed metadata (application/samlmetadata+xml, validUntil) that xmlsec1 verifies', async function () {
      requireTool(this, hasXmlsec1(), 'xmlsec1 (Debian package xmlsec1)');
      const res = await fetch(`${t.baseUrl}/saml/metadata`);
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.match(/^application\/samlmetadata\+xml/);
      const xml = await res.text();
      expect(xml).to.contain(`entityID="${t.hub.config.idpEntityId}"`).and.contain('validUntil=');
      expect(xml).to.contain(`Location="${t.baseUrl}/saml/sso"`).and.contain(`Location="${t.baseUrl}/saml/slo"`);
      expect(xml).to.contain(NAMEID_FORMAT.persistent).and.contain(NAMEID_FORMAT.transient);
      expect(xml).to.contain('use="encryption"');
      const verified = await xmlsec1Verify(
        xml,
        t.hub.secrets.samlSigning.certificatePem,
        'urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor',
        "/*/*[local-name()='Signature']",
      );
      expect(verified.ok, verified.output).to.equal(true);
    });

    it('completes SP-initiated login (signed HTTP-Redirect request) for a pupil; node-saml accepts; xmlsec1 verifies both signatures', async function () {
      requireTool(this, hasXmlsec1(), 'xmlsec1 (Debian package xmlsec1)');
      const sp = nodeSamlSpOf(t, entityId, keys);
      // No space: node-saml signs ' ' as %20 but sends '+', and the hub verifies the octets as received.
      const relayState = 'les/3?x=1&y=a-b';
      const start = await sp.getAuthorizeUrlAsync(relayState, undefined, {});
      expect(start).to.contain('Signature=');
      const browser = new Browser();
      const { res, form } = await loginThroughSso(browser, start, school.pupil.username, school.pupil.password);
      expect(form, res.body.slice(0, 400)).not.to.equal(null);
      expect(form!.action).to.equal(ACS);
      expect(form!.fields.RelayState).to.equal(relayState);
      expect(res.headers.get('content-security-policy')).to.contain('form-action http://127.0.0.1:9').and.contain("script-src 'nonce-");

      const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form!.fields.SAMLResponse!, RelayState: relayState });
      expect(profile).not.to.equal(null);
      expect(profile!.nameIDFormat).to.equal(NAMEID_FORMAT.persistent);
      expect(profile!.nameID).to.match(/^[A-Za-z0-9_-]{43}$/);
      expect(profile!['urn:oid:2.5.4.42']).to.equal('Fenna');
      expect(profile!['urn:oid:2.5.4.4']).to.equal('Horst');
      expect(profile!['urn:mace:leerpoort.nl:attribute-def:tussenvoegsel']).to.equal('ter');
      expect(profile!['urn:mace:leerpoort.nl:attribute-def:groepNaam']).to.equal('Groep 6');
      expect(profile!['urn:mace:leerpoort.nl:attribute-def:jaargroep']).to.equal('6');
      expect(profile!['urn:mace:leerpoort.nl:attribute-def:brin']).to.equal('11AA');
      expect(profile!['urn:oid:1.3.6.1.4.1.5923.1.1.1.1']).to.deep.equal(['student', 'member']);
      // not needed by this participant → never released, though allowed for the SP
      expect(profile!['urn:oid:1.3.6.1.5.5.7.9.1'], 'birth date').to.equal(undefined);
      expect(profile!['urn:oid:0.9.2342.19200300.100.1.3'], 'mail').to.equal(undefined);

      const { xml, doc } = xmlOf(form!.fields.SAMLResponse!);
      // node-saml does not check these on a Response; we do.
      const response = doc.documentElement;
      expect(response.getAttribute('Destination')).to.equal(ACS);
      expect(attr(doc, 'SubjectConfirmationData', 'Recipient')).to.deep.equal([ACS]);
      expect(attr(doc, 'SubjectConfirmationData', 'InResponseTo')).to.deep.equal([response.getAttribute('InResponseTo')]);
      const issuers = Array.from(
        doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Issuer') as unknown as ArrayLike<Element>,
      ).map((e) => e.textContent);
      expect(issuers).to.deep.equal([t.hub.config.idpEntityId, t.hub.config.idpEntityId]);
      expect(
        Array.from(doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Audience') as unknown as ArrayLike<Element>).map(
          (e) => e.textContent,
        ),
      ).to.deep.equal([entityId]);
      const nameId = doc.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'NameID')[0]!;
      expect(nameId.getAttribute('NameQualifier')).to.equal(t.hub.config.idpEntityId);
      expect(nameId.getAttribute('SPNameQualifier')).to.equal(entityId);
      const [notBefore] = attr(doc, 'Conditions', 'NotBefore');
      const [notOnOrAfter] = attr(doc, 'Conditions', 'NotOnOrAfter');
      expect(Date.parse(notBefore!)).to.be.below(Date.now());
      expect(Date.parse(notOnOrAfter!) - Date.now()).to.be.within(0, 5 * 60 * 1000);
      expect(attr(doc, 'AuthnStatement', 'SessionIndex')[0]).to.match(/^_[0-9a-f]{40}$/);
      expect(attr(doc, 'Attribute', 'NameFormat').every((f) => f === 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri')).to.equal(true);

      for (const [what, xpath] of [
        ['assertion', ASSERTION_SIGNATURE],
        ['response', RESPONSE_SIGNATURE],
      ] as const) {
        const idAttr =
          what === 'assertion' ? 'urn:oasis:names:tc:SAML:2.0:assertion:Assertion' : 'urn:oasis:names:tc:SAML:2.0:protocol:Response';
        const r = await xmlsec1Verify(xml, t.hub.secrets.samlSigning.certificatePem, idAttr, xpath);
        expect(r.ok, `${what}: ${r.output}`).to.equal(true);
        const wrongKey = await xmlsec1Verify(xml, keys.signing.certificatePem, idAttr, xpath);
        expect(wrongKey.ok, `${what} with a foreign key must fail`).to.equal(false);
      }

      // The same browser a second time: no login prompt, the same pairwise NameID.
      const again = await loginThroughSso(browser, await sp.getAuthorizeUrlAsync('', undefined, {}), 'x', 'y');
      const second = await sp.validatePostResponseAsync({ SAMLResponse: again.form!.fields.SAMLResponse! });
      expect(second.profile!.nameID).to.equal(profile!.nameID);
    });

    it('releases a teacher’s affiliation and a different pseudonym; the audit and ledger hold categories, never values', async () => {
      const sp = nodeSamlSpOf(t, entityId, keys);
      const { form } = await loginThroughSso(
        new Browser(),
        await sp.getAuthorizeUrlAsync('', undefined, {}),
        school.teacher.username,
        school.teacher.password,
      );
      const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form!.fields.SAMLResponse! });
      expect(profile!['urn:oid:1.3.6.1.4.1.5923.1.1.1.1']).to.deep.equal(['faculty', 'employee', 'member']);
      const ledger = await t.hub.db.dataSource.query(
        'SELECT categories, people_count, channel FROM release_ledger ORDER BY id DESC LIMIT 1',
      );
      expect(ledger[0].categories).to.include.members(['firstName', 'lastName', 'groupName', 'affiliation']);
      expect(ledger[0].people_count).to.equal(1);
      const dump = JSON.stringify(await t.hub.db.dataSource.query("SELECT * FROM audit_events WHERE action LIKE 'saml.%'"));
      expect(dump).not.to.contain('Gerrit').and.not.to.contain('Zwaan').and.not.to.contain('Fenna');
    });

    it('encrypts the assertion (AES-256-GCM, RSA-OAEP) when the SP asks for it; node-saml decrypts it', async () => {
      const encEntity = 'https://sp.uitgeverij-a.example/encrypted';
      const sp = nodeSamlSpOf(t, encEntity, keys);
      await registerSp(
        t.hub,
        'Uitgeverij A',
        sp.generateServiceProviderMetadata(keys.encryption.certificatePem, keys.signing.certificatePem),
        { attributes: ['givenName'], encrypt: true },
      );
      const { form } = await loginThroughSso(
        new Browser(),
        await sp.getAuthorizeUrlAsync('', undefined, {}),
        school.pupil.username,
        school.pupil.password,
      );
      const { xml } = xmlOf(form!.fields.SAMLResponse!);
      expect(xml).to.contain('EncryptedAssertion').and.contain('http://www.w3.org/2009/xmlenc11#aes256-gcm').and.contain('rsa-oaep-mgf1p');
      expect(xml).not.to.contain('Fenna');
      const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form!.fields.SAMLResponse! });
      expect(profile!['urn:oid:2.5.4.42']).to.equal('Fenna');
    });

    it('a pupil whose school did not activate the participant gets a friendly Dutch page; the SP receives RequestDenied', async () => {
      const other = await seedSchool(t.hub, { brin: '22BB', participant: 'Uitgeverij A', activate: false });
      const sp = nodeSamlSpOf(t, entityId, keys);
      const { res } = await loginThroughSso(
        new Browser(),
        await sp.getAuthorizeUrlAsync('', undefined, {}),
        other.pupil.username,
        other.pupil.password,
      );
      expect(res.status).to.equal(403);
      expect(res.body).to.contain('Geen toegang tot dit lesmateriaal').and.contain('niet aangezet');
      expect(res.body).not.to.contain('Error:').and.not.to.contain('at ');
      const form = /name="SAMLResponse" value="([^"]+)"/.exec(res.body)![1]!;
      let error: (Error & { xmlStatus?: string }) | null = null;
      await sp.validatePostResponseAsync({ SAMLResponse: form }).catch((e: Error) => (error = e));
      expect(String(error)).to.contain('Responder error: not_activated');
      expect(error!.xmlStatus).to.contain('urn:oasis:names:tc:SAML:2.0:status:RequestDenied');
      const ledger = await t.hub.db.dataSource.query(
        "SELECT count(*)::int AS n FROM release_ledger l JOIN schools s ON s.id = l.school_id WHERE s.brin = '22BB'",
      );
      expect(ledger[0].n).to.equal(0);
    });

    it('a pupil without a licence for the participant’s products is refused the same way', async () => {
      const other = await seedSchool(t.hub, { brin: '33CC', participant: 'Uitgeverij A', licence: false });
      const { res } = await loginThroughSso(
        new Browser(),
        await nodeSamlSpOf(t, entityId, keys).getAuthorizeUrlAsync('', undefined, {}),
        other.pupil.username,
        other.pupil.password,
      );
      expect(res.status).to.equal(403);
      expect(res.body).to.contain('geen geldige licentie');
    });

    it('accepts a signed HTTP-POST AuthnRequest from node-saml as well', async () => {
      // node-saml deflates POST messages unless told not to; the POST binding sends plain base64.
      const sp = nodeSamlSpOf(t, entityId, keys, { authnRequestBinding: 'HTTP-POST', skipRequestCompression: true });
      const fields = (await sp.getAuthorizeMessageAsync('post-rs', undefined, {})) as Record<string, string>;
      expect(Buffer.from(fields.SAMLRequest!, 'base64').toString()).to.match(/<(ds:)?Signature /);
      const { form } = await loginThroughSso(new Browser(), `${t.baseUrl}/saml/sso`, school.pupil.username, school.pupil.password, {
        form: fields,
      });
      expect(form!.fields.RelayState).to.equal('post-rs');
      const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form!.fields.SAMLResponse! });
      expect(profile!['urn:oid:2.5.4.42']).to.equal('Fenna');
    });

    it('IdP-initiated launch posts an unsolicited signed Response, only to an SP that allows it', async () => {
      const launchEntity = 'https://sp.uitgeverij-a.example/launch';
      const sp = nodeSamlSpOf(t, launchEntity, keys, { validateInResponseTo: ValidateInResponseTo.never });
      const metadata = sp.generateServiceProviderMetadata(keys.encryption.certificatePem, keys.signing.certificatePem);
      const [product] = await t.hub.db.repositories.products.findAllByName('Uitgeverij A Rekenen');
      const browser = new Browser();
      await loginThroughSso(
        browser,
        await nodeSamlSpOf(t, entityId, keys).getAuthorizeUrlAsync('', undefined, {}),
        school.pupil.username,
        school.pupil.password,
      );

      const launch = (productId: string) => browser.submit(`${t.baseUrl}/portal/launch/${productId}`, {}, `${t.baseUrl}/portal`);

      await registerSp(t.hub, 'Uitgeverij A', metadata, { attributes: ['givenName'], products: ['Uitgeverij A Rekenen'] });
      const refused = await launch(product!.id);
      expect(refused.status, 'unsolicited not allowed').to.equal(404);

      await registerSp(t.hub, 'Uitgeverij A', metadata, {
        attributes: ['givenName'],
        products: ['Uitgeverij A Rekenen'],
        allowUnsolicited: true,
      });
      const portal = await browser.request(`${t.baseUrl}/portal`);
      expect(portal.body, 'the tile is a form that posts with the CSRF token').to.match(
        new RegExp(`<form method="post" action="/portal/launch/${product!.id}" class="inline"><input type="hidden" name="_csrf"`),
      );
      const res = await launch(product!.id);
      expect(res.status).to.equal(200);
      const form = readPostForm(res.body);
      expect(form.action).to.equal(ACS);
      const xml = Buffer.from(form.fields.SAMLResponse!, 'base64').toString();
      expect(xml).not.to.contain('InResponseTo');
      const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form.fields.SAMLResponse! });
      expect(profile!['urn:oid:2.5.4.42']).to.equal('Fenna');

      // A cross-site link or form cannot launch: GET shows a button, a POST without the token is refused.
      const viaLink = await browser.request(`${t.baseUrl}/portal/launch/${product!.id}`);
      expect(viaLink.status).to.equal(200);
      expect(viaLink.body).not.to.contain('SAMLResponse');
      const crossSite = await browser.request(`${t.baseUrl}/portal/launch/${product!.id}`, { form: { _csrf: 'forged' } });
      expect(crossSite.status).to.equal(403);
      expect(crossSite.body).not.to.contain('SAMLResponse');

      expect((await launch('00000000-0000-4000-8000-000000000000')).status).to.equal(404);
      const anonymous = await new Browser().request(`${t.baseUrl}/portal/launch/${product!.id}`);
      expect(anonymous.status).to.equal(303);
    });

    // The CLI cannot open an embedded data folder while the hub runs on it (by design): PostgreSQL only.
    if (backend === 'postgres')
      it('the ledger CLI shows the releases (categories and counts, never values); sp preview predicts exactly what SSO released', async () => {
        const env = {
          DATABASE_URL: t.hub.config.databaseUrl!,
          CERTS_DIR: t.certsDir,
          DATA_ENCRYPTION_KEY: TEST_KEYRING_TEXT,
          LOG_LEVEL: 'warn',
        };
        const ledger = await runCli(['ledger', '--school', '11AA', '--participant', 'Uitgeverij A', '--json'], env);
        expect(ledger.code, ledger.stderr).to.equal(0);
        const rows = JSON.parse(ledger.stdout) as Array<{
          participantName: string;
          channel: string;
          categories: string[];
          peopleCount: number;
          serviceProviderEntityId: string;
        }>;
        expect(rows.length).to.be.greaterThan(3);
        expect(rows.every((r) => r.participantName === 'Uitgeverij A' && r.channel === 'sso' && r.peopleCount === 1)).to.equal(true);
        expect(ledger.stdout).not.to.contain('Fenna').and.not.to.contain('Horst');
        expect((await runCli(['ledger', '--school', '11AA', '--since', '2999-01-01', '--json'], env)).stdout.trim()).to.equal('[]');
        expect((await runCli(['ledger', '--school', '11AA', '--since', 'gisteren'], env)).code).to.equal(2);

        const preview = await runCli(['sp', 'preview', '--sp', entityId, '--school', '11AA', '--json'], env);
        expect(preview.code, preview.stderr).to.equal(0);
        const p = JSON.parse(preview.stdout) as { activated: boolean; roles: Array<{ role: string; categories: string[] }> };
        expect(p.activated).to.equal(true);
        const pupilRelease = rows.find((r) => r.serviceProviderEntityId === entityId && r.categories.includes('yearGroup'))!;
        const pupilPreview = p.roles.find((r) => r.role === 'pupil')!.categories;
        expect([...pupilPreview].sort()).to.deep.equal([...pupilRelease.categories].sort());

        const other = await runCli(['sp', 'preview', '--sp', entityId, '--school', '22BB', '--json'], env);
        const blocked = JSON.parse(other.stdout) as { blockedBy: string; roles: Array<{ categories: string[] }> };
        expect(blocked.blockedBy).to.equal('not_activated');
        expect(blocked.roles.every((r) => r.categories.length === 0)).to.equal(true);
        expect((await runCli(['sp', 'preview', '--sp', 'https://nobody.example', '--school', '11AA'], env)).code).to.equal(3);
      });
  });
}

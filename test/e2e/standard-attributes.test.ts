import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import { expect } from 'chai';
import { NAMEID_FORMAT } from '../../src/saml/xml/namespaces';
import {
  ASSERTION_SIGNATURE,
  hasXmlsec1,
  registerSp,
  requireTool,
  seedSchool,
  testSpKeys,
  xmlsec1Verify,
  type SeededSchool,
} from '../support/federation';
import { Browser, loginThroughSso, startTestHub, type TestHub } from '../support/hub';

const ACS = 'http://127.0.0.1:9/std/acs';
const BRIN_NAME = 'urn:mace:dir:attribute-def:nlEduPersonHomeOrganizationId';
const ECK_NAME = 'urn:mace:surf.nl:attribute-def:eckid';
const PAIRWISE = 'urn:oasis:names:tc:SAML:attribute:pairwise-id';
const GIVEN_NAME = 'urn:oid:2.5.4.42';
const BIRTH_DATE = 'urn:oid:1.3.6.1.5.5.7.9.1';
const ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';

/** node-saml's own SP metadata with the attributes it asks for added, as a publisher writes them. */
function withRequestedAttributes(metadata: string, names: readonly string[]): string {
  const requested = names
    .map((n) => `<md:RequestedAttribute NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" Name="${n}" isRequired="false"/>`)
    .join('');
  const acs = `<md:AttributeConsumingService xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" index="1"><md:ServiceName xml:lang="nl">Test</md:ServiceName>${requested}</md:AttributeConsumingService>`;
  const closing = metadata.lastIndexOf('</SPSSODescriptor>');
  expect(closing, 'node-saml metadata shape').to.be.greaterThan(0);
  return metadata.slice(0, closing) + acs + metadata.slice(closing);
}

/** The attribute names and values of the (one) assertion in a Response. */
function attributesOf(xml: string): Map<string, string[]> {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const out = new Map<string, string[]>();
  for (const a of Array.from(doc.getElementsByTagNameNS(ASSERTION_NS, 'Attribute') as unknown as ArrayLike<Element>)) {
    const values = Array.from(a.getElementsByTagNameNS(ASSERTION_NS, 'AttributeValue') as unknown as ArrayLike<Element>).map(
      (v) => v.textContent ?? '',
    );
    out.set(a.getAttribute('Name')!, values);
  }
  return out;
}

describe('Standard attribute names (nlEduPersonHomeOrganizationId, SURF eckid, pairwise-id) to a node-saml SP that asks for them', function () {
  let t: TestHub;
  let school: SeededSchool;
  let keys: Awaited<ReturnType<typeof testSpKeys>>;
  const entityId = 'https://sp.uitgeverij-std.example/node-saml';
  let scope: string;
  let pupilPairwise = '';

  const sp = () =>
    new SAML({
      entryPoint: `${t.baseUrl}/saml/sso`,
      issuer: entityId,
      callbackUrl: ACS,
      idpCert: t.hub.secrets.samlSigning.certificatePem,
      idpIssuer: t.hub.config.idpEntityId,
      audience: entityId,
      privateKey: keys.signing.privateKeyPem,
      publicCert: keys.signing.certificatePem,
      signatureAlgorithm: 'sha256',
      digestAlgorithm: 'sha256',
      identifierFormat: NAMEID_FORMAT.persistent,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: true,
      validateInResponseTo: ValidateInResponseTo.always,
      acceptedClockSkewMs: 5000,
      disableRequestedAuthnContext: true,
    });

  async function login(username: string, password: string) {
    const s = sp();
    const { res, form } = await loginThroughSso(new Browser(), await s.getAuthorizeUrlAsync('', undefined, {}), username, password);
    return { s, res, form };
  }

  before(async function () {
    t = await startTestHub(this, 'std_attrs');
    keys = await testSpKeys();
    scope = new URL(t.hub.config.idpEntityId).hostname;
    school = await seedSchool(t.hub, { brin: '44DD', participant: 'Uitgeverij Std' });
    const metadata = withRequestedAttributes(sp().generateServiceProviderMetadata(null, keys.signing.certificatePem), [
      BRIN_NAME,
      ECK_NAME,
      PAIRWISE,
      GIVEN_NAME,
      BIRTH_DATE,
    ]);
    // No allow-list: what the metadata's RequestedAttributes ask for is the request.
    await registerSp(t.hub, 'Uitgeverij Std', metadata);
  });
  after(async () => t?.stop());

  it('the IdP metadata declares the scope of pairwise-id (shibmd:Scope, the hub’s host)', async () => {
    const xml = await (await fetch(`${t.baseUrl}/saml/metadata`)).text();
    expect(xml).to.contain(`<shibmd:Scope xmlns:shibmd="urn:mace:shibboleth:metadata:1.0" regexp="false">${scope}</shibmd:Scope>`);
  });

  it('a pupil: exactly the requested names that the pipeline allows, under the standard names; signatures verified', async function () {
    requireTool(this, hasXmlsec1(), 'xmlsec1 (Debian package xmlsec1)');
    const { s, form, res } = await login(school.pupil.username, school.pupil.password);
    expect(form, res.body.slice(0, 300)).not.to.equal(null);
    // node-saml verifies the Response and the assertion signature with the hub's certificate…
    const { profile } = await s.validatePostResponseAsync({ SAMLResponse: form!.fields.SAMLResponse! });
    const xml = Buffer.from(form!.fields.SAMLResponse!, 'base64').toString('utf8');
    // …and so does xmlsec1, trusting only that certificate.
    const verified = await xmlsec1Verify(xml, t.hub.secrets.samlSigning.certificatePem, `${ASSERTION_NS}:Assertion`, ASSERTION_SIGNATURE);
    expect(verified.ok, verified.output).to.equal(true);

    const attrs = attributesOf(xml);
    // Birth date was asked for, but this participant recorded no need: the pipeline keeps it back.
    expect([...attrs.keys()])
      .to.have.members([BRIN_NAME, ECK_NAME, PAIRWISE, GIVEN_NAME])
      .and.have.length(4);
    expect(attrs.get(BRIN_NAME)).to.deep.equal(['44DD']);
    expect(attrs.get(ECK_NAME)).to.deep.equal(['https://ketenid.nl/201703/44dd']);
    expect(attrs.get(GIVEN_NAME)).to.deep.equal(['Fenna']);
    const [pairwise] = attrs.get(PAIRWISE)!;
    expect(pairwise).to.match(/^[A-Za-z0-9][A-Za-z0-9=-]{0,126}@[A-Za-z0-9][A-Za-z0-9.-]{0,126}$/);
    // The same pseudonym as the persistent NameID, scoped to the hub.
    expect(pairwise).to.equal(`${Buffer.from(profile!.nameID, 'base64url').toString('hex')}@${scope}`);
    expect(profile![PAIRWISE]).to.equal(pairwise);
    pupilPairwise = pairwise!;
    // The hub's own names for the same categories were not asked for, so they are not sent.
    expect(xml).not.to.contain('urn:mace:leerpoort.nl:attribute-def:brin').and.not.to.contain('attribute-def:eckId');
    const ledger = await t.hub.db.dataSource.query('SELECT categories FROM release_ledger ORDER BY id DESC LIMIT 1');
    expect(ledger[0].categories).to.have.members(['brin', 'eckId', 'pseudonym', 'firstName']);
  });

  it('a teacher without an ECK iD: no eckid (the pipeline’s identifier filter), the rest as asked; a different pairwise-id', async () => {
    const { s, form } = await login(school.teacher.username, school.teacher.password);
    const { profile } = await s.validatePostResponseAsync({ SAMLResponse: form!.fields.SAMLResponse! });
    const attrs = attributesOf(Buffer.from(form!.fields.SAMLResponse!, 'base64').toString('utf8'));
    expect([...attrs.keys()]).to.have.members([BRIN_NAME, PAIRWISE, GIVEN_NAME]);
    expect(attrs.get(PAIRWISE)![0]).to.equal(`${Buffer.from(profile!.nameID, 'base64url').toString('hex')}@${scope}`);
    expect(attrs.get(PAIRWISE)![0]).not.to.equal(pupilPairwise).and.not.to.equal('');
  });

  it('not when the school has not activated the participant: refused, no attributes, nothing in the ledger', async () => {
    const other = await seedSchool(t.hub, { brin: '55EE', participant: 'Uitgeverij Std', activate: false });
    const { res } = await login(other.pupil.username, other.pupil.password);
    expect(res.status).to.equal(403);
    const response = Buffer.from(/name="SAMLResponse" value="([^"]+)"/.exec(res.body)![1]!, 'base64').toString('utf8');
    expect(response).to.contain('RequestDenied').and.not.to.contain('AttributeStatement').and.not.to.contain('55EE');
    const ledger = await t.hub.db.dataSource.query(
      "SELECT count(*)::int AS n FROM release_ledger l JOIN schools s ON s.id = l.school_id WHERE s.brin = '55EE'",
    );
    expect(ledger[0].n).to.equal(0);
  });
});

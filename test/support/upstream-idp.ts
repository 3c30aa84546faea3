import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { encrypt as xmlEncrypt } from 'xml-encryption';
import { generateKeyPair, type KeyPair } from '../../src/crypto/secrets';
import type { UpstreamIdpSettings } from '../../src/domain/federation/upstream';
import { buildUpstreamSpMetadata, type UpstreamSpEndpoints, upstreamSpEndpoints } from '../../src/saml/upstream/sp-metadata';
import { expect } from 'chai';
import { type Browser, csrfOf, decodeHtml } from './hub';
import { Pysaml2Idp } from './pysaml2';

/** The usual registration in tests: staff, identified by the NameID, matched on the work e-mail address. */
export const STAFF_BY_EMAIL: UpstreamIdpSettings = {
  roles: 'staff',
  identifier: 'nameid',
  matchOn: 'email',
  allowUnsolicited: false,
  wantAssertionsSigned: false,
  metadataUrl: null,
  metadataTrustCertificate: null,
};

/** The hub's SP side in tests: its endpoints and keys. */
export interface TestHubSp {
  readonly endpoints: UpstreamSpEndpoints;
  readonly signing: KeyPair;
  readonly encryption: KeyPair;
}

export async function testHubSp(baseUrl = 'https://hub.test.example'): Promise<TestHubSp> {
  return {
    endpoints: upstreamSpEndpoints(baseUrl),
    signing: await generateKeyPair('upstream SP signing (test)'),
    encryption: await generateKeyPair('upstream SP encryption (test)'),
  };
}

/** A school IdP played by pysaml2 (a peer this project did not write), trusting the given SPs' metadata. */
export interface SchoolIdp {
  readonly pysaml2: Pysaml2Idp;
  readonly entityId: string;
  readonly ssoUrl: string;
  /** Its Single Logout endpoint (HTTP-Redirect and HTTP-POST), when it offers one. */
  readonly sloUrl: string | null;
  readonly key: KeyPair;
  readonly metadataXml: string;
  readonly dir: string;
  stop(): void;
}

export async function startSchoolIdp(opts: {
  entityId: string;
  ssoUrl: string;
  sloUrl?: string;
  spMetadata: readonly string[];
}): Promise<SchoolIdp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'school-idp-'));
  const key = await generateKeyPair('school IdP (test)');
  fs.writeFileSync(path.join(dir, 'idp.key'), key.privateKeyPem, { mode: 0o600 });
  fs.writeFileSync(path.join(dir, 'idp.crt'), key.certificatePem);
  // pysaml2 takes one "local" list of metadata files.
  const combined = path.join(dir, 'sps.xml');
  fs.writeFileSync(
    combined,
    `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${opts.spMetadata.map((x) => x.replace(/^<\?xml[^>]*>/, '')).join('')}</md:EntitiesDescriptor>`,
  );
  const pysaml2 = new Pysaml2Idp();
  await pysaml2.call('init', {
    entity_id: opts.entityId,
    sso: opts.ssoUrl,
    ...(opts.sloUrl ? { slo: opts.sloUrl } : {}),
    key_file: path.join(dir, 'idp.key'),
    cert_file: path.join(dir, 'idp.crt'),
    sp_metadata_file: combined,
  });
  const { xml } = await pysaml2.call<{ xml: string }>('metadata');
  return {
    pysaml2,
    entityId: opts.entityId,
    ssoUrl: opts.ssoUrl,
    sloUrl: opts.sloUrl ?? null,
    key,
    metadataXml: xml,
    dir,
    stop: () => {
      pysaml2.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Another SP's metadata (for "a Response meant for another SP"). */
export async function otherSpMetadata(entityId: string, acsUrl: string): Promise<string> {
  const k = await generateKeyPair('other SP (test)');
  return buildUpstreamSpMetadata(
    { entityId, acsUrl, sloUrl: acsUrl.replace(/\/acs$/, '/slo') },
    { active: k, next: null, previous: null },
    k,
  );
}

const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';

/**
 * Encrypts the first saml:`name` element of a message for `cert` with xml-encryption (RSA-OAEP key
 * transport) and puts it in a saml:`wrapper` — an IdP encrypting the Assertion (EncryptedAssertion) or
 * the NameID (EncryptedID) for the hub. Sign the message afterwards where a signature must cover it.
 */
export async function encryptElement(
  xml: string,
  name: 'Assertion' | 'NameID',
  wrapper: 'EncryptedAssertion' | 'EncryptedID',
  cert: string,
  contentAlg = 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
): Promise<string> {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const target = doc.getElementsByTagNameNS(SAML_NS, name)[0]!;
  const encrypted = await new Promise<string>((resolve, reject) =>
    xmlEncrypt(
      new XMLSerializer().serializeToString(target),
      {
        rsa_pub: cert,
        pem: cert,
        encryptionAlgorithm: contentAlg as 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
        keyEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
        disallowEncryptionWithInsecureAlgorithm: false,
        warnInsecureAlgorithm: false,
      },
      (e, out) => (e ? reject(e) : resolve(out)),
    ),
  );
  const element = new DOMParser().parseFromString(`<saml:${wrapper} xmlns:saml="${SAML_NS}">${encrypted}</saml:${wrapper}>`, 'text/xml');
  target.parentNode!.replaceChild(doc.importNode(element.documentElement, true), target);
  return new XMLSerializer().serializeToString(doc);
}

/** An AuthnRequest the hub sent to the school IdP, as pysaml2 read it (its query signature verified). */
export interface ReadAuthnRequest {
  readonly id: string;
  readonly issuer: string;
  readonly acs: string;
  readonly destination: string;
  readonly signature_verified: boolean;
}

/**
 * "Inloggen met je schoolaccount" in `browser` up to the school's IdP: the school form, the hub's signed
 * AuthnRequest — read and verified by pysaml2.
 */
export async function toSchoolIdp(
  baseUrl: string,
  idp: SchoolIdp,
  browser: Browser,
  brin: string,
  returnTo = '/portal',
): Promise<ReadAuthnRequest> {
  const login = await browser.request(`${baseUrl}/login?return=${encodeURIComponent(returnTo)}`);
  expect(login.body).to.contain('Inloggen met je schoolaccount');
  const schoolPage = await browser.request(`${baseUrl}/login/school?return=${encodeURIComponent(returnTo)}`);
  expect(schoolPage.status).to.equal(200);
  const res = await browser.request(`${baseUrl}/login/school`, {
    form: { _csrf: csrfOf(schoolPage.body), school: brin, return: returnTo },
  });
  expect(res.status, res.body.slice(0, 300)).to.equal(200);
  const href = /<a id="to-school" href="([^"]+)"/.exec(res.body)?.[1];
  expect(res.body).to.contain(`<meta http-equiv="refresh" content="0;url=${href}">`);
  const url = new URL(decodeHtml(href!));
  expect(`${url.origin}${url.pathname}`).to.equal(idp.ssoUrl);
  const q = url.searchParams;
  const parsed = await idp.pysaml2.call<ReadAuthnRequest>('parse_authn_request', {
    saml_request: q.get('SAMLRequest'),
    sigalg: q.get('SigAlg'),
    signature: q.get('Signature'),
  });
  expect(parsed).to.deep.include({
    issuer: `${baseUrl}/saml/upstream/metadata`,
    acs: `${baseUrl}/saml/upstream/acs`,
    destination: idp.ssoUrl,
    signature_verified: true,
  });
  return parsed;
}

/** The IdP's auto-post to the ACS, then the hub's own continue page (where the session cookie counts). */
export async function postToAcs(baseUrl: string, browser: Browser, acs: string, xml: string) {
  const res = await browser.request(acs, { form: { SAMLResponse: Buffer.from(xml).toString('base64') } });
  if (res.status !== 303) return res;
  expect(res.location).to.match(new RegExp(`^${baseUrl}/saml/upstream/continue/[A-Za-z0-9_-]{43}$`));
  return browser.request(res.location!);
}

/** pysaml2 answers the AuthnRequest for `nameId` (signed Response and Assertion); the browser carries it to the hub. */
export async function answerAtSchoolIdp(
  baseUrl: string,
  idp: SchoolIdp,
  browser: Browser,
  request: ReadAuthnRequest,
  nameId: string,
  authnClass?: string,
) {
  const { xml } = await idp.pysaml2.call<{ xml: string }>('response', {
    in_response_to: request.id,
    destination: request.acs,
    sp_entity_id: request.issuer,
    name_id: nameId,
    identity: { mail: [nameId] },
    ...(authnClass ? { authn_class: authnClass } : {}),
  });
  const res = await postToAcs(baseUrl, browser, request.acs, xml);
  /** The SessionIndex of the IdP's assertion: a LogoutRequest names it. */
  const sessionIndex = /SessionIndex="([^"]+)"/.exec(xml)?.[1] ?? null;
  return Object.assign(res, { sessionIndex });
}

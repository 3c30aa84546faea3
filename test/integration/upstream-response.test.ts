import crypto from 'node:crypto';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { expect } from 'chai';
import { generateKeyPair, type KeyPair } from '../../src/crypto/secrets';
import { SamlRequestError } from '../../src/domain/errors';
import type { UpstreamIdpTrust } from '../../src/domain/federation/upstream';
import type { Repositories } from '../../src/domain/ports';
import { decodePost } from '../../src/saml/bindings/inbound';
import { type UpstreamAssertion, validateUpstreamResponse } from '../../src/saml/upstream/response';
import { buildUpstreamSpMetadata } from '../../src/saml/upstream/sp-metadata';
import { signXml } from '../support/attacker';
import { requireTool } from '../support/federation';
import { describeEachBackend, truncateAll } from '../support/postgres';
import { pysaml2Available } from '../support/pysaml2';
import { encryptElement, otherSpMetadata, type SchoolIdp, startSchoolIdp, type TestHubSp, testHubSp } from '../support/upstream-idp';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const IDP = 'https://idp.obs-regenboog.example/idp';
const OTHER_SP = 'https://other-sp.example/metadata';
const OTHER_ACS = 'https://other-sp.example/acs';
const VICTIM = 'directeur@obs-regenboog.example';
const ATTACKER = 'stagiair@obs-regenboog.example';

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
const serialize = (doc: Document | Node) => new XMLSerializer().serializeToString(doc as never);
const el = (doc: Document | Element, ns: string, name: string) => doc.getElementsByTagNameNS(ns, name)[0] as Element;
const directChild = (parent: Element, ns: string, name: string) =>
  Array.from(parent.childNodes as unknown as ArrayLike<Node>).find(
    (n): n is Element => n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name,
  );

/** The evil twin: a deep copy of `node` with a new ID and the victim's NameID, signatures removed. */
function evilCopy(node: Element): Element {
  const copy = node.cloneNode(true) as Element;
  copy.setAttribute('ID', `_evil${crypto.randomBytes(6).toString('hex')}`);
  for (const sig of Array.from(copy.getElementsByTagNameNS(DS, 'Signature') as unknown as ArrayLike<Element>))
    sig.parentNode!.removeChild(sig);
  const nameId = copy.getElementsByTagNameNS(SAML, 'NameID')[0];
  if (nameId) nameId.textContent = VICTIM;
  return copy;
}

/**
 * Signature wrapping (Somorovsky et al., "On breaking SAML", 2012): XSW1–2 move the signed Response
 * aside and put an evil Response in its place; XSW3–8 do the same with the signed Assertion. Each
 * function takes a genuine signed Response (attacker's own login) and returns the attack.
 */
const XSW: Record<string, (xml: string) => string> = {
  // XSW1: evil Response root; the original signed Response inside its Signature (as an Object).
  XSW1: (xml) => {
    const doc = parse(xml);
    const original = doc.documentElement;
    const evil = evilCopy(original);
    const sig = directChild(original, DS, 'Signature')!.cloneNode(true) as Element;
    const object = doc.createElementNS(DS, 'ds:Object');
    object.appendChild(original.cloneNode(true));
    sig.appendChild(object);
    evil.insertBefore(sig, directChild(evil, SAMLP, 'Status')!);
    return serialize(evil);
  },
  // XSW2: as XSW1, but the original Response is a sibling before the Signature (detached signature).
  XSW2: (xml) => {
    const doc = parse(xml);
    const original = doc.documentElement;
    const evil = evilCopy(original);
    const sig = directChild(original, DS, 'Signature')!.cloneNode(true) as Element;
    const status = directChild(evil, SAMLP, 'Status')!;
    evil.insertBefore(original.cloneNode(true), status);
    evil.insertBefore(sig, status);
    return serialize(evil);
  },
  // XSW3: an evil Assertion inserted before the signed one.
  XSW3: (xml) => {
    const doc = parse(xml);
    const original = el(doc, SAML, 'Assertion');
    doc.documentElement.insertBefore(evilCopy(original), original);
    return serialize(doc);
  },
  // XSW4: the signed Assertion moved inside the evil one.
  XSW4: (xml) => {
    const doc = parse(xml);
    const original = el(doc, SAML, 'Assertion');
    const evil = evilCopy(original);
    doc.documentElement.replaceChild(evil, original);
    evil.appendChild(original);
    return serialize(doc);
  },
  // XSW5: the evil Assertion carries the original's Signature; the original appended unsigned.
  XSW5: (xml) => {
    const doc = parse(xml);
    const original = el(doc, SAML, 'Assertion');
    const evil = evilCopy(original);
    const sig = directChild(original, DS, 'Signature')!;
    original.removeChild(sig);
    evil.insertBefore(sig, directChild(evil, SAML, 'Subject')!);
    evil.setAttribute('ID', original.getAttribute('ID')!);
    original.setAttribute('ID', '_moved');
    doc.documentElement.replaceChild(evil, original);
    doc.documentElement.appendChild(original);
    return serialize(doc);
  },
  // XSW6: the original Assertion inside the Signature of the evil one (as an Object).
  XSW6: (xml) => {
    const doc = parse(xml);
    const original = el(doc, SAML, 'Assertion');
    const evil = evilCopy(original);
    const sig = directChild(original, DS, 'Signature')!.cloneNode(true) as Element;
    const object = doc.createElementNS(DS, 'ds:Object');
    object.appendChild(original.cloneNode(true));
    sig.appendChild(object);
    evil.insertBefore(sig, directChild(evil, SAML, 'Subject')!);
    doc.documentElement.replaceChild(evil, original);
    return serialize(doc);
  },
  // XSW7: the signed Assertion hidden in an Extensions element; the evil one in its place.
  XSW7: (xml) => {
    const doc = parse(xml);
    const original = el(doc, SAML, 'Assertion');
    const ext = doc.createElementNS(SAMLP, 'samlp:Extensions');
    ext.appendChild(original.cloneNode(true));
    doc.documentElement.insertBefore(ext, directChild(doc.documentElement, SAMLP, 'Status')!);
    doc.documentElement.replaceChild(evilCopy(original), original);
    return serialize(doc);
  },
  // XSW8: the original Assertion inside an Object in the evil Assertion's copied Signature, ID kept.
  XSW8: (xml) => {
    const doc = parse(xml);
    const original = el(doc, SAML, 'Assertion');
    const evil = evilCopy(original);
    evil.setAttribute('ID', original.getAttribute('ID')!);
    const sig = directChild(original, DS, 'Signature')!.cloneNode(true) as Element;
    const object = doc.createElementNS(DS, 'ds:Object');
    const inner = original.cloneNode(true) as Element;
    inner.removeChild(directChild(inner, DS, 'Signature')!);
    object.appendChild(inner);
    sig.appendChild(object);
    evil.insertBefore(sig, directChild(evil, SAML, 'Subject')!);
    doc.documentElement.replaceChild(evil, original);
    return serialize(doc);
  },
};

/** Encrypts the Assertion of a (pysaml2-made) Response for `cert`, as an IdP configured to encrypt would. */
const encryptAssertion = (xml: string, cert: string, contentAlg: string) =>
  encryptElement(xml, 'Assertion', 'EncryptedAssertion', cert, contentAlg);

describeEachBackend('upstream IdP Responses: strict checks and the attack suite (pysaml2 as the school IdP)', ({ db }) => {
  let hub: TestHubSp;
  let idp: SchoolIdp;
  let repos: Repositories;
  let otherKey: KeyPair;

  before(async function () {
    requireTool(this, pysaml2Available(), 'python3-pysaml2');
    hub = await testHubSp();
    const hubMetadata = buildUpstreamSpMetadata(hub.endpoints, { active: hub.signing, next: null, previous: null }, hub.encryption);
    idp = await startSchoolIdp({
      entityId: IDP,
      ssoUrl: 'https://idp.obs-regenboog.example/sso',
      spMetadata: [hubMetadata, await otherSpMetadata(OTHER_SP, OTHER_ACS)],
    });
    otherKey = await generateKeyPair('attacker');
  });
  after(() => idp?.stop());
  beforeEach(async () => {
    await truncateAll(db());
    repos = db().repositories;
  });

  const trust = (over: Partial<UpstreamIdpTrust> = {}): UpstreamIdpTrust => ({
    entityId: IDP,
    signingCertificates: [idp.key.certificatePem],
    allowUnsolicited: false,
    wantAssertionsSigned: false,
    ...over,
  });

  /** A request the hub "sent" (recorded as the login would), and pysaml2's Response to it. */
  async function answered(
    opts: {
      signResponse?: boolean;
      signAssertion?: boolean;
      nameId?: string;
      authnClass?: string;
      request?: string | null;
      spEntityId?: string;
      destination?: string;
    } = {},
  ): Promise<{ xml: string; requestId: string | null }> {
    let requestId: string | null = null;
    if (opts.request !== null) {
      requestId = opts.request ?? `_${crypto.randomBytes(16).toString('hex')}`;
      if (opts.request === undefined)
        await repos.upstreamRequests.record({
          id: requestId,
          idpEntityId: IDP,
          context: { test: true },
          expiresAt: new Date(Date.now() + 5 * 60_000),
        });
    }
    const { xml } = await idp.pysaml2.call<{ xml: string }>('response', {
      in_response_to: requestId,
      destination: opts.destination ?? hub.endpoints.acsUrl,
      sp_entity_id: opts.spEntityId ?? hub.endpoints.entityId,
      name_id: opts.nameId ?? ATTACKER,
      identity: { mail: [opts.nameId ?? ATTACKER], employeeNumber: ['E42'] },
      sign_response: opts.signResponse ?? true,
      sign_assertion: opts.signAssertion ?? true,
      ...(opts.authnClass ? { authn_class: opts.authnClass } : {}),
    });
    return { xml, requestId };
  }

  const validate = (xml: string, over: { idp?: Partial<UpstreamIdpTrust>; now?: Date; sp?: { entityId?: string; acsUrl?: string } } = {}) =>
    validateUpstreamResponse({
      message: decodePost({ SAMLResponse: Buffer.from(xml).toString('base64') }, ['SAMLResponse']),
      idp: trust(over.idp),
      sp: { entityId: hub.endpoints.entityId, acsUrl: hub.endpoints.acsUrl, decryptionKeys: [hub.encryption], ...over.sp },
      now: over.now ?? new Date(),
      requests: repos.upstreamRequests,
      replayCache: repos.replayCache,
    });

  async function refused(p: Promise<UpstreamAssertion>, message: RegExp): Promise<SamlRequestError> {
    let result: UpstreamAssertion | undefined;
    try {
      result = await p;
    } catch (e) {
      expect(e, String(e)).to.be.instanceOf(SamlRequestError);
      expect((e as SamlRequestError).publicMessage).to.match(message);
      return e as SamlRequestError;
    }
    throw new Error(`accepted (NameID ${result?.nameId}), expected a refusal matching ${message}`);
  }

  describe('valid Responses', () => {
    it('Response and Assertion signed: reads NameID, attributes, AuthnContext, request context — once', async () => {
      const { xml, requestId } = await answered();
      const a = await validate(xml);
      expect(a).to.include({
        idpEntityId: IDP,
        nameId: ATTACKER,
        responseSigned: true,
        assertionSigned: true,
        encrypted: false,
        multiFactor: false,
      });
      expect(a.nameIdFormat).to.equal('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
      expect(a.authnContextClassRef).to.equal('urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport');
      expect(a.attributes.find((x) => x.name === 'urn:oid:2.16.840.1.113730.3.1.3')?.values).to.deep.equal(['E42']);
      expect(a.request).to.deep.include({ id: requestId, idpEntityId: IDP, context: { test: true } });
      expect(a.sessionIndex).to.be.a('string');
    });

    it('only the Assertion signed (the profile allows it)', async () => {
      const { xml } = await answered({ signResponse: false });
      expect(await validate(xml)).to.include({ responseSigned: false, assertionSigned: true, nameId: ATTACKER });
    });

    it('an unsigned Assertion inside a signed Response is read from the signed Response — refused where the IdP registration wants signed assertions', async () => {
      const first = await answered({ signAssertion: false });
      expect(await validate(first.xml)).to.include({ responseSigned: true, assertionSigned: false, nameId: ATTACKER });
      const second = await answered({ signAssertion: false });
      await refused(validate(second.xml, { idp: { wantAssertionsSigned: true } }), /the Assertion must be signed/);
    });

    it('a multi-factor AuthnContext (REFEDS MFA) is reported as such', async () => {
      const { xml } = await answered({ authnClass: 'https://refeds.org/profile/mfa' });
      expect(await validate(xml)).to.include({ multiFactor: true, authnContextClassRef: 'https://refeds.org/profile/mfa' });
    });

    it('an encrypted Assertion (AES-256-GCM, RSA-OAEP) is decrypted with the hub key; its own signature is checked', async () => {
      const { xml } = await answered({ signResponse: false });
      const enc = await encryptAssertion(xml, hub.encryption.certificatePem, 'http://www.w3.org/2009/xmlenc11#aes256-gcm');
      expect(enc).to.not.contain(ATTACKER);
      expect(await validate(enc)).to.include({ encrypted: true, assertionSigned: true, nameId: ATTACKER });
    });

    it('AES-CBC encryption only inside a signed Response (no padding oracle on unsigned ciphertext)', async () => {
      const cbc = 'http://www.w3.org/2001/04/xmlenc#aes256-cbc';
      const unsigned = await encryptAssertion((await answered({ signResponse: false })).xml, hub.encryption.certificatePem, cbc);
      await refused(validate(unsigned), /AES-CBC is accepted only inside a signed message/);
      // The IdP signs the Response after encrypting (here with xml-crypto and the IdP's key).
      const plain = (await answered({ signResponse: false })).xml;
      const encrypted = await encryptAssertion(plain, hub.encryption.certificatePem, cbc);
      const signed = signXml(encrypted.replace(/^<\?xml[^>]*>/, ''), idp.key);
      expect(await validate(signed)).to.include({ encrypted: true, responseSigned: true, nameId: ATTACKER });
    });

    it('an EncryptedID in the Subject is decrypted with the hub key; its format kept; one for another key refused', async () => {
      const plain = (await answered({ signResponse: false, signAssertion: false })).xml;
      const enc = await encryptElement(plain, 'NameID', 'EncryptedID', hub.encryption.certificatePem);
      expect(enc, 'no NameID in the clear (the mail attribute still carries the address)').to.not.match(/:NameID[\s>]/);
      const a = await validate(signXml(enc.replace(/^<\?xml[^>]*>/, ''), idp.key));
      expect(a).to.include({ nameId: ATTACKER, encryptedId: true, responseSigned: true });
      expect(a.subject.format).to.equal('urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress');
      const foreign = await encryptElement(
        (await answered({ signResponse: false, signAssertion: false })).xml,
        'NameID',
        'EncryptedID',
        otherKey.certificatePem,
      );
      await refused(validate(signXml(foreign.replace(/^<\?xml[^>]*>/, ''), idp.key)), /EncryptedID: could not be decrypted/);
    });

    it('an EncryptedID with RSA 1.5 key transport is refused (the allow-list of decrypt.ts)', async () => {
      const plain = (await answered({ signResponse: false, signAssertion: false })).xml;
      const enc = await encryptElement(plain, 'NameID', 'EncryptedID', hub.encryption.certificatePem);
      const rsa15 = enc.replace('http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p', 'http://www.w3.org/2001/04/xmlenc#rsa-1_5');
      await refused(validate(signXml(rsa15.replace(/^<\?xml[^>]*>/, ''), idp.key)), /EncryptedID: key transport .*rsa-1_5 is not allowed/);
    });

    it('an Assertion encrypted for another key is refused', async () => {
      const { xml } = await answered({ signResponse: false });
      const enc = await encryptAssertion(xml, otherKey.certificatePem, 'http://www.w3.org/2009/xmlenc11#aes256-gcm');
      await refused(validate(enc), /could not be decrypted with the hub's encryption key/);
    });
  });

  describe('attack suite', () => {
    // Each attack on every signing variant that has the signature it moves: XSW1–2 need the Response's,
    // XSW5, 6 and 8 the Assertion's; XSW3, 4 and 7 apply to all three.
    const NEEDS: Record<string, 'response' | 'assertion' | 'any'> = {
      XSW1: 'response',
      XSW2: 'response',
      XSW3: 'any',
      XSW4: 'any',
      XSW5: 'assertion',
      XSW6: 'assertion',
      XSW7: 'any',
      XSW8: 'assertion',
    };
    for (const variant of [
      { name: 'Response and Assertion signed', signResponse: true, signAssertion: true },
      { name: 'only the Assertion signed', signResponse: false, signAssertion: true },
      { name: 'only the Response signed', signResponse: true, signAssertion: false },
    ]) {
      for (const [name, attack] of Object.entries(XSW)) {
        const needs = NEEDS[name];
        if ((needs === 'response' && !variant.signResponse) || (needs === 'assertion' && !variant.signAssertion)) continue;
        it(`${name} (${variant.name}) is refused and never yields the victim`, async () => {
          const { xml } = await answered(variant);
          // The genuine Response is accepted (so the refusal below is the attack's doing)…
          const genuine = await answered(variant);
          expect(await validate(genuine.xml)).to.include({ nameId: ATTACKER });
          const forged = attack(xml);
          expect(forged).to.contain(VICTIM);
          await refused(validate(forged), /.+/);
        });
      }
    }

    it('a comment inside the NameID is refused (c14n would drop it from the signed bytes)', async () => {
      // The attacker owns "directeur@obs-regenboog.example.evil" at the IdP and splits it with a comment.
      const { xml } = await answered({ nameId: `${VICTIM}.evil` });
      const forged = xml.replaceAll(`>${VICTIM}.evil<`, `>${VICTIM}<!---->.evil<`);
      expect(forged).to.not.equal(xml);
      await refused(validate(forged), /comments or processing instructions inside the Response/);
    });

    it('a Response signed by another key is refused, even with that key in KeyInfo', async () => {
      const { xml } = await answered({ signResponse: false, signAssertion: false });
      const forged = signXml(xml.replace(/^<\?xml[^>]*>/, ''), otherKey);
      await refused(validate(forged), /signature does not verify with the school IdP's registered certificates/);
    });

    it('a signed value changed after signing is refused', async () => {
      const { xml } = await answered();
      await refused(validate(xml.replace(`>${ATTACKER}<`, `>${VICTIM}<`)), /signature does not verify/);
    });

    it('a replayed Response is refused (its request is used up)', async () => {
      const { xml } = await answered();
      await validate(xml);
      await refused(validate(xml), /InResponseTo does not name an outstanding request/);
    });

    it('a replayed unsolicited Response is refused by the replay cache', async () => {
      const { xml } = await answered({ request: null });
      await validate(xml, { idp: { allowUnsolicited: true } });
      await refused(validate(xml, { idp: { allowUnsolicited: true } }), /was already used \(replay\)/);
    });

    it('the same Response posted 6 times at once is accepted exactly once', async () => {
      const { xml } = await answered();
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => validate(xml)));
      expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
      for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected'))
        expect(r.reason).to.be.instanceOf(SamlRequestError);
    });

    it('a Response for another SP is refused (Destination), also when sent to the hub’s ACS (audience)', async () => {
      const other = await answered({ spEntityId: OTHER_SP, destination: OTHER_ACS });
      await refused(validate(other.xml), /Destination must be the hub's ACS/);
      const redirected = await answered({ spEntityId: OTHER_SP });
      await refused(validate(redirected.xml), /meant for another SP \(audience/);
    });

    it('an expired Response is refused, and one from the future', async () => {
      const late = await answered();
      await refused(validate(late.xml, { now: new Date(Date.now() + 10 * 60_000) }), /too old|expired/);
      const early = await answered();
      await refused(validate(early.xml, { now: new Date(Date.now() - 10 * 60_000) }), /in the future|not yet valid/);
    });

    it('within the clock skew (30 s) a Response is accepted', async () => {
      const { xml } = await answered();
      expect(await validate(xml, { now: new Date(Date.now() - 30_000) })).to.include({ nameId: ATTACKER });
    });

    it('a forged InResponseTo is refused: never sent, sent to another IdP, or expired', async () => {
      const forged = await answered({ request: '_never-sent-by-the-hub' });
      await refused(validate(forged.xml), /InResponseTo does not name an outstanding request/);

      await repos.upstreamRequests.record({
        id: '_for-another-idp',
        idpEntityId: 'https://other-idp.example',
        context: {},
        expiresAt: new Date(Date.now() + 60_000),
      });
      const foreign = await answered({ request: '_for-another-idp' });
      await refused(validate(foreign.xml), /InResponseTo does not name an outstanding request/);

      await repos.upstreamRequests.record({ id: '_expired', idpEntityId: IDP, context: {}, expiresAt: new Date(Date.now() - 1) });
      const expired = await answered({ request: '_expired' });
      await refused(validate(expired.xml), /InResponseTo does not name an outstanding request/);
    });

    it('an unsolicited Response is refused unless allowed for that IdP', async () => {
      const first = await answered({ request: null });
      await refused(validate(first.xml), /unsolicited Responses are not allowed for this IdP/);
      const second = await answered({ request: null });
      expect(await validate(second.xml, { idp: { allowUnsolicited: true } })).to.include({ nameId: ATTACKER, request: null });
    });

    it('a Response from another IdP (issuer not the registered one) is refused', async () => {
      const { xml } = await answered();
      await refused(
        validate(xml, { idp: { entityId: 'https://idp.other-school.example/idp' } }),
        /Issuer is not the school's registered IdP/,
      );
    });

    it('neither signed: refused', async () => {
      const { xml } = await answered({ signResponse: false, signAssertion: false });
      await refused(validate(xml), /neither the Response nor the Assertion is signed/);
    });

    it('a failed login at the IdP (non-success status) is reported as such', async () => {
      const xml =
        `<samlp:Response xmlns:samlp="${SAMLP}" xmlns:saml="${SAML}" ID="_f1" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${hub.endpoints.acsUrl}" InResponseTo="_x">` +
        `<saml:Issuer>${IDP}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/></samlp:StatusCode></samlp:Status></samlp:Response>`;
      await refused(
        validate(xml),
        /did not log the user in \(status urn:oasis:names:tc:SAML:2.0:status:Responder \/ urn:oasis:names:tc:SAML:2.0:status:AuthnFailed\)/,
      );
    });

    it('a DOCTYPE (entity expansion) is refused before parsing', async () => {
      const { xml } = await answered();
      await refused(validate(xml.replace('<?xml version="1.0"?>', '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "b">]>')), /DOCTYPE/);
    });
  });
});

import crypto from 'node:crypto';
import { encrypt as xmlEncrypt } from 'xml-encryption';
import { NAME_FORMAT_URI } from '../attributes';
import { escapeXml as e } from '../xml/escape';
import { c14nAttr as attr, c14nText as text, signCanonicalElement } from './canonical-signer';
import { NS, STATUS } from '../xml/namespaces';
import { ASSERTION_LIFETIME_MS, CLOCK_SKEW_MS } from '../time-limits';
import { type SigningKey, signElement, toPem } from '../xml/signature';

/**
 * Builds the hub's SAML Responses. The assertion is always signed (saml2int); the Response is signed
 * too when the SP wants it; an encrypted assertion is signed first, then encrypted, then the Response
 * around it is signed (so every signature covers exactly the bytes the SP receives).
 */

export const AUTHN_CONTEXT_PASSWORD = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';

export interface ReleasedAttribute {
  readonly name: string;
  readonly friendlyName: string;
  readonly values: readonly string[];
}

export interface AssertionInput {
  readonly idpEntityId: string;
  readonly spEntityId: string;
  readonly acsUrl: string;
  /** Absent for an unsolicited (IdP-initiated) response. */
  readonly inResponseTo?: string;
  readonly nameId: { readonly value: string; readonly format: string };
  readonly sessionIndex: string;
  readonly authnInstant: Date;
  readonly attributes: readonly ReleasedAttribute[];
  readonly now?: Date;
}

export interface ResponseOptions {
  readonly signing: SigningKey;
  readonly signResponse: boolean;
  /** PEM certificate to encrypt the assertion to; absent: not encrypted. */
  readonly encryptTo?: string;
}

export const newId = () => `_${crypto.randomBytes(20).toString('hex')}`;

function attributeStatement(attributes: readonly ReleasedAttribute[]): string {
  if (attributes.length === 0) return '';
  return (
    '<saml:AttributeStatement>' +
    attributes
      .map(
        (a) =>
          `<saml:Attribute FriendlyName="${attr(a.friendlyName)}" Name="${attr(a.name)}" NameFormat="${NAME_FORMAT_URI}">` +
          a.values.map((v) => `<saml:AttributeValue>${text(v)}</saml:AttributeValue>`).join('') +
          '</saml:Attribute>',
      )
      .join('') +
    '</saml:AttributeStatement>'
  );
}

/**
 * The assertion, written directly in exclusive-c14n form (attributes in canonical order, explicit end
 * tags, c14n escaping) so the fast signer can digest the string as built. No xsi:type on values: a
 * QName inside an attribute value would need InclusiveNamespaces to survive exclusive c14n.
 */
export function buildAssertion(input: AssertionInput, id = newId()): string {
  const now = input.now ?? new Date();
  const issueInstant = now.toISOString();
  const notBefore = new Date(now.getTime() - CLOCK_SKEW_MS).toISOString();
  const notOnOrAfter = new Date(now.getTime() + ASSERTION_LIFETIME_MS).toISOString();
  const inResponseTo = input.inResponseTo ? ` InResponseTo="${attr(input.inResponseTo)}"` : '';
  return (
    `<saml:Assertion xmlns:saml="${NS.assertion}" ID="${id}" IssueInstant="${issueInstant}" Version="2.0">` +
    `<saml:Issuer>${text(input.idpEntityId)}</saml:Issuer>` +
    '<saml:Subject>' +
    `<saml:NameID Format="${attr(input.nameId.format)}" NameQualifier="${attr(input.idpEntityId)}" SPNameQualifier="${attr(input.spEntityId)}">${text(input.nameId.value)}</saml:NameID>` +
    '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
    `<saml:SubjectConfirmationData${inResponseTo} NotOnOrAfter="${notOnOrAfter}" Recipient="${attr(input.acsUrl)}"></saml:SubjectConfirmationData>` +
    '</saml:SubjectConfirmation>' +
    '</saml:Subject>' +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml:AudienceRestriction><saml:Audience>${text(input.spEntityId)}</saml:Audience></saml:AudienceRestriction>` +
    '</saml:Conditions>' +
    `<saml:AuthnStatement AuthnInstant="${input.authnInstant.toISOString()}" SessionIndex="${attr(input.sessionIndex)}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>${AUTHN_CONTEXT_PASSWORD}</saml:AuthnContextClassRef></saml:AuthnContext>` +
    '</saml:AuthnStatement>' +
    attributeStatement(input.attributes) +
    '</saml:Assertion>'
  );
}

function encryptAssertion(assertionXml: string, certificatePem: string): Promise<string> {
  const pem = toPem(certificatePem);
  return new Promise((resolve, reject) => {
    xmlEncrypt(
      assertionXml,
      {
        rsa_pub: pem,
        pem,
        encryptionAlgorithm: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
        keyEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
        disallowEncryptionWithInsecureAlgorithm: true,
        warnInsecureAlgorithm: false,
      },
      (err: Error | null, encrypted: string) => (err ? reject(err) : resolve(encrypted)),
    );
  });
}

/** The Response around its content, in exclusive-c14n form (xmlns:saml belongs on the Issuer there). */
function responseEnvelope(
  id: string,
  p: { idpEntityId: string; destination: string; inResponseTo?: string; now: Date },
  status: string,
  body: string,
): string {
  const inResponseTo = p.inResponseTo ? ` InResponseTo="${attr(p.inResponseTo)}"` : '';
  return (
    `<samlp:Response xmlns:samlp="${NS.protocol}" Destination="${attr(p.destination)}" ID="${id}"${inResponseTo} IssueInstant="${p.now.toISOString()}" Version="2.0">` +
    `<saml:Issuer xmlns:saml="${NS.assertion}">${text(p.idpEntityId)}</saml:Issuer>` +
    status +
    body +
    '</samlp:Response>'
  );
}

export async function buildSuccessResponse(input: AssertionInput, options: ResponseOptions): Promise<string> {
  const now = input.now ?? new Date();
  const assertionId = newId();
  const responseId = newId();
  const status = `<samlp:Status><samlp:StatusCode Value="${STATUS.success}"></samlp:StatusCode></samlp:Status>`;
  const envelope = { idpEntityId: input.idpEntityId, destination: input.acsUrl, inResponseTo: input.inResponseTo, now };
  const signedAssertion = signCanonicalElement(buildAssertion({ ...input, now }, assertionId), assertionId, options.signing);
  if (!options.encryptTo) {
    // Fast path: everything here is canonical already, so the Response is digested as built too.
    const xml = responseEnvelope(responseId, envelope, status, signedAssertion);
    return options.signResponse ? signCanonicalElement(xml, responseId, options.signing) : xml;
  }
  // The encrypted assertion (xml-encryption's output) is not canonical: sign the Response with xml-crypto.
  const encrypted = `<saml:EncryptedAssertion xmlns:saml="${NS.assertion}">${await encryptAssertion(signedAssertion, options.encryptTo)}</saml:EncryptedAssertion>`;
  const xml = responseEnvelope(responseId, envelope, status, encrypted);
  return options.signResponse ? signElement(xml, 'Response', responseId, options.signing) : xml;
}

export interface ErrorResponseInput {
  readonly idpEntityId: string;
  readonly destination: string;
  readonly inResponseTo?: string;
  /** Second-level status (e.g. NoPassive); the top level is Responder unless `topLevel` says Requester. */
  readonly subStatus?: string;
  readonly topLevel?: string;
  readonly message?: string;
  readonly now?: Date;
}

/** A signed error Response: goes only to an ACS URL verified against the SP's metadata. */
export function buildErrorResponse(input: ErrorResponseInput, signing: SigningKey): string {
  const id = newId();
  const sub = input.subStatus ? `<samlp:StatusCode Value="${e(input.subStatus)}"/>` : '';
  const message = input.message ? `<samlp:StatusMessage>${e(input.message)}</samlp:StatusMessage>` : '';
  const xml = responseEnvelope(
    id,
    { idpEntityId: input.idpEntityId, destination: input.destination, inResponseTo: input.inResponseTo, now: input.now ?? new Date() },
    `<samlp:Status><samlp:StatusCode Value="${e(input.topLevel ?? STATUS.responder)}">${sub}</samlp:StatusCode>${message}</samlp:Status>`,
    '',
  );
  return signElement(xml, 'Response', id, signing);
}

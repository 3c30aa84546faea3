import crypto from 'node:crypto';
import { encrypt as xmlEncrypt } from 'xml-encryption';
import { NAME_FORMAT_URI } from '../attributes';
import { escapeXml as e } from '../xml/escape';
import { NS, STATUS } from '../xml/namespaces';
import { type SigningKey, signElement, toPem } from '../xml/signature';

/**
 * Builds the hub's SAML Responses. The assertion is always signed (saml2int); the Response is signed
 * too when the SP wants it; an encrypted assertion is signed first, then encrypted, then the Response
 * around it is signed (so every signature covers exactly the bytes the SP receives).
 */

export const ASSERTION_LIFETIME_MS = 5 * 60 * 1000;
export const CLOCK_SKEW_MS = 60 * 1000;
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
          `<saml:Attribute Name="${e(a.name)}" NameFormat="${NAME_FORMAT_URI}" FriendlyName="${e(a.friendlyName)}">` +
          a.values.map((v) => `<saml:AttributeValue xsi:type="xs:string">${e(v)}</saml:AttributeValue>`).join('') +
          '</saml:Attribute>',
      )
      .join('') +
    '</saml:AttributeStatement>'
  );
}

export function buildAssertion(input: AssertionInput, id = newId()): string {
  const now = input.now ?? new Date();
  const issueInstant = now.toISOString();
  const notBefore = new Date(now.getTime() - CLOCK_SKEW_MS).toISOString();
  const notOnOrAfter = new Date(now.getTime() + ASSERTION_LIFETIME_MS).toISOString();
  const inResponseTo = input.inResponseTo ? ` InResponseTo="${e(input.inResponseTo)}"` : '';
  return (
    `<saml:Assertion xmlns:saml="${NS.assertion}" xmlns:xs="${NS.xs}" xmlns:xsi="${NS.xsi}" ID="${id}" Version="2.0" IssueInstant="${issueInstant}">` +
    `<saml:Issuer>${e(input.idpEntityId)}</saml:Issuer>` +
    '<saml:Subject>' +
    `<saml:NameID Format="${e(input.nameId.format)}" NameQualifier="${e(input.idpEntityId)}" SPNameQualifier="${e(input.spEntityId)}">${e(input.nameId.value)}</saml:NameID>` +
    '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
    `<saml:SubjectConfirmationData${inResponseTo} NotOnOrAfter="${notOnOrAfter}" Recipient="${e(input.acsUrl)}"/>` +
    '</saml:SubjectConfirmation>' +
    '</saml:Subject>' +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml:AudienceRestriction><saml:Audience>${e(input.spEntityId)}</saml:Audience></saml:AudienceRestriction>` +
    '</saml:Conditions>' +
    `<saml:AuthnStatement AuthnInstant="${input.authnInstant.toISOString()}" SessionIndex="${e(input.sessionIndex)}">` +
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

function responseEnvelope(id: string, p: { idpEntityId: string; destination: string; inResponseTo?: string; now: Date }, status: string, body: string): string {
  const inResponseTo = p.inResponseTo ? ` InResponseTo="${e(p.inResponseTo)}"` : '';
  return (
    `<samlp:Response xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${id}" Version="2.0" IssueInstant="${p.now.toISOString()}" Destination="${e(p.destination)}"${inResponseTo}>` +
    `<saml:Issuer>${e(p.idpEntityId)}</saml:Issuer>` +
    status +
    body +
    '</samlp:Response>'
  );
}

export async function buildSuccessResponse(input: AssertionInput, options: ResponseOptions): Promise<string> {
  const now = input.now ?? new Date();
  const assertionId = newId();
  let assertion = signElement(buildAssertion({ ...input, now }, assertionId), 'Assertion', assertionId, options.signing);
  if (options.encryptTo) {
    assertion = `<saml:EncryptedAssertion>${await encryptAssertion(assertion, options.encryptTo)}</saml:EncryptedAssertion>`;
  }
  const responseId = newId();
  const xml = responseEnvelope(
    responseId,
    { idpEntityId: input.idpEntityId, destination: input.acsUrl, inResponseTo: input.inResponseTo, now },
    `<samlp:Status><samlp:StatusCode Value="${STATUS.success}"/></samlp:Status>`,
    assertion,
  );
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

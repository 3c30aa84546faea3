import { SamlRequestError } from '../../domain/errors';
import type { ReplayCache } from '../../domain/federation/ports';
import type { UpstreamAuthnRequest, UpstreamIdpTrust, UpstreamRequestStore, UpstreamSubject } from '../../domain/federation/upstream';
import type { InboundMessage } from '../bindings/inbound';
import { CLOCK_SKEW_MS, MESSAGE_LIFETIME_MS } from '../time-limits';
import { checkIssueInstant } from '../steps/check-time';
import { childrenNamed, descendants, elementChildren, firstChild, hasCommentOrPi, is, optionalAttr, strictText } from '../xml/dom';
import { NS, STATUS } from '../xml/namespaces';
import { parseUntrustedXml } from '../xml/parse';
import { checkAttributes, checkSequence } from '../xml/schema';
import { signaturesIn, verifySignedElement } from '../xml/signature';
import { decryptAssertion, type DecryptionKey } from './decrypt';
import { readSubjectId } from './subject';

/**
 * Strict checks on a SAML Response from a school's own IdP, in the spirit of the hub's AuthnRequest
 * checks: parse with the hardened parser, verify signatures with xml-crypto over exactly the element
 * each one references, and read every value from the signed bytes only. A Response that fails any
 * check is refused with a SamlRequestError whose message says which.
 *
 * The profile (SAML 2.0 Web SSO, bindings errata E26): over HTTP-POST the Assertion is protected by a
 * signature on the Assertion or on the Response that contains it; the registration may require the
 * Assertion's own signature (wantAssertionsSigned).
 */

/** The hub as SP: its entity ID (the audience) and its ACS (recipient and destination). */
export interface UpstreamSpContext {
  readonly entityId: string;
  readonly acsUrl: string;
  /** The hub's encryption keys (active first; during a rollover, the previous one too). */
  readonly decryptionKeys: readonly DecryptionKey[];
}

export interface UpstreamResponseInput {
  readonly message: InboundMessage;
  readonly idp: UpstreamIdpTrust;
  readonly sp: UpstreamSpContext;
  readonly now: Date;
  readonly requests: UpstreamRequestStore;
  readonly replayCache: ReplayCache;
}

export interface UpstreamAttribute {
  readonly name: string;
  readonly values: readonly string[];
}

/** What a valid Response says, read from signed content only. */
export interface UpstreamAssertion {
  readonly idpEntityId: string;
  readonly responseId: string;
  readonly assertionId: string;
  readonly nameId: string;
  readonly nameIdFormat: string | null;
  /** The NameID with its qualifiers as sent (a LogoutRequest to the IdP names it so). */
  readonly subject: UpstreamSubject;
  /** The NameID arrived as an EncryptedID. */
  readonly encryptedId: boolean;
  readonly attributes: readonly UpstreamAttribute[];
  readonly authnContextClassRef: string | null;
  /** True when the AuthnContext names a multi-factor class (see MULTI_FACTOR_CONTEXTS). */
  readonly multiFactor: boolean;
  readonly sessionIndex: string | null;
  /** The request this answered; null for an unsolicited Response (only where the IdP allows it). */
  readonly request: UpstreamAuthnRequest | null;
  readonly responseSigned: boolean;
  readonly assertionSigned: boolean;
  readonly encrypted: boolean;
}

/**
 * AuthnContext classes that assert more than one factor: REFEDS MFA, the SAML 2.0 multi-factor
 * classes, and what Microsoft Entra ID / ADFS send after MFA. A password class never satisfies a
 * school's two-factor rule.
 */
export const MULTI_FACTOR_CONTEXTS: ReadonlySet<string> = new Set([
  'https://refeds.org/profile/mfa',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorUnregistered',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken',
  'http://schemas.microsoft.com/claims/multipleauthn',
]);

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const WHAT = 'Response';
const SIGNER = "the school IdP's registered certificates";

/** Refused with the reason; the message never contains attribute values or the NameID. */
const refuse = (reason: string, detail?: string) => new SamlRequestError(`${WHAT}: ${reason}`, detail);

function time(value: string | null, what: string): Date | null {
  if (value === null) return null;
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) throw refuse(`${what} is not a valid time`);
  return t;
}

/** Everything about the Response root that can be checked without state: shape, status, destination, issuer, age. */
function checkResponseRoot(root: Element, input: UpstreamResponseInput): void {
  if (!is(root, NS.protocol, 'Response')) throw new SamlRequestError(`expected samlp:Response, found ${(root as Element).localName}`);
  checkAttributes(
    root,
    {
      ID: { type: 'id', required: true },
      Version: { type: 'version', required: true },
      IssueInstant: { type: 'dateTime', required: true },
      Destination: { type: 'anyURI' },
      Consent: { type: 'anyURI' },
      InResponseTo: { type: 'id' },
    },
    WHAT,
  );
  // The schema allows any number of Assertions and EncryptedAssertions; the hub accepts exactly one.
  const encrypted = elementChildren(root).some((c) => is(c, NS.assertion, 'EncryptedAssertion'));
  const found = checkSequence(
    root,
    [
      { ns: NS.assertion, name: 'Issuer' },
      { ns: NS.dsig, name: 'Signature' },
      { ns: NS.protocol, name: 'Extensions' },
      { ns: NS.protocol, name: 'Status', min: 1 },
      { ns: NS.assertion, name: encrypted ? 'EncryptedAssertion' : 'Assertion', max: 1 },
    ],
    WHAT,
  );
  const issuer = found.Issuer?.[0];
  if (issuer) {
    const format = optionalAttr(issuer, 'Format');
    if (format !== null && format !== 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity') throw refuse('Issuer Format must be entity');
    if (strictText(issuer, 'Response/Issuer').trim() !== input.idp.entityId)
      throw refuse(`Issuer is not the school's registered IdP (${input.idp.entityId})`);
  }
  const destination = optionalAttr(root, 'Destination');
  // The profile requires Destination on a signed Response; the hub requires it always.
  if (destination !== input.sp.acsUrl) throw refuse(`Destination must be the hub's ACS (${input.sp.acsUrl})`);
  checkIssueInstant(new Date(root.getAttribute('IssueInstant')!), input.now, WHAT);

  const status = found.Status![0]!;
  const code = firstChild(status, NS.protocol, 'StatusCode');
  const value = code?.getAttribute('Value') ?? '';
  if (value !== STATUS.success) {
    const sub = code ? firstChild(code, NS.protocol, 'StatusCode')?.getAttribute('Value') : undefined;
    throw refuse(`the school's IdP did not log the user in (status ${value}${sub ? ` / ${sub}` : ''})`);
  }
  if (!found.Assertion?.length && !found.EncryptedAssertion?.length) throw refuse('contains no assertion');
}

/**
 * Where signatures may sit: directly in the Response, and directly in its one Assertion. Any other
 * Signature (inside an Extensions, an Advice, a wrapped copy) is a wrapping attempt or nothing the
 * hub understands: refused before any cryptography.
 */
function checkSignaturePlaces(doc: Document): void {
  const root = doc.documentElement;
  for (const sig of signaturesIn(doc)) {
    const parent = sig.parentNode as Element | null;
    if (parent === root) continue;
    if (parent && is(parent, NS.assertion, 'Assertion') && parent.parentNode === root) continue;
    throw refuse('a Signature outside the Response and its Assertion (signature wrapping?)');
  }
}

interface AssertionChecks {
  readonly solicitedBy: string | null;
}

/** Reads and checks the Assertion — the root of `doc`, a document holding signed (or decrypted) bytes only. */
function readAssertion(assertion: Element, input: UpstreamResponseInput, checks: AssertionChecks) {
  const what = 'Assertion';
  if (!is(assertion, NS.assertion, 'Assertion')) throw refuse('the assertion is not a saml:Assertion');
  checkAttributes(
    assertion,
    {
      ID: { type: 'id', required: true },
      Version: { type: 'version', required: true },
      IssueInstant: { type: 'dateTime', required: true },
    },
    what,
  );
  const found = checkSequence(
    assertion,
    [
      { ns: NS.assertion, name: 'Issuer', min: 1 },
      { ns: NS.dsig, name: 'Signature' },
      { ns: NS.assertion, name: 'Subject', min: 1 },
      { ns: NS.assertion, name: 'Conditions', min: 1 },
      { ns: NS.assertion, name: 'Advice' },
      { ns: NS.assertion, name: 'AuthnStatement', min: 1, max: 1 },
      { ns: NS.assertion, name: 'AttributeStatement', max: 1 },
    ],
    what,
  );
  const { now } = input;
  if (strictText(found.Issuer![0]!, 'Assertion/Issuer').trim() !== input.idp.entityId)
    throw refuse(`the Assertion's Issuer is not the school's registered IdP (${input.idp.entityId})`);
  checkIssueInstant(new Date(assertion.getAttribute('IssueInstant')!), now, what);

  // Subject: a NameID or an EncryptedID (decrypted with the hub's key; the assertion is read from signed
  // bytes here, so the ciphertext is covered by a verified signature), and at least one bearer
  // confirmation that holds.
  const subjectEl = found.Subject![0]!;
  const encryptedId = elementChildren(subjectEl).some((c) => is(c, NS.assertion, 'EncryptedID'));
  const subjectParts = checkSequence(
    subjectEl,
    [
      { ns: NS.assertion, name: encryptedId ? 'EncryptedID' : 'NameID', min: 1 },
      { ns: NS.assertion, name: 'SubjectConfirmation', min: 1, max: 8 },
    ],
    'Assertion/Subject',
  );
  const subject = readSubjectId(
    (encryptedId ? subjectParts.EncryptedID : subjectParts.NameID)![0]!,
    input.sp.decryptionKeys,
    'Assertion/Subject',
  );

  const reasons: string[] = [];
  let confirmedUntil: Date | null = null;
  for (const sc of subjectParts.SubjectConfirmation!) {
    if (sc.getAttribute('Method') !== BEARER) {
      reasons.push('not bearer');
      continue;
    }
    const data = firstChild(sc, NS.assertion, 'SubjectConfirmationData');
    if (!data) {
      reasons.push('no SubjectConfirmationData');
      continue;
    }
    const recipient = optionalAttr(data, 'Recipient');
    const notOnOrAfter = time(optionalAttr(data, 'NotOnOrAfter'), 'SubjectConfirmationData NotOnOrAfter');
    const notBefore = time(optionalAttr(data, 'NotBefore'), 'SubjectConfirmationData NotBefore');
    const inResponseTo = optionalAttr(data, 'InResponseTo');
    if (recipient !== input.sp.acsUrl) reasons.push(`Recipient is not the hub's ACS`);
    else if (!notOnOrAfter) reasons.push('no NotOnOrAfter');
    else if (notOnOrAfter.getTime() <= now.getTime() - CLOCK_SKEW_MS) reasons.push('expired (NotOnOrAfter)');
    else if (notBefore && notBefore.getTime() > now.getTime() + CLOCK_SKEW_MS) reasons.push('not yet valid (NotBefore)');
    else if (inResponseTo !== checks.solicitedBy) reasons.push('InResponseTo differs from the Response');
    else {
      confirmedUntil = notOnOrAfter;
      break;
    }
  }
  if (!confirmedUntil) throw refuse(`no SubjectConfirmation holds: ${[...new Set(reasons)].join('; ')}`);

  // Conditions: the time window (with the hub's clock-skew rule) and an audience restriction naming the hub.
  const conditions = found.Conditions![0]!;
  const notBefore = time(optionalAttr(conditions, 'NotBefore'), 'Conditions NotBefore');
  const notOnOrAfter = time(optionalAttr(conditions, 'NotOnOrAfter'), 'Conditions NotOnOrAfter');
  if (notBefore && notBefore.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw refuse('the Assertion is not yet valid (Conditions NotBefore)');
  if (notOnOrAfter && notOnOrAfter.getTime() <= now.getTime() - CLOCK_SKEW_MS)
    throw refuse('the Assertion has expired (Conditions NotOnOrAfter)');
  const restrictions = childrenNamed(conditions, NS.assertion, 'AudienceRestriction');
  if (restrictions.length === 0) throw refuse('the Assertion has no AudienceRestriction');
  // Every restriction must hold (each names the audiences it allows).
  for (const r of restrictions) {
    const audiences = childrenNamed(r, NS.assertion, 'Audience').map((a) => strictText(a, 'Audience').trim());
    if (!audiences.includes(input.sp.entityId))
      throw refuse(`the Assertion is meant for another SP (audience is not ${input.sp.entityId})`);
  }

  const authn = found.AuthnStatement![0]!;
  const sessionNotOnOrAfter = time(optionalAttr(authn, 'SessionNotOnOrAfter'), 'SessionNotOnOrAfter');
  if (sessionNotOnOrAfter && sessionNotOnOrAfter <= now) throw refuse("the IdP's session has ended (SessionNotOnOrAfter)");
  const ctx = firstChild(authn, NS.assertion, 'AuthnContext');
  const classRefEl = ctx ? firstChild(ctx, NS.assertion, 'AuthnContextClassRef') : null;
  const authnContextClassRef = classRefEl ? strictText(classRefEl, 'AuthnContextClassRef').trim() : null;

  const attributes: UpstreamAttribute[] = [];
  for (const statement of found.AttributeStatement ?? []) {
    for (const a of childrenNamed(statement, NS.assertion, 'Attribute')) {
      const name = a.getAttribute('Name');
      if (!name) throw refuse('an Attribute has no Name');
      const values = childrenNamed(a, NS.assertion, 'AttributeValue').map((v) => strictText(v, 'AttributeValue'));
      attributes.push({ name, values });
    }
  }
  return {
    assertionId: assertion.getAttribute('ID')!,
    subject,
    encryptedId,
    attributes,
    authnContextClassRef,
    multiFactor: authnContextClassRef !== null && MULTI_FACTOR_CONTEXTS.has(authnContextClassRef),
    sessionIndex: optionalAttr(authn, 'SessionIndex'),
    /** The replay entry must outlive every instant at which the assertion could still be accepted. */
    validUntil: new Date(Math.max(confirmedUntil.getTime(), notOnOrAfter?.getTime() ?? 0) + CLOCK_SKEW_MS),
  };
}

/** Validates an upstream IdP's Response (HTTP-POST binding). Throws SamlRequestError with the reason. */
export async function validateUpstreamResponse(input: UpstreamResponseInput): Promise<UpstreamAssertion> {
  const { message, idp, now } = input;
  if (message.kind !== 'SAMLResponse') throw refuse('expected a SAMLResponse');
  if (message.binding !== 'post') throw refuse('only the HTTP-POST binding is accepted for Responses');
  const received = parseUntrustedXml(message.xml, WHAT);
  const receivedRoot = received.documentElement;
  // Comments split text differently for the signer (c14n drops them) and a naive reader: refuse them outright.
  if (hasCommentOrPi(receivedRoot)) throw refuse('comments or processing instructions inside the Response');
  if (!is(receivedRoot, NS.protocol, 'Response'))
    throw new SamlRequestError(`expected samlp:Response, found ${(receivedRoot as Element).localName}`);
  checkSignaturePlaces(received);

  // 1. The Response signature, when there is one: from here on, read the Response only from what it signed.
  const responseSigned = elementChildren(receivedRoot).some((c) => is(c, NS.dsig, 'Signature'));
  const responseDoc = responseSigned
    ? verifySignedElement(message.xml, received, receivedRoot, idp.signingCertificates, WHAT, SIGNER)
    : received;
  const root = responseDoc.documentElement;
  checkResponseRoot(root, input);
  const inResponseTo = optionalAttr(root, 'InResponseTo');

  // 2. The one assertion: decrypted with the hub's key, or as sent; its own signature verified over
  //    exactly the Assertion element, and read from those signed bytes.
  const encryptedEl = firstChild(root, NS.assertion, 'EncryptedAssertion');
  let assertionDoc: Document | null = null;
  let assertionSigned = false;
  if (encryptedEl) {
    const plain = decryptAssertion(encryptedEl, input.sp.decryptionKeys, { ciphertextSigned: responseSigned });
    const decrypted = parseUntrustedXml(plain, 'EncryptedAssertion');
    if (hasCommentOrPi(decrypted.documentElement)) throw refuse('comments or processing instructions inside the Assertion');
    const dRoot = decrypted.documentElement;
    if (!is(dRoot, NS.assertion, 'Assertion')) throw refuse('the EncryptedAssertion does not hold a saml:Assertion');
    for (const sig of signaturesIn(decrypted)) {
      if (sig.parentNode !== dRoot) throw refuse('a Signature outside the Assertion (signature wrapping?)');
    }
    if (elementChildren(dRoot).some((c) => is(c, NS.dsig, 'Signature'))) {
      assertionDoc = verifySignedElement(plain, decrypted, dRoot, idp.signingCertificates, 'Assertion', SIGNER);
      assertionSigned = true;
    } else assertionDoc = decrypted;
  } else {
    const sentAssertions = childrenNamed(receivedRoot, NS.assertion, 'Assertion');
    const readAssertions = childrenNamed(root, NS.assertion, 'Assertion');
    if (sentAssertions.length !== 1 || readAssertions.length !== 1) throw refuse('expected exactly one Assertion');
    const sent = sentAssertions[0]!;
    if (elementChildren(sent).some((c) => is(c, NS.dsig, 'Signature'))) {
      assertionDoc = verifySignedElement(message.xml, received, sent, idp.signingCertificates, 'Assertion', SIGNER);
      assertionSigned = true;
      // With both signed, both must speak of the same Assertion.
      if (assertionDoc.documentElement.getAttribute('ID') !== readAssertions[0]!.getAttribute('ID'))
        throw refuse('the signed Assertion is not the one in the Response');
    } else {
      assertionDoc = null;
    }
  }
  if (!assertionSigned && !responseSigned) throw refuse('neither the Response nor the Assertion is signed');
  if (!assertionSigned && idp.wantAssertionsSigned) throw refuse("the Assertion must be signed (the IdP's registration requires it)");
  // Unsigned assertion in a signed Response: read it from the Response's signed bytes.
  const assertionEl = assertionDoc ? assertionDoc.documentElement : childrenNamed(root, NS.assertion, 'Assertion')[0]!;
  // The assertion as read must not carry signatures anywhere but its own root (e.g. in Advice).
  for (const sig of descendants(assertionEl, NS.dsig, 'Signature')) {
    if (sig.parentNode !== assertionEl) throw refuse('a Signature inside the Assertion body (signature wrapping?)');
  }
  const read = readAssertion(assertionEl, input, { solicitedBy: inResponseTo });

  // 3. State, last: the request it answers (single use), then replay of the Response and Assertion IDs.
  let request: UpstreamAuthnRequest | null = null;
  if (inResponseTo !== null) {
    request = await input.requests.consume(inResponseTo, idp.entityId, now);
    if (!request) throw refuse('InResponseTo does not name an outstanding request the hub sent to this IdP (forged, replayed or expired)');
  } else if (!idp.allowUnsolicited) {
    throw refuse('unsolicited Responses are not allowed for this IdP (no InResponseTo)');
  }
  const replayUntil = new Date(Math.max(read.validUntil.getTime(), now.getTime() + MESSAGE_LIFETIME_MS + 2 * CLOCK_SKEW_MS));
  const responseId = root.getAttribute('ID')!;
  if (!(await input.replayCache.remember(idp.entityId, `assertion:${read.assertionId}`, replayUntil)))
    throw refuse(`Assertion ID '${read.assertionId}' was already used (replay)`);
  if (!(await input.replayCache.remember(idp.entityId, `response:${responseId}`, replayUntil)))
    throw refuse(`Response ID '${responseId}' was already used (replay)`);

  return {
    idpEntityId: idp.entityId,
    responseId,
    assertionId: read.assertionId,
    nameId: read.subject.nameId,
    nameIdFormat: read.subject.format,
    subject: read.subject,
    encryptedId: read.encryptedId,
    attributes: read.attributes,
    authnContextClassRef: read.authnContextClassRef,
    multiFactor: read.multiFactor,
    sessionIndex: read.sessionIndex,
    request,
    responseSigned,
    assertionSigned,
    encrypted: !!encryptedEl,
  };
}

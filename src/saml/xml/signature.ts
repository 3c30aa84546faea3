import crypto from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { SamlRequestError } from '../../domain/errors';
import { descendants, elementChildren, elementsWithId, hasCommentOrPi, is, strictText } from './dom';
import { ALG, NS } from './namespaces';
import { type ParseLimits, parseUntrustedXml } from './parse';
import { checkSequence } from './schema';

/**
 * XML signatures. Verification is xml-crypto's (never our own maths), wrapped in the structural rules
 * that stop signature wrapping: one signature, a direct child of the root, one Reference to exactly
 * the root's (unique) ID, strong algorithms only, keys from metadata only — and every value the caller
 * reads afterwards comes from the signed bytes xml-crypto returns, not from the document we were sent.
 */

const SIGNATURE_ALGORITHMS = new Set<string>([ALG.rsaSha256, ALG.rsaSha512]);
const DIGEST_ALGORITHMS = new Set<string>([ALG.sha256, ALG.sha512]);
const TRANSFORMS = new Set<string>([ALG.enveloped, ALG.excC14n]);

export function signaturesIn(doc: Document): Element[] {
  return descendants(doc, NS.dsig, 'Signature');
}

function algorithmOf(el: Element | undefined, what: string): string {
  const alg = el?.getAttribute('Algorithm');
  if (!alg) throw new SamlRequestError(`${what}: missing Algorithm`);
  return alg;
}

/** The structural checks, before any cryptography. Returns the Signature element. */
function checkSignatureShape(doc: Document, what: string): Element {
  const root = doc.documentElement;
  const all = signaturesIn(doc);
  if (all.length === 0) throw new SamlRequestError(`${what}: not signed`);
  if (all.length > 1) throw new SamlRequestError(`${what}: more than one Signature element`);
  if (all[0]!.parentNode !== root)
    throw new SamlRequestError(`${what}: the Signature must be a direct child of the message root (signature wrapping?)`);
  return checkSignatureOf(doc, root, what);
}

/**
 * The structural checks for the one signature of `target` (the message root, or an Assertion inside a
 * Response): exactly one Signature among its children, whose one Reference points at `target`'s ID, an
 * ID no other element in the document carries. Returns the Signature element.
 */
function checkSignatureOf(doc: Document, target: Element, what: string): Element {
  const own = elementChildren(target).filter((c) => is(c, NS.dsig, 'Signature'));
  if (own.length === 0) throw new SamlRequestError(`${what}: not signed`);
  if (own.length > 1) throw new SamlRequestError(`${what}: more than one Signature element`);
  const signature = own[0]!;
  if (hasCommentOrPi(signature)) throw new SamlRequestError(`${what}: comments or processing instructions inside the Signature`);

  const rootId = target.getAttribute('ID');
  if (!rootId) throw new SamlRequestError(`${what}: the signed root has no ID`);
  if (elementsWithId(doc, rootId).length !== 1) throw new SamlRequestError(`${what}: duplicate ID '${rootId}'`);

  const parts = checkSequence(
    signature,
    [
      { ns: NS.dsig, name: 'SignedInfo', min: 1 },
      { ns: NS.dsig, name: 'SignatureValue', min: 1 },
      { ns: NS.dsig, name: 'KeyInfo' },
      { ns: NS.dsig, name: 'Object', max: 0 },
    ],
    `${what}/Signature`,
  );
  const signedInfo = parts.SignedInfo![0]!;
  const si = checkSequence(
    signedInfo,
    [
      { ns: NS.dsig, name: 'CanonicalizationMethod', min: 1 },
      { ns: NS.dsig, name: 'SignatureMethod', min: 1 },
      { ns: NS.dsig, name: 'Reference', min: 1, max: 1 },
    ],
    `${what}/SignedInfo`,
  );
  if (algorithmOf(si.CanonicalizationMethod![0], 'CanonicalizationMethod') !== ALG.excC14n) {
    throw new SamlRequestError(`${what}: canonicalization must be exclusive c14n without comments`);
  }
  const sigAlg = algorithmOf(si.SignatureMethod![0], 'SignatureMethod');
  if (!SIGNATURE_ALGORITHMS.has(sigAlg))
    throw new SamlRequestError(`${what}: signature algorithm ${sigAlg} is not allowed (RSA-SHA256 or stronger)`);

  const reference = si.Reference![0]!;
  if (reference.getAttribute('URI') !== `#${rootId}`)
    throw new SamlRequestError(
      `${what}: the Reference must point at the ${target === doc.documentElement ? 'message root' : `signed ${target.localName}`} (#${rootId})`,
    );
  const ref = checkSequence(
    reference,
    [
      { ns: NS.dsig, name: 'Transforms' },
      { ns: NS.dsig, name: 'DigestMethod', min: 1 },
      { ns: NS.dsig, name: 'DigestValue', min: 1 },
    ],
    `${what}/Reference`,
  );
  for (const t of ref.Transforms?.[0] ? elementChildren(ref.Transforms[0]) : []) {
    const alg = algorithmOf(t, 'Transform');
    if (!is(t, NS.dsig, 'Transform') || !TRANSFORMS.has(alg)) throw new SamlRequestError(`${what}: transform ${alg} is not allowed`);
  }
  const digestAlg = algorithmOf(ref.DigestMethod![0], 'DigestMethod');
  if (!DIGEST_ALGORITHMS.has(digestAlg))
    throw new SamlRequestError(`${what}: digest algorithm ${digestAlg} is not allowed (SHA-256 or stronger)`);
  strictText(ref.DigestValue![0]!, `${what}/DigestValue`);
  strictText(parts.SignatureValue![0]!, `${what}/SignatureValue`);
  return signature;
}

/**
 * Verifies the enveloped signature of a message against the SP's metadata certificates and returns
 * the signed content, parsed (with the same limits as the message): callers must read the message
 * from this document only.
 */
export function verifyEnvelopedSignature(
  xml: string,
  doc: Document,
  certificates: readonly string[],
  what: string,
  limits?: ParseLimits,
): Document {
  const signature = checkSignatureShape(doc, what);
  if (certificates.length === 0) throw new SamlRequestError(`${what}: signed, but the SP's metadata has no signing certificate`);
  return verifyWithCertificates(xml, doc.documentElement, signature, certificates, what, "the SP's registered certificates", limits);
}

/**
 * Verifies the enveloped signature of one element of a document — the Response root, or the Assertion
 * inside it — and returns exactly the signed element, parsed on its own: the caller reads that element
 * from this document only, never from the one received (no signature wrapping). `signer` names whose
 * certificates these are, for the message.
 */
export function verifySignedElement(
  xml: string,
  doc: Document,
  target: Element,
  certificates: readonly string[],
  what: string,
  signer: string,
  limits?: ParseLimits,
): Document {
  const signature = checkSignatureOf(doc, target, what);
  if (certificates.length === 0) throw new SamlRequestError(`${what}: signed, but ${signer} has no signing certificate`);
  return verifyWithCertificates(xml, target, signature, certificates, what, signer, limits);
}

function verifyWithCertificates(
  xml: string,
  target: Element,
  signature: Element,
  certificates: readonly string[],
  what: string,
  signer: string,
  limits?: ParseLimits,
): Document {
  for (const cert of certificates) {
    const verifier = new SignedXml({ publicCert: toPem(cert) });
    // Only what checkSignatureShape allowed; no KeyInfo lookups (getCertFromKeyInfo stays a no-op).
    verifier.SignatureAlgorithms = {
      [ALG.rsaSha256]: verifier.SignatureAlgorithms[ALG.rsaSha256]!,
      [ALG.rsaSha512]: verifier.SignatureAlgorithms[ALG.rsaSha512]!,
    };
    verifier.HashAlgorithms = { [ALG.sha256]: verifier.HashAlgorithms[ALG.sha256]!, [ALG.sha512]: verifier.HashAlgorithms[ALG.sha512]! };
    try {
      verifier.loadSignature(signature);
      if (!verifier.checkSignature(xml)) continue;
    } catch {
      continue;
    }
    const signed = verifier.getSignedReferences();
    if (signed.length !== 1) throw new SamlRequestError(`${what}: expected exactly one signed reference`);
    const signedDoc = parseUntrustedXml(signed[0]!, what, limits);
    const signedRoot = signedDoc.documentElement;
    if (
      signedRoot.getAttribute('ID') !== target.getAttribute('ID') ||
      signedRoot.namespaceURI !== target.namespaceURI ||
      signedRoot.localName !== target.localName
    ) {
      throw new SamlRequestError(
        `${what}: the signed content is not the ${target === target.ownerDocument?.documentElement ? 'message root' : `signed ${target.localName}`}`,
      );
    }
    return signedDoc;
  }
  throw new SamlRequestError(`${what}: signature does not verify with ${signer}`);
}

export function toPem(cert: string): string {
  if (cert.includes('BEGIN CERTIFICATE')) return cert;
  const body = cert.replace(/\s+/g, '');
  // An empty body still makes a (then unparseable) PEM rather than a TypeError.
  return `-----BEGIN CERTIFICATE-----\n${(body.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** SHA-256 fingerprint (colon-separated hex) and expiry of a certificate (PEM or base64 body), for people to compare; null when unreadable. */
export function certificateFacts(cert: string): { fingerprint: string; validTo: Date } | null {
  try {
    const x509 = new crypto.X509Certificate(toPem(cert));
    return { fingerprint: x509.fingerprint256, validTo: new Date(x509.validTo) };
  } catch {
    return null;
  }
}

/** Base64 body of a PEM certificate (as metadata carries it). */
export function certificateBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

export const REDIRECT_SIG_ALGORITHMS: Record<string, string> = {
  [ALG.rsaSha256]: 'RSA-SHA256',
  [ALG.rsaSha512]: 'RSA-SHA512',
};

/** HTTP-Redirect binding signature over the octets as received (SAML bindings §3.4.4.1). */
export function verifyRedirectSignature(
  signedOctets: string,
  sigAlg: string,
  signatureB64: string,
  certificates: readonly string[],
  what: string,
  signer = "the SP's registered certificates",
): void {
  const alg = REDIRECT_SIG_ALGORITHMS[sigAlg];
  if (!alg) throw new SamlRequestError(`${what}: SigAlg ${sigAlg} is not allowed (RSA-SHA256 or stronger)`);
  if (certificates.length === 0) throw new SamlRequestError(`${what}: signed, but ${signer} has no signing certificate`);
  const signature = Buffer.from(signatureB64, 'base64');
  for (const cert of certificates) {
    try {
      if (crypto.verify(alg, Buffer.from(signedOctets, 'utf8'), publicKeyOf(cert), signature)) return;
    } catch {
      /* try the next certificate */
    }
  }
  throw new SamlRequestError(`${what}: signature does not verify with ${signer}`);
}

/** Signs with RSA-SHA256 for the HTTP-Redirect binding. */
export function signRedirectOctets(octets: string, key: SigningKey): string {
  return crypto.sign('RSA-SHA256', Buffer.from(octets, 'utf8'), privateKeyOf(key)).toString('base64');
}

// Parsing a PEM key or certificate costs more than the RSA operation itself: each is parsed once per
// process. The maps hold the hub's own keys and the registered SPs' certificates (bounded by the registry).
const privateKeys = new Map<string, crypto.KeyObject>();
const publicKeys = new Map<string, crypto.KeyObject>();
const MAX_PARSED_CERTIFICATES = 10_000;

export function privateKeyOf(key: SigningKey): crypto.KeyObject {
  let parsed = privateKeys.get(key.privateKeyPem);
  if (!parsed) {
    parsed = crypto.createPrivateKey(key.privateKeyPem);
    privateKeys.set(key.privateKeyPem, parsed);
  }
  return parsed;
}

/** The public key of a certificate (PEM or the base64 body metadata carries). */
export function publicKeyOf(certificate: string): crypto.KeyObject {
  let parsed = publicKeys.get(certificate);
  if (!parsed) {
    if (publicKeys.size >= MAX_PARSED_CERTIFICATES) publicKeys.clear();
    parsed = new crypto.X509Certificate(toPem(certificate)).publicKey;
    publicKeys.set(certificate, parsed);
  }
  return parsed;
}

export interface SigningKey {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

/**
 * Enveloped RSA-SHA256 / exclusive-c14n signature over the element with the given ID, inserted right
 * after that element's Issuer (where the SAML schema puts it), or as first child (metadata).
 */
export function signElement(
  xml: string,
  elementLocalName: string,
  id: string,
  key: SigningKey,
  placement: { firstChild?: boolean } = {},
): string {
  const signer = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    signatureAlgorithm: ALG.rsaSha256,
    canonicalizationAlgorithm: ALG.excC14n,
  });
  const target = `//*[local-name(.)='${elementLocalName}' and @ID='${id}']`;
  signer.addReference({ xpath: target, transforms: [ALG.enveloped, ALG.excC14n], digestAlgorithm: ALG.sha256 });
  signer.computeSignature(xml, {
    prefix: 'ds',
    location: placement.firstChild
      ? { reference: target, action: 'prepend' }
      : { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return signer.getSignedXml();
}

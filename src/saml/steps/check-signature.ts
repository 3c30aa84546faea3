import { SamlRequestError } from '../../domain/errors';
import type { ServiceProvider } from '../../domain/model';
import type { InboundMessage } from '../bindings/inbound';
import { step } from '../flow';
import type { SsoOutcome, SsoState } from '../sso-state';
import { signaturesIn, verifyEnvelopedSignature, verifyRedirectSignature } from '../xml/signature';
import { readAuthnRequest } from './parse-authn-request';

/**
 * The signature rules every inbound message shares: HTTP-Redirect is signed over the query string as
 * received (an XML signature inside is refused); HTTP-POST carries one enveloped signature. A signature
 * present is always verified, against the SP's metadata certificates only; `required` says whether an
 * unsigned message is refused. Returns the document to read from: after a POST signature, exactly the
 * signed bytes.
 */
export function verifyMessageSignature(
  message: InboundMessage,
  doc: Document,
  sp: ServiceProvider,
  what: string,
  required: boolean,
): { doc: Document; signed: boolean } {
  let signed = false;
  if (message.binding === 'redirect') {
    if (signaturesIn(doc).length > 0)
      throw new SamlRequestError(`${what}: an XML signature is not allowed in the HTTP-Redirect binding (sign the query string)`);
    if (message.querySignature) {
      const q = message.querySignature;
      verifyRedirectSignature(q.signedOctets, q.sigAlg, q.signature, sp.signingCertificates, what);
      signed = true;
    }
  } else if (signaturesIn(doc).length > 0) {
    doc = verifyEnvelopedSignature(message.xml, doc, sp.signingCertificates, what);
    signed = true;
  }
  if (required && !signed) throw new SamlRequestError(`SP '${sp.entityId}' must sign its ${what}s`);
  return { doc, signed };
}

/** AuthnRequests must be signed when the SP's metadata says AuthnRequestsSigned; from here on, read only what is signed. */
export const checkAuthnRequestSignature = step<SsoState, SsoOutcome>('check-signature', (_ctx, s) => {
  const verified = verifyMessageSignature(s.message!, s.doc!, s.sp!, 'AuthnRequest', s.sp!.authnRequestsSigned);
  s.signed = verified.signed;
  if (verified.doc !== s.doc) {
    s.doc = verified.doc;
    s.request = readAuthnRequest(verified.doc);
  }
});

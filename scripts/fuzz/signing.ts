import crypto from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import type { KeyPair } from '../../src/crypto/secrets';

/** Signing as an SP would do it, with the algorithms the fuzz cases choose (some of them refused). */

export const SIG_ALG = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
} as const;
const DIGEST = { sha256: 'http://www.w3.org/2001/04/xmlenc#sha256', sha1: 'http://www.w3.org/2000/09/xmldsig#sha1' } as const;
const NODE_ALG: Record<string, string> = {
  [SIG_ALG.rsaSha256]: 'RSA-SHA256',
  [SIG_ALG.rsaSha512]: 'RSA-SHA512',
  [SIG_ALG.rsaSha1]: 'RSA-SHA1',
};

export type XmlSignatureVariant = 'sha256' | 'sha1' | 'no-transforms' | 'first-child';

/**
 * Enveloped signature over the root (found by its ID attribute), after the Issuer or as first child.
 * Returns null when xml-crypto cannot sign this text (malformed, no ID, no Issuer) or it is larger than
 * SIGNABLE_BYTES: the case is then sent unsigned. The size limit is the harness's, not the product's:
 * xml-crypto's canonicalisation copies the namespace context per element, so signing a document
 * nested thousands of levels deep with a namespace on each level takes gigabytes — which is what
 * the hub's nesting cap keeps away from verification.
 */
const SIGNABLE_BYTES = 32 * 1024;

function wellFormed(xml: string): boolean {
  let ok = true;
  const fail = () => {
    ok = false;
  };
  try {
    new DOMParser({ errorHandler: { warning: fail, error: fail, fatalError: fail } }).parseFromString(xml, 'text/xml');
  } catch {
    return false;
  }
  return ok;
}

export function signEnveloped(xml: string, key: KeyPair, variant: XmlSignatureVariant): string | null {
  const id = /\sID="([^"]+)"/.exec(xml)?.[1];
  if (!id || xml.length > SIGNABLE_BYTES || !wellFormed(xml)) return null;
  const sha1 = variant === 'sha1';
  try {
    const signer = new SignedXml({
      privateKey: key.privateKeyPem,
      publicCert: key.certificatePem,
      signatureAlgorithm: sha1 ? SIG_ALG.rsaSha1 : SIG_ALG.rsaSha256,
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    const target = `//*[@ID='${id}']`;
    signer.addReference({
      xpath: target,
      transforms:
        variant === 'no-transforms'
          ? ['http://www.w3.org/2001/10/xml-exc-c14n#']
          : ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
      digestAlgorithm: sha1 ? DIGEST.sha1 : DIGEST.sha256,
    });
    signer.computeSignature(xml, {
      prefix: 'ds',
      location:
        variant === 'first-child'
          ? { reference: target, action: 'prepend' }
          : { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' },
    });
    return signer.getSignedXml();
  } catch {
    return null;
  }
}

/** HTTP-Redirect signature over the given octets (SAMLRequest=…&RelayState=…&SigAlg=…). */
export function signOctets(octets: string, sigAlg: string, key: KeyPair): string {
  return crypto.sign(NODE_ALG[sigAlg] ?? 'RSA-SHA256', Buffer.from(octets, 'utf8'), key.privateKeyPem).toString('base64');
}

import { SamlRequestError } from '../../domain/errors';
import type { UpstreamSubject } from '../../domain/federation/upstream';
import { hasCommentOrPi, is, optionalAttr, strictText } from '../xml/dom';
import { NS } from '../xml/namespaces';
import { parseUntrustedXml } from '../xml/parse';
import { checkNameIdLike } from '../xml/schema';
import { type DecryptionKey, decryptAssertion } from './decrypt';

/**
 * The subject identifier of a school IdP's message — an Assertion's Subject or a LogoutRequest: a
 * saml:NameID, or a saml:EncryptedID decrypted with the hub's key (the algorithms decrypt.ts allows;
 * callers read `el` from signed bytes, so the ciphertext is covered by a verified signature). BaseID is
 * not accepted. Format and qualifiers are kept as sent: a LogoutRequest to the IdP must name the
 * subject exactly so.
 */
export function readSubjectId(el: Element, keys: readonly DecryptionKey[], what: string): UpstreamSubject {
  let nameIdEl = el;
  if (is(el, NS.assertion, 'EncryptedID')) {
    const plain = decryptAssertion(el, keys, { ciphertextSigned: true }, 'EncryptedID');
    const doc = parseUntrustedXml(plain, 'EncryptedID');
    nameIdEl = doc.documentElement;
    if (hasCommentOrPi(nameIdEl)) throw new SamlRequestError(`${what}: comments or processing instructions inside the EncryptedID`);
    if (!is(nameIdEl, NS.assertion, 'NameID')) throw new SamlRequestError(`${what}: the EncryptedID does not hold a saml:NameID`);
  } else if (!is(el, NS.assertion, 'NameID')) {
    throw new SamlRequestError(`${what}: expected a NameID or EncryptedID`);
  }
  checkNameIdLike(nameIdEl, `${what}/NameID`);
  const nameId = strictText(nameIdEl, `${what}/NameID`).trim();
  if (nameId === '' || nameId.length > 256) throw new SamlRequestError(`${what}: NameID is empty or longer than 256 characters`);
  return {
    nameId,
    format: optionalAttr(nameIdEl, 'Format'),
    nameQualifier: optionalAttr(nameIdEl, 'NameQualifier'),
    spNameQualifier: optionalAttr(nameIdEl, 'SPNameQualifier'),
  };
}

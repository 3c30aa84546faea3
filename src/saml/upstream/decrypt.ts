import { XMLSerializer } from '@xmldom/xmldom';
import { decrypt as xmlDecrypt } from 'xml-encryption';
import { SamlRequestError } from '../../domain/errors';
import { descendants, elementChildren, hasCommentOrPi, is } from '../xml/dom';
import { NS } from '../xml/namespaces';

/** One of the hub's encryption keys (the private key decrypts what the IdP encrypted for its certificate). */
export interface DecryptionKey {
  readonly privateKeyPem: string;
}

const GCM = new Set(['http://www.w3.org/2009/xmlenc11#aes128-gcm', 'http://www.w3.org/2009/xmlenc11#aes256-gcm']);
const CBC = new Set(['http://www.w3.org/2001/04/xmlenc#aes128-cbc', 'http://www.w3.org/2001/04/xmlenc#aes256-cbc']);
const KEY_TRANSPORT = new Set(['http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p', 'http://www.w3.org/2009/xmlenc11#rsa-oaep']);

/** What is decrypted: an assertion, or a NameID (EncryptedID in a Subject or a LogoutRequest). */
export type EncryptedElementName = 'EncryptedAssertion' | 'EncryptedID';

/**
 * Decrypts an EncryptedAssertion (or an EncryptedID: the same EncryptedElementType) with the hub's key (xml-encryption does the cryptography). Algorithms
 * are ours to allow: RSA-OAEP for the key (never RSA 1.5), AES-GCM for the content — AES-CBC (what
 * Entra ID and ADFS send) only when the ciphertext was covered by a Response signature already
 * verified, so no one can feed the hub altered ciphertexts (the CBC padding-oracle attack). Every
 * failure gives the same message.
 */
export function decryptAssertion(
  encryptedAssertion: Element,
  keys: readonly DecryptionKey[],
  opts: { ciphertextSigned: boolean },
  what: EncryptedElementName = 'EncryptedAssertion',
): string {
  const refuse = (reason: string) => new SamlRequestError(`${what}: ${reason}`);
  if (hasCommentOrPi(encryptedAssertion)) throw refuse('comments or processing instructions are not allowed');
  const kids = elementChildren(encryptedAssertion);
  const data = kids.filter((k) => is(k, NS.xenc, 'EncryptedData'));
  const siblingKeys = kids.filter((k) => is(k, NS.xenc, 'EncryptedKey'));
  if (data.length !== 1 || siblingKeys.length + data.length !== kids.length)
    throw refuse('expected one EncryptedData (and optionally its EncryptedKey)');
  const encryptedKeys = descendants(encryptedAssertion, NS.xenc, 'EncryptedKey');
  if (encryptedKeys.length !== 1) throw refuse('expected exactly one EncryptedKey');
  const contentAlg =
    elementChildren(data[0]!)
      .find((c) => is(c, NS.xenc, 'EncryptionMethod'))
      ?.getAttribute('Algorithm') ?? '';
  const keyAlg =
    elementChildren(encryptedKeys[0]!)
      .find((c) => is(c, NS.xenc, 'EncryptionMethod'))
      ?.getAttribute('Algorithm') ?? '';
  if (!KEY_TRANSPORT.has(keyAlg)) throw refuse(`key transport ${keyAlg || '(none)'} is not allowed (RSA-OAEP only)`);
  if (!GCM.has(contentAlg) && !(CBC.has(contentAlg) && opts.ciphertextSigned)) {
    throw refuse(
      CBC.has(contentAlg)
        ? 'AES-CBC is accepted only inside a signed message (sign it, or use AES-GCM)'
        : `content encryption ${contentAlg || '(none)'} is not allowed (AES-GCM, or AES-CBC in a signed message)`,
    );
  }
  const xml = new XMLSerializer().serializeToString(encryptedAssertion);
  for (const key of keys) {
    let plain: string | null = null;
    // xml-encryption calls back synchronously.
    xmlDecrypt(
      xml,
      { key: key.privateKeyPem, disallowDecryptionWithInsecureAlgorithm: false, warnInsecureAlgorithm: false },
      (err, out) => {
        if (!err && typeof out === 'string') plain = out;
      },
    );
    if (plain !== null) return plain;
  }
  throw refuse("could not be decrypted with the hub's encryption key");
}

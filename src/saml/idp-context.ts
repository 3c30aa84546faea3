import type { Keyring } from '../crypto/field-cipher';
import type { KeyPair, SigningKeys } from '../crypto/secrets';
import type { Repositories } from '../domain/ports';
import type { Logger } from '../logger';

/** What the SAML layer needs from the composition root. */
export interface IdpContext {
  readonly idpEntityId: string;
  readonly ssoUrl: string;
  readonly sloUrl: string;
  readonly signingKeys: SigningKeys;
  readonly encryptionKey: KeyPair;
  readonly keyring: Keyring;
  readonly repos: Repositories;
  readonly logger: Logger;
}

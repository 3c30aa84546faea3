import type { Keyring } from '../crypto/field-cipher';
import type { KeyPair, SigningKeys } from '../crypto/secrets';
import type { ReleaseRecorder } from '../domain/audit/ports';
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
  /** The hot path's one write: replay entry, ledger row and audit event of a Response, group-committed. */
  readonly recorder: ReleaseRecorder;
  readonly logger: Logger;
}

import type { Keyring } from '../crypto/field-cipher';
import type { KeyPair, SigningKeys } from '../crypto/secrets';
import type { ReleaseRecorder } from '../domain/audit/ports';
import type { Repositories } from '../domain/ports';
import type { Logger } from '../logger';
import type { UpstreamSpEndpoints } from './upstream/sp-metadata';

/** What the SAML layer needs from the composition root. */
export interface IdpContext {
  readonly idpEntityId: string;
  readonly ssoUrl: string;
  readonly sloUrl: string;
  /** The hub as SP towards schools' own IdPs (one entity for all schools). */
  readonly upstreamSp: UpstreamSpEndpoints;
  readonly signingKeys: SigningKeys;
  readonly encryptionKey: KeyPair;
  readonly keyring: Keyring;
  readonly repos: Repositories;
  /** The hot path's one write: replay entry, ledger row and audit event of a Response, group-committed. */
  readonly recorder: ReleaseRecorder;
  readonly logger: Logger;
}

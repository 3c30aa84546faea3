import type { AgreementRepository } from './agreements/ports';
import type { AuditLog, ReleaseLedger } from './audit/ports';
import type { BreachRepository } from './breaches/ports';
import type { ApiClientRepository, RateLimitRepository, ReplayCache, ServiceProviderRepository } from './federation/ports';
import type {
  CredentialRepository,
  GuardianRepository,
  LoginCardRepository,
  OperatorRepository,
  PasswordResetRepository,
  RecoveryCodeRepository,
  SchoolNetworkRepository,
  SessionRepository,
  ThrottleRepository,
} from './identity/ports';
import type {
  ActivationRepository,
  LicenceRepository,
  ParticipantRepository,
  PortalRepository,
  ProductIconRepository,
  ProductRepository,
} from './licensing/ports';
import type { UpstreamIdpRepository, UpstreamRequestStore } from './federation/upstream';
import type { OidcClientRepository } from './federation/oidc-client';
import type { OidcPayloadStore } from './federation/oidc-payloads';
import type { MaintenanceRepository } from './maintenance/ports';
import type { DisruptionRepository } from './disruptions/ports';
import type { Outbox } from './mail/ports';
import type { MisuseRepository } from './misuse/ports';
import type { ServiceNoticeRepository } from './notices/ports';
import type { JobClaims, RetentionStore } from './retention/ports';
import type { GroupRepository, ImportUploadRepository, PersonRepository, SchoolRepository } from './roster/ports';

/**
 * Every repository at once, and the unit of work that hands them out inside one transaction. The
 * interfaces themselves live with their concept (domain/<concept>/ports.ts); a service takes only the
 * repositories it uses (Pick<Repositories, …>).
 */

export interface Repositories {
  readonly schools: SchoolRepository;
  readonly groups: GroupRepository;
  readonly people: PersonRepository;
  readonly credentials: CredentialRepository;
  readonly participants: ParticipantRepository;
  readonly products: ProductRepository;
  readonly licences: LicenceRepository;
  readonly activations: ActivationRepository;
  readonly audit: AuditLog;
  readonly ledger: ReleaseLedger;
  readonly serviceProviders: ServiceProviderRepository;
  readonly replayCache: ReplayCache;
  readonly sessions: SessionRepository;
  readonly throttle: ThrottleRepository;
  readonly recoveryCodes: RecoveryCodeRepository;
  readonly productIcons: ProductIconRepository;
  readonly portal: PortalRepository;
  readonly apiClients: ApiClientRepository;
  readonly rateLimits: RateLimitRepository;
  readonly outbox: Outbox;
  readonly passwordResets: PasswordResetRepository;
  readonly schoolNetworks: SchoolNetworkRepository;
  readonly loginCards: LoginCardRepository;
  readonly guardians: GuardianRepository;
  readonly operators: OperatorRepository;
  readonly agreements: AgreementRepository;
  readonly importUploads: ImportUploadRepository;
  readonly maintenance: MaintenanceRepository;
  readonly breaches: BreachRepository;
  readonly retention: RetentionStore;
  readonly jobs: JobClaims;
  readonly upstreamRequests: UpstreamRequestStore;
  readonly upstreamIdps: UpstreamIdpRepository;
  readonly misuse: MisuseRepository;
  readonly notices: ServiceNoticeRepository;
  readonly disruptions: DisruptionRepository;
  /** Participants' OpenID Connect clients (issue 18). */
  readonly oidcClients: OidcClientRepository;
  /** The OpenID Connect provider's sessions, grants, codes and tokens. */
  readonly oidcPayloads: OidcPayloadStore;
}

/**
 * Runs work atomically: every repository handed to `work` writes in one transaction, which is rolled
 * back as a whole when `work` throws. Embedded (PGlite) mode runs these one at a time.
 */
export interface UnitOfWork {
  run<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

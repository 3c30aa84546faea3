import type { EntityManager } from 'typeorm';
import type { Repositories } from '../../domain/ports';
import { TypeOrmActivationRepository } from './activation.repository';
import { TypeOrmAgreementRepository } from './agreement.repository';
import { TypeOrmApiClientRepository } from './api-client.repository';
import { TypeOrmBreachRepository } from './breach.repository';
import { TypeOrmAuditLogRepository } from './audit-log.repository';
import { TypeOrmCredentialRepository } from './credential.repository';
import { TypeOrmGroupRepository } from './group.repository';
import { TypeOrmGuardianRepository } from './guardian.repository';
import { TypeOrmImportUploadRepository } from './import-upload.repository';
import { TypeOrmLicenceRepository } from './licence.repository';
import { TypeOrmLoginCardRepository } from './login-card.repository';
import { TypeOrmMaintenanceRepository } from './maintenance.repository';
import { TypeOrmMisuseRepository } from './misuse.repository';
import { TypeOrmServiceNoticeRepository } from './service-notice.repository';
import { TypeOrmDisruptionRepository } from './disruption.repository';
import { TypeOrmOidcClientRepository } from './oidc-client.repository';
import { TypeOrmOidcPayloadRepository } from './oidc-payload.repository';
import { TypeOrmOperatorRepository } from './operator.repository';
import { TypeOrmOutboxRepository } from './outbox.repository';
import { TypeOrmParticipantRepository } from './participant.repository';
import { TypeOrmPasswordResetRepository } from './password-reset.repository';
import { TypeOrmPersonRepository } from './person.repository';
import { TypeOrmPortalRepository } from './portal.repository';
import { TypeOrmProductIconRepository } from './product-icon.repository';
import { TypeOrmProductRepository } from './product.repository';
import { TypeOrmRateLimitRepository } from './rate-limit.repository';
import { TypeOrmRecoveryCodeRepository } from './recovery-code.repository';
import { TypeOrmReleaseLedgerRepository } from './release-ledger.repository';
import { TypeOrmReplayCacheRepository } from './replay-cache.repository';
import { TypeOrmSchoolNetworkRepository } from './school-network.repository';
import { TypeOrmSchoolRepository } from './school.repository';
import { TypeOrmServiceProviderRepository } from './service-provider.repository';
import { TypeOrmSessionRepository } from './session.repository';
import { TypeOrmThrottleRepository } from './throttle.repository';
import { TypeOrmRetentionRepository } from './retention.repository';
import { TypeOrmUpstreamIdpRepository } from './upstream-idp.repository';
import { TypeOrmUpstreamRequestRepository } from './upstream-request.repository';

/**
 * Every repository bound to one EntityManager (the data source's, or a transaction's). One class per
 * file, each named after what it holds; all go through TypeORM (entities, or plain SQL where simpler).
 */
export function repositoriesFor(em: EntityManager): Repositories {
  return Object.freeze({
    schools: new TypeOrmSchoolRepository(em),
    groups: new TypeOrmGroupRepository(em),
    people: new TypeOrmPersonRepository(em),
    credentials: new TypeOrmCredentialRepository(em),
    participants: new TypeOrmParticipantRepository(em),
    products: new TypeOrmProductRepository(em),
    licences: new TypeOrmLicenceRepository(em),
    activations: new TypeOrmActivationRepository(em),
    audit: new TypeOrmAuditLogRepository(em),
    ledger: new TypeOrmReleaseLedgerRepository(em),
    serviceProviders: new TypeOrmServiceProviderRepository(em),
    replayCache: new TypeOrmReplayCacheRepository(em),
    sessions: new TypeOrmSessionRepository(em),
    throttle: new TypeOrmThrottleRepository(em),
    recoveryCodes: new TypeOrmRecoveryCodeRepository(em),
    productIcons: new TypeOrmProductIconRepository(em),
    portal: new TypeOrmPortalRepository(em),
    apiClients: new TypeOrmApiClientRepository(em),
    rateLimits: new TypeOrmRateLimitRepository(em),
    outbox: new TypeOrmOutboxRepository(em),
    passwordResets: new TypeOrmPasswordResetRepository(em),
    schoolNetworks: new TypeOrmSchoolNetworkRepository(em),
    loginCards: new TypeOrmLoginCardRepository(em),
    guardians: new TypeOrmGuardianRepository(em),
    operators: new TypeOrmOperatorRepository(em),
    agreements: new TypeOrmAgreementRepository(em),
    importUploads: new TypeOrmImportUploadRepository(em),
    maintenance: new TypeOrmMaintenanceRepository(em),
    breaches: new TypeOrmBreachRepository(em),
    retention: new TypeOrmRetentionRepository(em),
    jobs: new TypeOrmRetentionRepository(em),
    upstreamRequests: new TypeOrmUpstreamRequestRepository(em),
    upstreamIdps: new TypeOrmUpstreamIdpRepository(em),
    misuse: new TypeOrmMisuseRepository(em),
    notices: new TypeOrmServiceNoticeRepository(em),
    disruptions: new TypeOrmDisruptionRepository(em),
    oidcClients: new TypeOrmOidcClientRepository(em),
    oidcPayloads: new TypeOrmOidcPayloadRepository(em),
  });
}

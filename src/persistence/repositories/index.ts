import type { EntityManager } from 'typeorm';
import type { Repositories } from '../../domain/ports';
import { TypeOrmApiClientRepository, TypeOrmRateLimitRepository } from './api-client.repository';
import { TypeOrmAuditLog, TypeOrmReleaseLedger } from './audit.repository';
import { TypeOrmOutbox, TypeOrmPasswordResets } from './outbox.repository';
import { SqlAgreementRepository, SqlImportUploadRepository } from './agreement.repository';
import { SqlGuardianRepository, SqlLoginCardRepository, SqlOperatorRepository, SqlSchoolNetworkRepository } from './login-access.repository';
import { TypeOrmCredentialRepository } from './credential.repository';
import { TypeOrmGroupRepository } from './group.repository';
import { TypeOrmActivationRepository, TypeOrmLicenceRepository } from './licence.repository';
import { TypeOrmParticipantRepository, TypeOrmProductRepository } from './participant.repository';
import { TypeOrmPersonRepository } from './person.repository';
import { TypeOrmSchoolRepository } from './school.repository';
import { TypeOrmServiceProviderRepository } from './service-provider.repository';
import { TypeOrmReplayCache, TypeOrmSessionRepository } from './session.repository';
import { SqlThrottleRepository } from './throttle.repository';
import { SqlRecoveryCodeRepository } from './recovery-code.repository';
import { SqlProductIconRepository } from './product-icon.repository';

/** Every repository bound to one EntityManager (the data source's, or a transaction's). */
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
    audit: new TypeOrmAuditLog(em),
    ledger: new TypeOrmReleaseLedger(em),
    serviceProviders: new TypeOrmServiceProviderRepository(em),
    replayCache: new TypeOrmReplayCache(em),
    sessions: new TypeOrmSessionRepository(em),
    throttle: new SqlThrottleRepository(em),
    recoveryCodes: new SqlRecoveryCodeRepository(em),
    productIcons: new SqlProductIconRepository(em),
    apiClients: new TypeOrmApiClientRepository(em),
    rateLimits: new TypeOrmRateLimitRepository(em),
    outbox: new TypeOrmOutbox(em),
    passwordResets: new TypeOrmPasswordResets(em),
    schoolNetworks: new SqlSchoolNetworkRepository(em),
    loginCards: new SqlLoginCardRepository(em),
    guardians: new SqlGuardianRepository(em),
    operators: new SqlOperatorRepository(em),
    agreements: new SqlAgreementRepository(em),
    importUploads: new SqlImportUploadRepository(em),
  });
}

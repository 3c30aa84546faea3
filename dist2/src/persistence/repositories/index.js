"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.repositoriesFor = repositoriesFor;
const activation_repository_1 = require("./activation.repository");
const agreement_repository_1 = require("./agreement.repository");
const api_client_repository_1 = require("./api-client.repository");
const audit_log_repository_1 = require("./audit-log.repository");
const credential_repository_1 = require("./credential.repository");
const group_repository_1 = require("./group.repository");
const guardian_repository_1 = require("./guardian.repository");
const import_upload_repository_1 = require("./import-upload.repository");
const licence_repository_1 = require("./licence.repository");
const login_card_repository_1 = require("./login-card.repository");
const maintenance_repository_1 = require("./maintenance.repository");
const operator_repository_1 = require("./operator.repository");
const outbox_repository_1 = require("./outbox.repository");
const participant_repository_1 = require("./participant.repository");
const password_reset_repository_1 = require("./password-reset.repository");
const person_repository_1 = require("./person.repository");
const product_icon_repository_1 = require("./product-icon.repository");
const product_repository_1 = require("./product.repository");
const rate_limit_repository_1 = require("./rate-limit.repository");
const recovery_code_repository_1 = require("./recovery-code.repository");
const release_ledger_repository_1 = require("./release-ledger.repository");
const replay_cache_repository_1 = require("./replay-cache.repository");
const school_network_repository_1 = require("./school-network.repository");
const school_repository_1 = require("./school.repository");
const service_provider_repository_1 = require("./service-provider.repository");
const session_repository_1 = require("./session.repository");
const throttle_repository_1 = require("./throttle.repository");
/**
 * Every repository bound to one EntityManager (the data source's, or a transaction's). One class per
 * file, each named after what it holds; all go through TypeORM (entities, or plain SQL where simpler).
 */
function repositoriesFor(em) {
    return Object.freeze({
        schools: new school_repository_1.TypeOrmSchoolRepository(em),
        groups: new group_repository_1.TypeOrmGroupRepository(em),
        people: new person_repository_1.TypeOrmPersonRepository(em),
        credentials: new credential_repository_1.TypeOrmCredentialRepository(em),
        participants: new participant_repository_1.TypeOrmParticipantRepository(em),
        products: new product_repository_1.TypeOrmProductRepository(em),
        licences: new licence_repository_1.TypeOrmLicenceRepository(em),
        activations: new activation_repository_1.TypeOrmActivationRepository(em),
        audit: new audit_log_repository_1.TypeOrmAuditLogRepository(em),
        ledger: new release_ledger_repository_1.TypeOrmReleaseLedgerRepository(em),
        serviceProviders: new service_provider_repository_1.TypeOrmServiceProviderRepository(em),
        replayCache: new replay_cache_repository_1.TypeOrmReplayCacheRepository(em),
        sessions: new session_repository_1.TypeOrmSessionRepository(em),
        throttle: new throttle_repository_1.TypeOrmThrottleRepository(em),
        recoveryCodes: new recovery_code_repository_1.TypeOrmRecoveryCodeRepository(em),
        productIcons: new product_icon_repository_1.TypeOrmProductIconRepository(em),
        apiClients: new api_client_repository_1.TypeOrmApiClientRepository(em),
        rateLimits: new rate_limit_repository_1.TypeOrmRateLimitRepository(em),
        outbox: new outbox_repository_1.TypeOrmOutboxRepository(em),
        passwordResets: new password_reset_repository_1.TypeOrmPasswordResetRepository(em),
        schoolNetworks: new school_network_repository_1.TypeOrmSchoolNetworkRepository(em),
        loginCards: new login_card_repository_1.TypeOrmLoginCardRepository(em),
        guardians: new guardian_repository_1.TypeOrmGuardianRepository(em),
        operators: new operator_repository_1.TypeOrmOperatorRepository(em),
        agreements: new agreement_repository_1.TypeOrmAgreementRepository(em),
        importUploads: new import_upload_repository_1.TypeOrmImportUploadRepository(em),
        maintenance: new maintenance_repository_1.TypeOrmMaintenanceRepository(em),
    });
}
//# sourceMappingURL=index.js.map
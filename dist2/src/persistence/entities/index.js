"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.entities = void 0;
const api_client_entity_1 = require("./api-client.entity");
const governance_entity_1 = require("./governance.entity");
const credential_entity_1 = require("./credential.entity");
const group_entity_1 = require("./group.entity");
const licence_entity_1 = require("./licence.entity");
const participant_entity_1 = require("./participant.entity");
const person_entity_1 = require("./person.entity");
const school_entity_1 = require("./school.entity");
const session_entity_1 = require("./session.entity");
exports.entities = [
    school_entity_1.SchoolEntity,
    group_entity_1.GroupEntity,
    group_entity_1.GroupMembershipEntity,
    person_entity_1.PersonEntity,
    person_entity_1.PupilHomeEmailEntity,
    credential_entity_1.CredentialEntity,
    credential_entity_1.OperatorEntity,
    participant_entity_1.ParticipantEntity,
    participant_entity_1.ServiceProviderEntity,
    participant_entity_1.ProductEntity,
    licence_entity_1.LicenceEntity,
    licence_entity_1.LicenceAssignmentEntity,
    licence_entity_1.ActivationEntity,
    licence_entity_1.ActivationHistoryEntity,
    governance_entity_1.AgreementVersionEntity,
    governance_entity_1.AgreementAcceptanceEntity,
    governance_entity_1.AuditEventEntity,
    governance_entity_1.ReleaseLedgerEntity,
    session_entity_1.SessionEntity,
    session_entity_1.SamlMessageIdEntity,
    api_client_entity_1.ApiClientEntity,
];
//# sourceMappingURL=index.js.map
import { ApiClientEntity } from './api-client.entity';
import { AgreementAcceptanceEntity, AgreementVersionEntity, AuditEventEntity, ReleaseLedgerEntity } from './governance.entity';
import { CredentialEntity, OperatorEntity } from './credential.entity';
import { GroupEntity, GroupMembershipEntity } from './group.entity';
import { ActivationEntity, ActivationHistoryEntity, LicenceAssignmentEntity, LicenceEntity } from './licence.entity';
import { ParticipantEntity, ProductEntity, ServiceProviderEntity } from './participant.entity';
import { PersonEntity, PupilHomeEmailEntity } from './person.entity';
import { SchoolEntity } from './school.entity';
import { SamlMessageIdEntity, SessionEntity } from './session.entity';

export const entities = [
  SchoolEntity,
  GroupEntity,
  GroupMembershipEntity,
  PersonEntity,
  PupilHomeEmailEntity,
  CredentialEntity,
  OperatorEntity,
  ParticipantEntity,
  ServiceProviderEntity,
  ProductEntity,
  LicenceEntity,
  LicenceAssignmentEntity,
  ActivationEntity,
  ActivationHistoryEntity,
  AgreementVersionEntity,
  AgreementAcceptanceEntity,
  AuditEventEntity,
  ReleaseLedgerEntity,
  SessionEntity,
  SamlMessageIdEntity,
  ApiClientEntity,
];

"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReleaseLedgerEntity = exports.AuditEventEntity = exports.AgreementAcceptanceEntity = exports.AgreementVersionEntity = void 0;
const typeorm_1 = require("typeorm");
let AgreementVersionEntity = class AgreementVersionEntity {
    id;
    version;
    body;
    publishedAt;
    effectiveFrom;
    publishedBy;
};
exports.AgreementVersionEntity = AgreementVersionEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], AgreementVersionEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], AgreementVersionEntity.prototype, "version", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], AgreementVersionEntity.prototype, "body", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], AgreementVersionEntity.prototype, "publishedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], AgreementVersionEntity.prototype, "effectiveFrom", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], AgreementVersionEntity.prototype, "publishedBy", void 0);
exports.AgreementVersionEntity = AgreementVersionEntity = __decorate([
    (0, typeorm_1.Entity)('agreement_versions')
], AgreementVersionEntity);
let AgreementAcceptanceEntity = class AgreementAcceptanceEntity {
    id;
    schoolId;
    agreementVersionId;
    acceptedBy;
    acceptedAt;
    acceptedFromIp;
};
exports.AgreementAcceptanceEntity = AgreementAcceptanceEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], AgreementAcceptanceEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid' }),
    __metadata("design:type", String)
], AgreementAcceptanceEntity.prototype, "schoolId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid' }),
    __metadata("design:type", String)
], AgreementAcceptanceEntity.prototype, "agreementVersionId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid' }),
    __metadata("design:type", String)
], AgreementAcceptanceEntity.prototype, "acceptedBy", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], AgreementAcceptanceEntity.prototype, "acceptedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'inet', nullable: true }),
    __metadata("design:type", Object)
], AgreementAcceptanceEntity.prototype, "acceptedFromIp", void 0);
exports.AgreementAcceptanceEntity = AgreementAcceptanceEntity = __decorate([
    (0, typeorm_1.Entity)('agreement_acceptances')
], AgreementAcceptanceEntity);
let AuditEventEntity = class AuditEventEntity {
    id;
    occurredAt;
    actorType;
    actorId;
    schoolId;
    action;
    outcome;
    targetType;
    targetId;
    ip;
    requestId;
    details;
};
exports.AuditEventEntity = AuditEventEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)({ type: 'bigint' }),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], AuditEventEntity.prototype, "occurredAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "actorType", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "actorId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "schoolId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "action", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], AuditEventEntity.prototype, "outcome", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "targetType", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "targetId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'inet', nullable: true }),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "ip", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "requestId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'jsonb', default: () => "'{}'" }),
    __metadata("design:type", Object)
], AuditEventEntity.prototype, "details", void 0);
exports.AuditEventEntity = AuditEventEntity = __decorate([
    (0, typeorm_1.Entity)('audit_events')
], AuditEventEntity);
let ReleaseLedgerEntity = class ReleaseLedgerEntity {
    id;
    occurredAt;
    schoolId;
    participantId;
    serviceProviderId;
    apiClientId;
    channel;
    categories;
    peopleCount;
};
exports.ReleaseLedgerEntity = ReleaseLedgerEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)({ type: 'bigint' }),
    __metadata("design:type", String)
], ReleaseLedgerEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], ReleaseLedgerEntity.prototype, "occurredAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid' }),
    __metadata("design:type", String)
], ReleaseLedgerEntity.prototype, "schoolId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid' }),
    __metadata("design:type", String)
], ReleaseLedgerEntity.prototype, "participantId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], ReleaseLedgerEntity.prototype, "serviceProviderId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], ReleaseLedgerEntity.prototype, "apiClientId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], ReleaseLedgerEntity.prototype, "channel", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', array: true }),
    __metadata("design:type", Array)
], ReleaseLedgerEntity.prototype, "categories", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer' }),
    __metadata("design:type", Number)
], ReleaseLedgerEntity.prototype, "peopleCount", void 0);
exports.ReleaseLedgerEntity = ReleaseLedgerEntity = __decorate([
    (0, typeorm_1.Entity)('release_ledger')
], ReleaseLedgerEntity);
//# sourceMappingURL=governance.entity.js.map
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
exports.ActivationHistoryEntity = exports.ActivationEntity = exports.LicenceAssignmentEntity = exports.LicenceEntity = void 0;
const typeorm_1 = require("typeorm");
let LicenceEntity = class LicenceEntity {
    id;
    schoolId;
    productId;
    validFrom;
    validUntil;
    seats;
    scope;
    createdAt;
    updatedAt;
};
exports.LicenceEntity = LicenceEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], LicenceEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid' }),
    __metadata("design:type", String)
], LicenceEntity.prototype, "schoolId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid' }),
    __metadata("design:type", String)
], LicenceEntity.prototype, "productId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], LicenceEntity.prototype, "validFrom", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], LicenceEntity.prototype, "validUntil", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'integer', nullable: true }),
    __metadata("design:type", Object)
], LicenceEntity.prototype, "seats", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], LicenceEntity.prototype, "scope", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], LicenceEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], LicenceEntity.prototype, "updatedAt", void 0);
exports.LicenceEntity = LicenceEntity = __decorate([
    (0, typeorm_1.Entity)('licences')
], LicenceEntity);
let LicenceAssignmentEntity = class LicenceAssignmentEntity {
    id;
    licenceId;
    groupId;
    personId;
    createdAt;
};
exports.LicenceAssignmentEntity = LicenceAssignmentEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], LicenceAssignmentEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid' }),
    __metadata("design:type", String)
], LicenceAssignmentEntity.prototype, "licenceId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], LicenceAssignmentEntity.prototype, "groupId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], LicenceAssignmentEntity.prototype, "personId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], LicenceAssignmentEntity.prototype, "createdAt", void 0);
exports.LicenceAssignmentEntity = LicenceAssignmentEntity = __decorate([
    (0, typeorm_1.Entity)('licence_assignments')
], LicenceAssignmentEntity);
let ActivationEntity = class ActivationEntity {
    schoolId;
    participantId;
    enabled;
    changedBy;
    changedAt;
};
exports.ActivationEntity = ActivationEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'uuid' }),
    __metadata("design:type", String)
], ActivationEntity.prototype, "schoolId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'uuid' }),
    __metadata("design:type", String)
], ActivationEntity.prototype, "participantId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean' }),
    __metadata("design:type", Boolean)
], ActivationEntity.prototype, "enabled", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], ActivationEntity.prototype, "changedBy", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], ActivationEntity.prototype, "changedAt", void 0);
exports.ActivationEntity = ActivationEntity = __decorate([
    (0, typeorm_1.Entity)('activations')
], ActivationEntity);
let ActivationHistoryEntity = class ActivationHistoryEntity {
    id;
    schoolId;
    participantId;
    enabled;
    changedBy;
    changedAt;
};
exports.ActivationHistoryEntity = ActivationHistoryEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)({ type: 'bigint' }),
    __metadata("design:type", String)
], ActivationHistoryEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid' }),
    __metadata("design:type", String)
], ActivationHistoryEntity.prototype, "schoolId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid' }),
    __metadata("design:type", String)
], ActivationHistoryEntity.prototype, "participantId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean' }),
    __metadata("design:type", Boolean)
], ActivationHistoryEntity.prototype, "enabled", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], ActivationHistoryEntity.prototype, "changedBy", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz' }),
    __metadata("design:type", Date)
], ActivationHistoryEntity.prototype, "changedAt", void 0);
exports.ActivationHistoryEntity = ActivationHistoryEntity = __decorate([
    (0, typeorm_1.Entity)('activation_history')
], ActivationHistoryEntity);
//# sourceMappingURL=licence.entity.js.map
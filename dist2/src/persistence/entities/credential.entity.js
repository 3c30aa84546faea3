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
exports.OperatorEntity = exports.CredentialEntity = exports.TOTP_SECRET_COLUMN = void 0;
const typeorm_1 = require("typeorm");
const field_encryption_1 = require("../field-encryption");
exports.TOTP_SECRET_COLUMN = 'credentials.totp_secret';
let CredentialEntity = class CredentialEntity {
    id;
    personId;
    operatorId;
    username;
    usernameHmac;
    /** Secret: only loaded when a query asks for it explicitly. */
    passwordHash;
    passwordChangedAt;
    mustChangePassword;
    totpSecret;
    totpEnabled;
    totpLastStep;
    createdAt;
    updatedAt;
};
exports.CredentialEntity = CredentialEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], CredentialEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], CredentialEntity.prototype, "personId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid', nullable: true }),
    __metadata("design:type", Object)
], CredentialEntity.prototype, "operatorId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'username_enc', transformer: (0, field_encryption_1.encrypted)('credentials.username') }),
    __metadata("design:type", String)
], CredentialEntity.prototype, "username", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], CredentialEntity.prototype, "usernameHmac", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true, select: false }),
    __metadata("design:type", Object)
], CredentialEntity.prototype, "passwordHash", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], CredentialEntity.prototype, "passwordChangedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], CredentialEntity.prototype, "mustChangePassword", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'totp_secret_enc', nullable: true, select: false, transformer: (0, field_encryption_1.encrypted)(exports.TOTP_SECRET_COLUMN) }),
    __metadata("design:type", Object)
], CredentialEntity.prototype, "totpSecret", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], CredentialEntity.prototype, "totpEnabled", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'bigint', nullable: true }),
    __metadata("design:type", Object)
], CredentialEntity.prototype, "totpLastStep", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], CredentialEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], CredentialEntity.prototype, "updatedAt", void 0);
exports.CredentialEntity = CredentialEntity = __decorate([
    (0, typeorm_1.Entity)('credentials')
], CredentialEntity);
let OperatorEntity = class OperatorEntity {
    id;
    displayName;
    email;
    emailHmac;
    roles;
    status;
    createdAt;
    updatedAt;
};
exports.OperatorEntity = OperatorEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], OperatorEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'display_name_enc', transformer: (0, field_encryption_1.encrypted)('operators.display_name') }),
    __metadata("design:type", String)
], OperatorEntity.prototype, "displayName", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'email_enc', transformer: (0, field_encryption_1.encrypted)('operators.email') }),
    __metadata("design:type", String)
], OperatorEntity.prototype, "email", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], OperatorEntity.prototype, "emailHmac", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', array: true }),
    __metadata("design:type", Array)
], OperatorEntity.prototype, "roles", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', default: 'active' }),
    __metadata("design:type", String)
], OperatorEntity.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], OperatorEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], OperatorEntity.prototype, "updatedAt", void 0);
exports.OperatorEntity = OperatorEntity = __decorate([
    (0, typeorm_1.Entity)('operators')
], OperatorEntity);
//# sourceMappingURL=credential.entity.js.map
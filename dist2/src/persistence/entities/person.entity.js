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
exports.PupilHomeEmailEntity = exports.PersonEntity = void 0;
const typeorm_1 = require("typeorm");
const field_encryption_1 = require("../field-encryption");
let PersonEntity = class PersonEntity {
    id;
    schoolId;
    role;
    lasKey;
    eckId;
    eckIdHmac;
    firstName;
    infix;
    lastName;
    birthDate;
    gender;
    staffEmail;
    staffEmailHmac;
    status;
    deactivatedAt;
    createdAt;
    updatedAt;
};
exports.PersonEntity = PersonEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], PersonEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid' }),
    __metadata("design:type", String)
], PersonEntity.prototype, "schoolId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], PersonEntity.prototype, "role", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], PersonEntity.prototype, "lasKey", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'eck_id_enc', nullable: true, transformer: (0, field_encryption_1.encrypted)('people.eck_id') }),
    __metadata("design:type", Object)
], PersonEntity.prototype, "eckId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], PersonEntity.prototype, "eckIdHmac", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'first_name_enc', transformer: (0, field_encryption_1.encrypted)('people.first_name') }),
    __metadata("design:type", String)
], PersonEntity.prototype, "firstName", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'infix_enc', nullable: true, transformer: (0, field_encryption_1.encrypted)('people.infix') }),
    __metadata("design:type", Object)
], PersonEntity.prototype, "infix", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'last_name_enc', transformer: (0, field_encryption_1.encrypted)('people.last_name') }),
    __metadata("design:type", String)
], PersonEntity.prototype, "lastName", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'birth_date_enc', nullable: true, transformer: (0, field_encryption_1.encrypted)('people.birth_date') }),
    __metadata("design:type", Object)
], PersonEntity.prototype, "birthDate", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'char', length: 1, nullable: true }),
    __metadata("design:type", Object)
], PersonEntity.prototype, "gender", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'staff_email_enc', nullable: true, transformer: (0, field_encryption_1.encrypted)('people.staff_email') }),
    __metadata("design:type", Object)
], PersonEntity.prototype, "staffEmail", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], PersonEntity.prototype, "staffEmailHmac", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', default: 'active' }),
    __metadata("design:type", String)
], PersonEntity.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], PersonEntity.prototype, "deactivatedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], PersonEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], PersonEntity.prototype, "updatedAt", void 0);
exports.PersonEntity = PersonEntity = __decorate([
    (0, typeorm_1.Entity)('people')
], PersonEntity);
let PupilHomeEmailEntity = class PupilHomeEmailEntity {
    id;
    personId;
    personRole;
    position;
    email;
    emailHmac;
    createdAt;
};
exports.PupilHomeEmailEntity = PupilHomeEmailEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], PupilHomeEmailEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid' }),
    __metadata("design:type", String)
], PupilHomeEmailEntity.prototype, "personId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', default: 'pupil' }),
    __metadata("design:type", String)
], PupilHomeEmailEntity.prototype, "personRole", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'smallint' }),
    __metadata("design:type", Number)
], PupilHomeEmailEntity.prototype, "position", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', name: 'email_enc', transformer: (0, field_encryption_1.encrypted)('pupil_home_emails.email') }),
    __metadata("design:type", String)
], PupilHomeEmailEntity.prototype, "email", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], PupilHomeEmailEntity.prototype, "emailHmac", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], PupilHomeEmailEntity.prototype, "createdAt", void 0);
exports.PupilHomeEmailEntity = PupilHomeEmailEntity = __decorate([
    (0, typeorm_1.Entity)('pupil_home_emails')
], PupilHomeEmailEntity);
//# sourceMappingURL=person.entity.js.map
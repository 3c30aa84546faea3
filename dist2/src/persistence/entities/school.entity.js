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
exports.SchoolEntity = void 0;
const typeorm_1 = require("typeorm");
let SchoolEntity = class SchoolEntity {
    id;
    brin;
    dependanceCode;
    name;
    assuNumber;
    visitingStreet;
    visitingHouseNumber;
    visitingPostalCode;
    visitingCity;
    status;
    agreementState;
    terminationRequestedAt;
    destructionDueAt;
    homeAccessEnabled;
    teacher2faRequired;
    createdAt;
    updatedAt;
};
exports.SchoolEntity = SchoolEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], SchoolEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'char', length: 4 }),
    __metadata("design:type", String)
], SchoolEntity.prototype, "brin", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'char', length: 2 }),
    __metadata("design:type", String)
], SchoolEntity.prototype, "dependanceCode", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], SchoolEntity.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], SchoolEntity.prototype, "assuNumber", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], SchoolEntity.prototype, "visitingStreet", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], SchoolEntity.prototype, "visitingHouseNumber", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], SchoolEntity.prototype, "visitingPostalCode", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', nullable: true }),
    __metadata("design:type", Object)
], SchoolEntity.prototype, "visitingCity", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', default: 'active' }),
    __metadata("design:type", String)
], SchoolEntity.prototype, "status", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', default: 'pending' }),
    __metadata("design:type", String)
], SchoolEntity.prototype, "agreementState", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], SchoolEntity.prototype, "terminationRequestedAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', nullable: true }),
    __metadata("design:type", Object)
], SchoolEntity.prototype, "destructionDueAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean', default: false }),
    __metadata("design:type", Boolean)
], SchoolEntity.prototype, "homeAccessEnabled", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'boolean', name: 'teacher_2fa_required', default: false }),
    __metadata("design:type", Boolean)
], SchoolEntity.prototype, "teacher2faRequired", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], SchoolEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], SchoolEntity.prototype, "updatedAt", void 0);
exports.SchoolEntity = SchoolEntity = __decorate([
    (0, typeorm_1.Entity)('schools')
], SchoolEntity);
//# sourceMappingURL=school.entity.js.map
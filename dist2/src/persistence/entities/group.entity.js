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
exports.GroupMembershipEntity = exports.GroupEntity = void 0;
const typeorm_1 = require("typeorm");
let GroupEntity = class GroupEntity {
    id;
    schoolId;
    lasKey;
    name;
    yearGroup;
    kind;
    createdAt;
    updatedAt;
};
exports.GroupEntity = GroupEntity;
__decorate([
    (0, typeorm_1.PrimaryGeneratedColumn)('uuid'),
    __metadata("design:type", String)
], GroupEntity.prototype, "id", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'uuid' }),
    __metadata("design:type", String)
], GroupEntity.prototype, "schoolId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], GroupEntity.prototype, "lasKey", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text' }),
    __metadata("design:type", String)
], GroupEntity.prototype, "name", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'smallint', nullable: true }),
    __metadata("design:type", Object)
], GroupEntity.prototype, "yearGroup", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', default: 'stamgroep' }),
    __metadata("design:type", String)
], GroupEntity.prototype, "kind", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], GroupEntity.prototype, "createdAt", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], GroupEntity.prototype, "updatedAt", void 0);
exports.GroupEntity = GroupEntity = __decorate([
    (0, typeorm_1.Entity)('groups')
], GroupEntity);
let GroupMembershipEntity = class GroupMembershipEntity {
    groupId;
    personId;
    roleInGroup;
    createdAt;
};
exports.GroupMembershipEntity = GroupMembershipEntity;
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'uuid' }),
    __metadata("design:type", String)
], GroupMembershipEntity.prototype, "groupId", void 0);
__decorate([
    (0, typeorm_1.PrimaryColumn)({ type: 'uuid' }),
    __metadata("design:type", String)
], GroupMembershipEntity.prototype, "personId", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'text', default: 'member' }),
    __metadata("design:type", String)
], GroupMembershipEntity.prototype, "roleInGroup", void 0);
__decorate([
    (0, typeorm_1.Column)({ type: 'timestamptz', default: () => 'now()' }),
    __metadata("design:type", Date)
], GroupMembershipEntity.prototype, "createdAt", void 0);
exports.GroupMembershipEntity = GroupMembershipEntity = __decorate([
    (0, typeorm_1.Entity)('group_memberships')
], GroupMembershipEntity);
//# sourceMappingURL=group.entity.js.map
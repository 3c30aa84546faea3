"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmCredentialRepository = exports.normaliseUsername = exports.USERNAME_INDEX = void 0;
const typeorm_1 = require("typeorm");
const errors_1 = require("../../domain/errors");
const credential_entity_1 = require("../entities/credential.entity");
const field_encryption_1 = require("../field-encryption");
const db_errors_1 = require("./db-errors");
const sql_1 = require("./sql");
exports.USERNAME_INDEX = 'credentials.username';
/** Usernames compare case-insensitively: "Emma.J" and "emma.j" are one account. */
const normaliseUsername = (username) => username.trim().toLowerCase();
exports.normaliseUsername = normaliseUsername;
/** The hash is read (to know whether there is one) but never handed out, except by findLoginSecret. */
const toCredential = (e) => ({
    id: e.id,
    personId: e.personId,
    operatorId: e.operatorId,
    username: e.username,
    hasPassword: e.passwordHash != null,
    totpEnabled: e.totpEnabled,
});
class TypeOrmCredentialRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async insert(c) {
        const repo = this.em.getRepository(credential_entity_1.CredentialEntity);
        const username = (0, exports.normaliseUsername)(c.username);
        const saved = await (0, db_errors_1.translateViolations)(repo.save(repo.create({
            personId: c.personId ?? null,
            operatorId: c.operatorId ?? null,
            username,
            usernameHmac: (0, field_encryption_1.blindIndex)(username, exports.USERNAME_INDEX),
            passwordHash: c.passwordHash,
            passwordChangedAt: c.passwordHash ? new Date() : null,
            mustChangePassword: c.mustChangePassword ?? false,
        })), {
            credentials_username_unique: () => new errors_1.ConflictError(`username '${username}' is already taken`),
            credentials_person_unique: () => new errors_1.ConflictError('this person already has an account'),
        });
        return toCredential(saved);
    }
    withHash() {
        return this.em.getRepository(credential_entity_1.CredentialEntity).createQueryBuilder('c').addSelect('c.passwordHash');
    }
    byUsername(username) {
        return this.withHash()
            .where('c.username_hmac = :h', { h: (0, field_encryption_1.blindIndex)((0, exports.normaliseUsername)(username), exports.USERNAME_INDEX) })
            .getOne();
    }
    async findByUsername(username) {
        const e = await this.byUsername(username);
        return e ? toCredential(e) : null;
    }
    /** The password hash with the account: the one read the password login needs it for. */
    async findLoginSecret(username) {
        const e = await this.byUsername(username);
        return e ? { credential: toCredential(e), passwordHash: e.passwordHash ?? null } : null;
    }
    async findById(id) {
        const e = await this.withHash().where('c.id = :id', { id }).getOne();
        return e ? toCredential(e) : null;
    }
    async findByPersonId(personId) {
        const e = await this.withHash().where('c.person_id = :personId', { personId }).getOne();
        return e ? toCredential(e) : null;
    }
    async usernamesOf(personIds) {
        if (personIds.length === 0)
            return new Map();
        const rows = await this.em
            .getRepository(credential_entity_1.CredentialEntity)
            .find({ where: { personId: (0, typeorm_1.In)([...personIds]) }, select: { personId: true, username: true } });
        return new Map(rows.map((r) => [r.personId, r.username]));
    }
    async twoFactorState(credentialId) {
        const e = await this.em
            .getRepository(credential_entity_1.CredentialEntity)
            .createQueryBuilder('c')
            .addSelect('c.totpSecret')
            .where('c.id = :id', { id: credentialId })
            .getOneOrFail();
        return { secret: e.totpSecret ?? null, enabled: e.totpEnabled, lastStep: e.totpLastStep === null ? null : Number(e.totpLastStep) };
    }
    /** The condition is part of the UPDATE: two enrolments racing each other cannot both win. */
    async enableTotpIfNone(credentialId, secret, acceptedStep) {
        return this.storeTotp(credentialId, secret, acceptedStep, 'NOT totp_enabled');
    }
    async replaceTotp(credentialId, secret, acceptedStep) {
        return this.storeTotp(credentialId, secret, acceptedStep, 'totp_enabled');
    }
    async storeTotp(credentialId, secret, acceptedStep, condition) {
        const sql = `UPDATE credentials SET totp_secret_enc = $2, totp_enabled = true, totp_last_step = $3, updated_at = now() WHERE id = $1 AND ${condition}`;
        return (await (0, sql_1.affectedRows)(this.em, sql, [credentialId, (0, field_encryption_1.fieldCipher)().encrypt(secret, credential_entity_1.TOTP_SECRET_COLUMN), acceptedStep])) === 1;
    }
    async disableTotp(credentialId) {
        const affected = await (0, sql_1.affectedRows)(this.em, 'UPDATE credentials SET totp_secret_enc = NULL, totp_enabled = false, totp_last_step = NULL, updated_at = now() WHERE id = $1 AND totp_enabled', [credentialId]);
        return affected === 1;
    }
    async acceptTotpStep(credentialId, step) {
        const affected = await (0, sql_1.affectedRows)(this.em, 'UPDATE credentials SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)', [credentialId, step]);
        return affected === 1;
    }
    async setPasswordHash(credentialId, passwordHash) {
        await this.em
            .getRepository(credential_entity_1.CredentialEntity)
            .update({ id: credentialId }, { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false, updatedAt: new Date() });
    }
    async setPicturePassword(credentialId, avatar, hash) {
        await this.em.query('UPDATE credentials SET picture_avatar = $2, picture_password_hash = $3, updated_at = now() WHERE id = $1', [
            credentialId,
            avatar,
            hash,
        ]);
    }
    async pictureLogin(personId) {
        const rows = await this.em.query('SELECT id, picture_avatar, picture_password_hash FROM credentials WHERE person_id = $1 AND picture_password_hash IS NOT NULL', [personId]);
        const r = rows[0];
        return r ? { credentialId: r.id, avatar: r.picture_avatar, hash: r.picture_password_hash } : null;
    }
    async pictureAccountsInGroup(groupId) {
        const rows = await this.em.query(`SELECT c.person_id, c.picture_avatar FROM group_memberships m
         JOIN people p ON p.id = m.person_id AND p.role = 'pupil' AND p.status = 'active'
         JOIN credentials c ON c.person_id = p.id AND c.picture_password_hash IS NOT NULL
        WHERE m.group_id = $1 AND m.role_in_group = 'member'`, [groupId]);
        return rows.map((r) => ({ personId: r.person_id, avatar: r.picture_avatar }));
    }
}
exports.TypeOrmCredentialRepository = TypeOrmCredentialRepository;
//# sourceMappingURL=credential.repository.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmImportUploadRepository = void 0;
const field_encryption_1 = require("../field-encryption");
const ids_1 = require("../../domain/ids");
const sql_1 = require("./sql");
class TypeOrmImportUploadRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async store(u) {
        const rows = await this.em.query('INSERT INTO import_uploads (school_id, uploaded_by, format, file_name, contents_enc, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id', [
            u.schoolId,
            u.uploadedBy,
            u.format,
            u.fileName.slice(0, 200),
            (0, field_encryption_1.fieldCipher)().encrypt(u.contents.toString('base64'), 'import_uploads.contents'),
            u.expiresAt,
        ]);
        return rows[0].id;
    }
    async find(id, schoolId, now) {
        if (!(0, ids_1.isUuid)(id))
            return null;
        const rows = await this.em.query('SELECT format, file_name, contents_enc FROM import_uploads WHERE id = $1 AND school_id = $2 AND expires_at > $3', [id, schoolId, now]);
        const r = rows[0];
        return r
            ? {
                format: r.format,
                fileName: r.file_name,
                contents: Buffer.from((0, field_encryption_1.fieldCipher)().decrypt(r.contents_enc, 'import_uploads.contents'), 'base64'),
            }
            : null;
    }
    async remove(id) {
        await this.em.query('DELETE FROM import_uploads WHERE id = $1', [id]);
    }
    async purgeExpired(now) {
        const affected = await (0, sql_1.affectedRows)(this.em, 'DELETE FROM import_uploads WHERE expires_at <= $1', [now]);
        return affected;
    }
}
exports.TypeOrmImportUploadRepository = TypeOrmImportUploadRepository;
//# sourceMappingURL=import-upload.repository.js.map
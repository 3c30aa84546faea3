"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmOperatorRepository = void 0;
const errors_1 = require("../../domain/errors");
const field_encryption_1 = require("../field-encryption");
const db_errors_1 = require("./db-errors");
const person_repository_1 = require("./person.repository");
const OPERATOR_EMAIL_INDEX = 'operators.email';
class TypeOrmOperatorRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    toOperator(r) {
        const c = (0, field_encryption_1.fieldCipher)();
        // node-postgres parses text[]; PGlite may hand back the array literal.
        const roles = Array.isArray(r.roles)
            ? r.roles
            : r.roles
                .replace(/^\{|\}$/g, '')
                .split(',')
                .filter(Boolean);
        return {
            id: r.id,
            displayName: c.decrypt(r.display_name_enc, 'operators.display_name'),
            email: c.decrypt(r.email_enc, 'operators.email'),
            roles,
        };
    }
    async insert(o) {
        const c = (0, field_encryption_1.fieldCipher)();
        const email = (0, person_repository_1.normaliseEmail)(o.email);
        const rows = await (0, db_errors_1.translateViolations)(this.em.query('INSERT INTO operators (display_name_enc, email_enc, email_hmac, roles) VALUES ($1, $2, $3, $4::text[]) RETURNING id, display_name_enc, email_enc, roles', [
            c.encrypt(o.displayName, 'operators.display_name'),
            c.encrypt(email, 'operators.email'),
            (0, field_encryption_1.blindIndex)(email, OPERATOR_EMAIL_INDEX),
            [...o.roles],
        ]), { operators_email_unique: () => new errors_1.ConflictError(`an operator with e-mail address '${email}' already exists`) });
        return this.toOperator(rows[0]);
    }
    async findById(id) {
        const rows = await this.em.query("SELECT id, display_name_enc, email_enc, roles FROM operators WHERE id = $1 AND status = 'active'", [id]);
        return rows[0] ? this.toOperator(rows[0]) : null;
    }
    async list() {
        const rows = await this.em.query("SELECT id, display_name_enc, email_enc, roles FROM operators WHERE status = 'active' ORDER BY created_at, id");
        return rows.map((r) => this.toOperator(r));
    }
}
exports.TypeOrmOperatorRepository = TypeOrmOperatorRepository;
//# sourceMappingURL=operator.repository.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.affectedRows = affectedRows;
/** Runs an UPDATE or DELETE and returns how many rows it changed (TypeORM answers [rows, count] on both backends). */
async function affectedRows(em, sql, params) {
    const [, affected] = (await em.query(sql, params));
    return affected;
}
//# sourceMappingURL=sql.js.map
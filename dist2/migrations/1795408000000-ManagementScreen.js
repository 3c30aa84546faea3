"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ManagementScreen1795408000000 = void 0;
/**
 * The school management screen: an uploaded roster waits here (encrypted: it holds the LAS export)
 * between the dry run and "apply", for at most 30 minutes, and is deleted when applied.
 */
class ManagementScreen1795408000000 {
    name = 'ManagementScreen1795408000000';
    async up(q) {
        await q.query(`CREATE TABLE import_uploads (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      school_id uuid NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
      uploaded_by uuid NOT NULL,
      format text NOT NULL CONSTRAINT import_uploads_format_valid CHECK (format IN ('edexml', 'csv')),
      file_name text NOT NULL,
      contents_enc text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`);
    }
    async down(q) {
        await q.query('DROP TABLE import_uploads');
    }
}
exports.ManagementScreen1795408000000 = ManagementScreen1795408000000;
//# sourceMappingURL=1795408000000-ManagementScreen.js.map
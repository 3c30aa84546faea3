"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MaintenanceWindows1795415000000 = void 0;
/**
 * Maintenance windows (product & service agreement art. 4): announced to the schools, shown on the public
 * status page. Cancelled windows stay (with who and when) as the record of what was announced. No personal
 * data: descriptions are the operator's text, `scheduled_by`/`cancelled_by` an actor id.
 */
class MaintenanceWindows1795415000000 {
    name = 'MaintenanceWindows1795415000000';
    async up(q) {
        await q.query(`CREATE TABLE maintenance_windows (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      description_nl text NOT NULL,
      description_en text NOT NULL,
      scheduled_at timestamptz NOT NULL DEFAULT now(),
      scheduled_by text NOT NULL,
      cancelled_at timestamptz,
      cancelled_by text,
      CONSTRAINT maintenance_windows_ends_after_start CHECK (ends_at > starts_at),
      CONSTRAINT maintenance_windows_cancel_complete CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL))
    )`);
        // The status page asks for windows not yet ended and not cancelled.
        await q.query('CREATE INDEX maintenance_windows_coming ON maintenance_windows (ends_at) WHERE cancelled_at IS NULL');
    }
    async down(q) {
        await q.query('DROP TABLE maintenance_windows');
    }
}
exports.MaintenanceWindows1795415000000 = MaintenanceWindows1795415000000;
//# sourceMappingURL=1795415000000-MaintenanceWindows.js.map
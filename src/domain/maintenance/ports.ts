import type { MaintenanceWindow } from '../model';

/** Maintenance windows (product & service agreement art. 4). persistence/ implements this for PostgreSQL and PGlite. */
export interface MaintenanceRepository {
  insert(w: {
    startsAt: Date;
    endsAt: Date;
    descriptionNl: string;
    descriptionEn: string;
    scheduledBy: string;
  }): Promise<MaintenanceWindow>;
  findById(id: string): Promise<MaintenanceWindow | null>;
  /** Windows not cancelled that have not ended at `now` (current and planned), earliest start first. */
  listComing(now: Date): Promise<MaintenanceWindow[]>;
  /** Every window, cancelled and past ones too, latest start first (the operator's overview). */
  listAll(limit: number): Promise<MaintenanceWindow[]>;
  /** Marks a window cancelled; false when it was already cancelled (nothing changed). */
  cancel(id: string, at: Date, by: string): Promise<boolean>;
}

import type { ServiceNotice, SupportedBrowser } from '../model';

/** Service notices and supported browsers (agreement art. 6 and 11). persistence/ implements this for PostgreSQL and PGlite. */
export interface ServiceNoticeRepository {
  /** Adds a browser or changes its minimum version. */
  upsertBrowser(browser: SupportedBrowser): Promise<void>;
  listBrowsers(): Promise<SupportedBrowser[]>;
  /** ConflictError when a notice of the same kind (and browser) is already in force; NotFoundError for an unknown browser. */
  insert(n: {
    kind: ServiceNotice['kind'];
    browser: string | null;
    effectiveAt: Date;
    announcedAt: Date;
    announcedBy: string;
  }): Promise<ServiceNotice>;
  findById(id: string): Promise<ServiceNotice | null>;
  /** Notices not cancelled, earliest effect first. */
  listInForce(): Promise<ServiceNotice[]>;
  /** Marks a notice cancelled; false when it was already. */
  cancel(id: string, at: Date, by: string): Promise<boolean>;
}

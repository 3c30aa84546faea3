import type { EntityManager } from 'typeorm';
import type { ServiceNotice, SupportedBrowser } from '../../domain/model';
import type { ServiceNoticeRepository } from '../../domain/notices/ports';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { translateViolations } from './db-errors';
import { affectedRows } from './sql';

type Row = {
  id: string;
  kind: ServiceNotice['kind'];
  browser: string | null;
  effective_at: Date;
  announced_at: Date;
  announced_by: string;
  cancelled_at: Date | null;
  cancelled_by: string | null;
};

const toNotice = (r: Row): ServiceNotice => ({
  id: r.id,
  kind: r.kind,
  browser: r.browser,
  effectiveAt: new Date(r.effective_at),
  announcedAt: new Date(r.announced_at),
  announcedBy: r.announced_by,
  cancelledAt: r.cancelled_at ? new Date(r.cancelled_at) : null,
  cancelledBy: r.cancelled_by,
});

export class TypeOrmServiceNoticeRepository implements ServiceNoticeRepository {
  constructor(private readonly em: EntityManager) {}

  async upsertBrowser(b: SupportedBrowser): Promise<void> {
    await this.em.query(
      'INSERT INTO supported_browsers (name, minimum_version) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET minimum_version = EXCLUDED.minimum_version',
      [b.name, b.minimumVersion],
    );
  }

  async listBrowsers(): Promise<SupportedBrowser[]> {
    const rows: Array<{ name: string; minimum_version: string }> = await this.em.query(
      'SELECT name, minimum_version FROM supported_browsers ORDER BY name',
    );
    return rows.map((r) => ({ name: r.name, minimumVersion: r.minimum_version }));
  }

  async insert(n: {
    kind: ServiceNotice['kind'];
    browser: string | null;
    effectiveAt: Date;
    announcedAt: Date;
    announcedBy: string;
  }): Promise<ServiceNotice> {
    const rows: Row[] = await translateViolations(
      this.em.query(
        `INSERT INTO service_notices (kind, browser, effective_at, announced_at, announced_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [n.kind, n.browser, n.effectiveAt, n.announcedAt, n.announcedBy],
      ),
      {
        service_notices_one_end: () =>
          new ConflictError('het einde van de dienst is al aangekondigd / the end of the service has already been announced'),
        service_notices_one_per_browser: () =>
          new ConflictError(
            `het einde van de ondersteuning is al aangekondigd / the end of support has already been announced: ${n.browser}`,
          ),
        service_notices_browser_fkey: () => new NotFoundError(`onbekende browser / unknown browser '${n.browser}'`),
      },
    );
    return toNotice(rows[0]!);
  }

  async findById(id: string): Promise<ServiceNotice | null> {
    const rows: Row[] = await this.em.query('SELECT * FROM service_notices WHERE id = $1', [id]);
    return rows[0] ? toNotice(rows[0]) : null;
  }

  async listInForce(): Promise<ServiceNotice[]> {
    const rows: Row[] = await this.em.query('SELECT * FROM service_notices WHERE cancelled_at IS NULL ORDER BY effective_at, id');
    return rows.map(toNotice);
  }

  async cancel(id: string, at: Date, by: string): Promise<boolean> {
    return (
      (await affectedRows(
        this.em,
        'UPDATE service_notices SET cancelled_at = $2, cancelled_by = $3 WHERE id = $1 AND cancelled_at IS NULL',
        [id, at, by],
      )) === 1
    );
  }
}

import { Router } from 'express';
import type { MaintenanceService } from '../../domain/maintenance/maintenance.service';
import { formatPeriod } from '../../domain/maintenance/wording';
import type { MaintenanceWindow } from '../../domain/model';
import type { ServiceNoticeService } from '../../domain/notices/service-notice.service';
import type { DisruptionService } from '../../domain/disruptions/disruption.service';
import { formatWhen } from '../../domain/maintenance/wording';
import { render } from '../views';

/**
 * The public status page (product & service agreement art. 4): maintenance going on now and planned, and
 * disruptions. No login and no session: it is mounted before the session middleware, so it sets no cookie
 * and works for anyone, including a school that cannot log in. Disruptions come from the incident
 * register of a later issue; until then the section says there are none.
 */
export function statusRoutes(deps: {
  maintenance: MaintenanceService;
  notices: ServiceNoticeService;
  disruptions: DisruptionService;
}): Router {
  const router = Router();

  const asJson = (w: MaintenanceWindow) => ({
    id: w.id,
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    description: { nl: w.descriptionNl, en: w.descriptionEn },
  });
  const asView = (w: MaintenanceWindow) => ({
    period_nl: formatPeriod(w, 'nl'),
    period_en: formatPeriod(w, 'en'),
    startsAt: w.startsAt.toISOString(),
    descriptionNl: w.descriptionNl,
    descriptionEn: w.descriptionEn,
  });

  router.get('/status.json', async (_req, res) => {
    const now = new Date();
    const status = await deps.maintenance.status(now);
    const notices = await deps.notices.status(now);
    const disruptions = await deps.disruptions.current();
    // Short-lived: schools and monitors poll it; a window that starts must show within a minute.
    res.setHeader('Cache-Control', 'public, max-age=30');
    res.json({
      generatedAt: now.toISOString(),
      maintenance: { current: status.current.map(asJson), planned: status.planned.map(asJson) },
      // Agreement art. 5: acknowledged disruptions not yet resolved, with the operator's public text and estimate.
      disruptions: disruptions.map((d) => ({
        id: d.id,
        since: d.acknowledgedAt!.toISOString(),
        description: { nl: d.publicTextNl, en: d.publicTextEn },
        estimatedRepairAt: d.estimatedRepairAt?.toISOString() ?? null,
      })),
      // Agreement art. 11: the announced end of the service (start of a school year), if any.
      serviceEnd: notices.serviceEnd ? { at: notices.serviceEnd.effectiveAt.toISOString() } : null,
      // Agreement art. 6: the browsers supported, and when support for one ends (announced ≥ 3 months ahead).
      browsers: notices.browsers.map((b) => ({
        name: b.name,
        minimumVersion: b.minimumVersion,
        supportEndsAt: b.supportEndsAt?.toISOString() ?? null,
      })),
    });
  });

  router.get('/status', async (_req, res) => {
    const status = await deps.maintenance.status();
    const notices = await deps.notices.status();
    const disruptions = (await deps.disruptions.current()).map((d) => ({
      textNl: d.publicTextNl,
      textEn: d.publicTextEn,
      since_nl: formatWhen(d.acknowledgedAt!, 'nl'),
      since_en: formatWhen(d.acknowledgedAt!, 'en'),
      estimate_nl: d.estimatedRepairAt ? formatWhen(d.estimatedRepairAt, 'nl') : null,
      estimate_en: d.estimatedRepairAt ? formatWhen(d.estimatedRepairAt, 'en') : null,
    }));
    res.setHeader('Cache-Control', 'public, max-age=30');
    res.type('html').send(
      render('status.njk', {
        title: 'Status',
        current: status.current.map(asView),
        planned: status.planned.map(asView),
        disruptions,
        serviceEnd: notices.serviceEnd
          ? { nl: formatWhen(notices.serviceEnd.effectiveAt, 'nl'), en: formatWhen(notices.serviceEnd.effectiveAt, 'en') }
          : null,
        browsers: notices.browsers.map((b) => ({
          name: b.name,
          minimumVersion: b.minimumVersion,
          ends_nl: b.supportEndsAt ? formatWhen(b.supportEndsAt, 'nl') : null,
          ends_en: b.supportEndsAt ? formatWhen(b.supportEndsAt, 'en') : null,
        })),
      }),
    );
  });

  return router;
}

import express, { type Request, type Response, Router } from 'express';
import { NotFoundError, ValidationError } from '../../domain/errors';
import type { Repositories } from '../../domain/ports';
import type { DestructionCertificate } from '../../domain/retention/destruction-certificate';
import type { SchoolDestructionService } from '../../domain/retention/school-destruction.service';
import type { PrivacyAnnexService } from '../../release/annex.service';
import { CATEGORIES, CATEGORY_TEXT, declaredCategories } from '../../release/categories';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { render } from '../views';
import { currentOperator, operatorActor, requireOperator } from './operator';
import { correctable, field, lines } from './form';

export interface OpsDataProtectionDependencies {
  readonly repos: Pick<Repositories, 'operators' | 'participants' | 'retention'>;
  /** The same service as `leerpoort participant annex set` (annex 1 D, DPA art. 13.3). */
  readonly privacyAnnex: PrivacyAnnexService;
  /** The same service as `leerpoort retention destroy-school` (DPA art. 12). */
  readonly destruction: SchoolDestructionService;
}

/**
 * The dba's data-protection pages: a participant's privacy annex (annex 1 D) and destroying a school's
 * data on its written request (DPA art. 12), with the issued destruction certificates. Only role `dba`.
 * The pages parse the form and nothing more: every rule (what a valid annex is, who must accept a
 * widening, what a valid request reference is, what is destroyed and certified) lives in the services
 * the CLI calls too.
 */
export function opsDataProtectionRoutes(deps: OpsDataProtectionDependencies): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 100 });
  const dba = requireOperator(deps.repos, 'dba');
  const send = (req: Request, res: Response, view: string, status: number, ctx: Record<string, unknown>) =>
    res
      .status(status)
      .type('html')
      .send(render(view, { csrf: csrfToken(req), done: typeof req.query.done === 'string' ? req.query.done : null, ...ctx }));

  // --- privacy annex ------------------------------------------------------------------------------
  const participantOf = async (id: string) => {
    const participant = /^[0-9a-f-]{36}$/i.test(id) ? await deps.repos.participants.findById(id) : null;
    if (!participant) throw new NotFoundError('Onbekende deelnemer. / Unknown participant.');
    return participant;
  };
  const annexPage = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const participant = await participantOf(String(req.params.id));
    const annex = participant.annex;
    const values = {
      categories: annex?.categories ?? declaredCategories(participant),
      purposes: (annex?.purposes ?? []).join('\n'),
      subProcessors: (annex?.subProcessors ?? []).map((s) => `${s.name} | ${s.purpose} | ${s.location}`).join('\n'),
      storageLocation: annex?.storageLocation ?? '',
    };
    return send(req, res, 'ops-annex.njk', status, {
      title: `Privacybijlage ${participant.name}`,
      participant: { id: participant.id, name: participant.name },
      declared: annex !== null,
      changedAt: annex?.changedAt.toISOString().slice(0, 10) ?? null,
      categories: CATEGORIES.map((c) => ({ id: c, nl: CATEGORY_TEXT[c][0], en: CATEGORY_TEXT[c][1] })),
      values,
      ...extra,
    });
  };
  router.get('/ops/participants/:id/annex', dba, (req, res) => annexPage(req, res, 200));
  router.post('/ops/participants/:id/annex', form, requireCsrf, dba, async (req, res) => {
    const participant = await participantOf(String(req.params.id));
    const raw = req.body?.categories;
    const categories = (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).filter((c): c is string => typeof c === 'string');
    const values = {
      categories,
      purposes: field(req, 'purposes').slice(0, 20_000),
      subProcessors: field(req, 'subProcessors').slice(0, 20_000),
      storageLocation: field(req, 'storageLocation').slice(0, 1000),
    };
    try {
      // One line per sub-processor, "name | purpose | location"; a missing part is left empty so the
      // service's own validation names it.
      const subProcessors = lines(values.subProcessors).map((l) => {
        const [name = '', purpose = '', location = ''] = l.split('|').map((p) => p.trim());
        return { name, purpose, location };
      });
      const change = await deps.privacyAnnex.set(
        participant.name,
        { categories, purposes: lines(values.purposes), subProcessors, storageLocation: values.storageLocation },
        operatorActor(req, currentOperator(res)),
      );
      return annexPage(req, res, 200, { change });
    } catch (e) {
      if (correctable(e)) return annexPage(req, res, (e as { status: number }).status, { error: (e as Error).message, values });
      throw e;
    }
  });

  // --- school destruction on the school's written request ----------------------------------------
  const certificates = async () =>
    (await deps.repos.retention.listCertificates()).map((r) => {
      const c = (JSON.parse(r.document) as { certificate: DestructionCertificate }).certificate;
      return {
        id: r.id,
        brin: r.brin,
        school: c.school.name,
        destroyedAt: r.destroyedAt.toISOString(),
        reason: c.reason,
        reference: c.writtenRequest?.reference ?? null,
        totalRows: c.totalRows,
      };
    });
  const destructionsPage = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) =>
    send(req, res, 'ops-destructions.njk', status, {
      title: 'Vernietiging',
      certificates: await certificates(),
      values: { brin: '', reference: '', receivedAt: new Date().toISOString().slice(0, 10), confirm: '' },
      ...extra,
    });
  router.get('/ops/destructions', dba, (req, res) => destructionsPage(req, res, 200));
  router.post('/ops/destructions', form, requireCsrf, dba, async (req, res) => {
    const values = {
      brin: field(req, 'brin').trim().slice(0, 20),
      reference: field(req, 'reference').slice(0, 200),
      receivedAt: field(req, 'receivedAt').trim().slice(0, 40),
      confirm: field(req, 'confirm').trim().slice(0, 20),
    };
    try {
      if (!values.brin) throw new ValidationError('Geef de BRIN van de school. / Give the school’s BRIN.');
      // The console's counterpart of the CLI's --yes: the school's BRIN typed a second time.
      if (values.confirm.replace(/\s/g, '').toUpperCase() !== values.brin.replace(/\s/g, '').toUpperCase())
        throw new ValidationError(
          'Typ ter bevestiging de BRIN van de school nog eens; er is niets vernietigd. / Type the school’s BRIN again to confirm; nothing was destroyed.',
        );
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.receivedAt) || Number.isNaN(new Date(`${values.receivedAt}T00:00:00Z`).getTime()))
        throw new ValidationError(
          'De ontvangstdatum moet een datum zijn, zoals 2026-08-01. / The received date must be a date like 2026-08-01.',
        );
      const result = await deps.destruction.destroyOnRequest(
        values.brin,
        { reference: values.reference, receivedAt: new Date(`${values.receivedAt}T00:00:00Z`) },
        operatorActor(req, currentOperator(res)),
      );
      res.redirect(303, `/ops/destructions/${result.certificateId}?done=destroyed`);
    } catch (e) {
      if (correctable(e)) return destructionsPage(req, res, (e as { status: number }).status, { error: (e as Error).message, values });
      throw e;
    }
  });
  const certificateOf = async (id: string) => {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? (await deps.repos.retention.listCertificates()).find((c) => c.id === id) : undefined;
    if (!found) throw new NotFoundError('Onbekende vernietigingsverklaring. / Unknown destruction certificate.');
    return found;
  };
  router.get('/ops/destructions/:id', dba, async (req, res) => {
    const record = await certificateOf(String(req.params.id));
    const c = (JSON.parse(record.document) as { certificate: DestructionCertificate }).certificate;
    send(req, res, 'ops-destruction.njk', 200, {
      title: `Vernietigingsverklaring ${c.school.brin}`,
      certificate: c,
      tables: Object.entries(c.tables).map(([table, rows]) => ({ table, rows })),
    });
  });
  router.get('/ops/destructions/:id/certificate', dba, async (req, res) => {
    const record = await certificateOf(String(req.params.id));
    res
      .type('application/json')
      .attachment(`vernietigingsverklaring-${record.brin.replace(/[^A-Za-z0-9]/g, '')}-${record.id}.json`)
      .send(record.document);
  });

  return router;
}

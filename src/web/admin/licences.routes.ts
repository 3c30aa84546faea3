import express, { type Request, type Response, Router } from 'express';
import { ConflictError, NotFoundError } from '../../domain/errors';
import type { LicenceService } from '../../domain/licensing/licence.service';
import { licenceOverview } from '../../domain/licensing/licence-overview';
import type { Repositories } from '../../domain/ports';
import { previewRelease } from '../../saml/preview';
import { CATEGORY_TEXT as CATEGORIES_IN_WORDS } from '../../release/categories';
import type { PrivacyAnnexService } from '../../release/annex.service';
import { distinctHosts, previewOidcRelease } from '../../release/preview';
import { requireCsrf } from '../middleware/csrf';
import { adminActor, adminOf, renderAdmin } from './context';
import { displayName } from '../../domain/model';

const form = express.urlencoded({ extended: false, limit: '4kb' });

/** Plain-language names of the released categories (one home: release/categories.ts), and the hub ID. */
const CATEGORY_TEXT: Record<string, readonly [string, string]> = { ...CATEGORIES_IN_WORDS, hubId: ['Leerpoort-ID', 'Leerpoort ID'] };

/** Licences (seats, validity, assignment to groups — editable) and data transfer per participant. */
export function licenceRoutes(deps: {
  repos: Pick<
    Repositories,
    'activations' | 'credentials' | 'groups' | 'licences' | 'oidcClients' | 'participants' | 'people' | 'products' | 'serviceProviders'
  >;
  licences: LicenceService;
  privacyAnnex: PrivacyAnnexService;
}): Router {
  const router = Router();

  /** The overview; a refused change is shown on it directly (never text carried in the URL). */
  const overview = async (req: Request, res: Response, status = 200, error?: string) => {
    const { school } = adminOf(res);
    const groups = (await deps.repos.groups.listBySchool(school.id)).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    const licences = [];
    for (const o of await licenceOverview(deps.repos, school.id)) {
      licences.push({
        id: o.licence.id,
        product: o.product?.name ?? '?',
        participant: o.participant?.name ?? '?',
        validFrom: o.licence.validFrom,
        validUntil: o.licence.validUntil,
        current: o.current,
        scope: o.licence.scope,
        seats: o.licence.seats,
        used: o.seatsUsed,
        groups: o.groups,
        individual: await Promise.all(
          o.personIds.map(async (id) => {
            const p = await deps.repos.people.findById(id);
            return { id, name: p ? displayName(p) : '?' };
          }),
        ),
        assignable: groups.filter((g) => !o.groups.some((a) => a.id === g.id)),
      });
    }
    licences.sort((a, b) => a.product.localeCompare(b.product, 'nl'));
    renderAdmin(req, res, 'admin/licences.njk', { titleKey: 'licences.title', licences, error }, status);
  };

  router.get('/admin/licences', (req, res) => overview(req, res));

  for (const [action, assign] of [
    ['assign', true],
    ['unassign', false],
  ] as const) {
    router.post(`/admin/licences/:id/${action}`, form, requireCsrf, async (req, res) => {
      try {
        const { school } = adminOf(res);
        const actor = adminActor(req, res);
        if (typeof req.body.username === 'string' || typeof req.body.person === 'string') {
          // One person: by username (typed in) or by id (the withdraw button).
          const credential = typeof req.body.username === 'string' ? await deps.repos.credentials.findByUsername(req.body.username) : null;
          const personId = credential?.personId ?? String(req.body.person ?? '');
          await deps.licences.changeAssignment(school.id, String(req.params.id), { personId }, assign, actor);
        } else {
          await deps.licences.changeAssignment(school.id, String(req.params.id), { groupId: String(req.body.group ?? '') }, assign, actor);
        }
        res.redirect(303, '/admin/licences');
      } catch (e) {
        // A refusal (seats, already assigned) is shown on the overview; a foreign id stays a 404.
        if (e instanceof ConflictError) return overview(req, res, 409, e.message);
        // A username typed in that is unknown (or of another school) is told on the overview too, without saying which.
        if (e instanceof NotFoundError && typeof req.body.username === 'string')
          return overview(req, res, 404, 'Onbekende gebruikersnaam bij deze school. / Unknown username at this school.');
        throw e;
      }
    });
  }

  router.get('/admin/activations', async (req, res) => {
    const { school, lang } = adminOf(res);
    const i = lang === 'en' ? 1 : 0;
    const licensedParticipants = new Set<string>();
    for (const l of await deps.repos.licences.listBySchool(school.id)) {
      const product = (await deps.repos.products.findAllByIds([l.productId]))[0];
      if (product) licensedParticipants.add(product.participantId);
    }
    const sps = await deps.repos.serviceProviders.list();
    const oidcClients = await deps.repos.oidcClients.list();
    const pending = new Map((await deps.privacyAnnex.pending(school.id)).map((p) => [p.participantId, p]));
    const participants = [];
    for (const p of await deps.repos.participants.list()) {
      const activation = await deps.repos.activations.find(school.id, p.id);
      if (!licensedParticipants.has(p.id) && !activation) continue;
      const own = sps.filter((sp) => sp.participantId === p.id);
      const roles = new Map<string, Set<string>>([
        ['pupil', new Set()],
        ['teacher', new Set()],
      ]);
      const accepted = activation?.acceptedCategories ?? null;
      for (const sp of own)
        for (const r of previewRelease(sp, p, school, true, accepted).roles) for (const c of r.categories) roles.get(r.role)!.add(c);
      // OpenID Connect clients: what they could receive at most (their scopes narrow it), through the same chain.
      const oidc = previewOidcRelease(
        oidcClients.filter((c) => c.participantId === p.id),
        p,
        school,
        true,
        accepted,
      );
      for (const r of oidc?.roles ?? []) for (const c of r.categories) roles.get(r.role)!.add(c);
      const describe = (cats: Set<string>) => [...cats].map((c) => CATEGORY_TEXT[c]?.[i] ?? c);
      participants.push({
        id: p.id,
        name: p.name,
        enabled: activation?.enabled === true,
        hasConnection: own.length > 0 || oidc !== null,
        hasOidc: oidc !== null,
        // Where the data goes: the hosts of each front door, so the delegate knows the receiving sites.
        recipients: [
          ...own.map((sp) => ({ protocol: 'SAML', hosts: distinctHosts(sp.acsEndpoints.map((e) => e.location)) })),
          ...(oidc?.clients.map((c) => ({ protocol: 'OpenID Connect', hosts: c.redirectHosts })) ?? []),
        ],
        // DPA art. 13.3: a widened annex waits for this school's acceptance; in plain words, what it adds.
        annexAdded: pending.get(p.id)?.added.map((c) => CATEGORY_TEXT[c]?.[i] ?? c) ?? [],
        pupils: describe(roles.get('pupil')!),
        teachers: describe(roles.get('teacher')!),
        history: await Promise.all(
          (await deps.repos.activations.history(school.id, p.id)).map(async (h) => {
            const person = h.changedBy.startsWith('person:') ? await deps.repos.people.findById(h.changedBy.slice(7)) : null;
            return {
              enabled: h.enabled,
              at: h.changedAt,
              by:
                person && person.schoolId === school.id
                  ? displayName(person)
                  : h.changedBy.replace(/^cli:/, 'Leerpoort (') + (h.changedBy.startsWith('cli:') ? ')' : ''),
            };
          }),
        ),
      });
    }
    renderAdmin(req, res, 'admin/activations.njk', { titleKey: 'activations.title', participants });
  });

  router.post('/admin/activations/:participantId/accept-annex', form, requireCsrf, async (req, res) => {
    const { school } = adminOf(res);
    try {
      await deps.privacyAnnex.accept(school.id, String(req.params.participantId), adminActor(req, res));
    } catch (e) {
      // Accepted a moment ago in another tab, or nothing to accept: the page shows the state as it is.
      if (!(e instanceof ConflictError) && !(e instanceof NotFoundError)) throw e;
    }
    res.redirect(303, '/admin/activations');
  });

  router.post('/admin/activations/:participantId', form, requireCsrf, async (req, res) => {
    const { school } = adminOf(res);
    await deps.licences.setActivationById(school.id, String(req.params.participantId), req.body.enabled === 'on', adminActor(req, res));
    res.redirect(303, '/admin/activations');
  });

  return router;
}

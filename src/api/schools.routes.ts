import { Router, type Response } from 'express';
import type { Keyring } from '../crypto/field-cipher';
import { NotFoundError } from '../domain/errors';
import { isSuspended } from '../domain/misuse/suspension';
import { formatBrin } from '../domain/identity/brin';
import type { Person, School } from '../domain/model';
import type { Repositories } from '../domain/ports';
import { callerOf } from './auth';
import { activatedSchool, rosterPage } from './roster';
import { paging, parse, sinceQuery } from './validation';

/** The repositories this module uses (and no others). */
type Repos = Pick<Repositories, 'activations' | 'groups' | 'ledger' | 'licences' | 'people' | 'products' | 'schools' | 'serviceProviders'>;

/** The school of the URL, when it activated the calling participant; otherwise 404 (no data either way). */
export async function schoolOr404(repos: Repos, res: Response, brin: string): Promise<School> {
  const school = await activatedSchool(repos, callerOf(res).participant.id, brin);
  if (!school) throw new NotFoundError(`no school ${brin} for this participant`);
  return school;
}

const schoolResource = (s: School) => ({
  sourcedId: s.id,
  brin: formatBrin(s),
  name: s.name,
  assuNumber: s.assuNumber,
  visitingAddress: s.visitingAddress,
});

/** Schools that activated the participant, their groups and (licensed, released) people, the permission feed. */
export function schoolRoutes(deps: { repos: Repos; keyring: Keyring }): Router {
  const { repos } = deps;
  const router = Router();

  router.get('/schools', async (_req, res) => {
    const schools: School[] = [];
    for (const a of await repos.activations.enabledFor(callerOf(res).participant.id)) {
      const s = await repos.schools.findById(a.schoolId);
      if (s && !isSuspended(s)) schools.push(s);
    }
    res.json({ schools: schools.map(schoolResource) });
  });

  router.get('/schools/:brin', async (req, res) => {
    res.json({ school: schoolResource(await schoolOr404(repos, res, String(req.params.brin))) });
  });

  router.get('/schools/:brin/groups', async (req, res) => {
    const school = await schoolOr404(repos, res, String(req.params.brin));
    const classes = (await repos.groups.listBySchool(school.id)).map((g) => ({
      sourcedId: g.lasKey,
      title: g.name,
      grades: g.yearGroup === null ? [] : [String(g.yearGroup)],
      classType: g.kind === 'stamgroep' ? 'homeroom' : 'scheduled',
    }));
    res.json({ classes });
  });

  /** One page of people, each through the licence gate and the release chain; written to the ledger. */
  const roster = (roles: ReadonlyArray<Person['role']>) => async (req: import('express').Request, res: Response) => {
    const school = await schoolOr404(repos, res, String(req.params.brin));
    const q = parse(paging, req.query, 'query');
    const { participant, clientId } = callerOf(res);
    const page = await rosterPage(
      { repos, keyring: deps.keyring },
      {
        participant,
        school,
        roles,
        changedSince: q.changedSince ? new Date(q.changedSince) : null,
        limit: q.limit,
        offset: q.offset,
        now: new Date(),
      },
    );
    if (page.users.length > 0) {
      await repos.ledger.recordWithAudit(
        {
          schoolId: school.id,
          participantId: participant.id,
          apiClientId: clientId,
          channel: 'api',
          categories: page.categories,
          peopleCount: page.users.length,
        },
        {
          actor: { type: 'sp', id: clientId, ip: req.ip ?? null },
          action: 'api.roster',
          outcome: 'success',
          schoolId: school.id,
          details: { roles, categories: page.categories, people: page.users.length },
        },
      );
    }
    res.json({ users: page.users, paging: { limit: q.limit, offset: q.offset, total: page.total } });
  };
  router.get('/schools/:brin/pupils', roster(['pupil']));
  router.get('/schools/:brin/staff', roster(['teacher', 'delegate']));

  router.get('/permissions', async (req, res) => {
    const q = parse(sinceQuery, req.query, 'query');
    const changes = await repos.activations.changesFor(callerOf(res).participant.id, new Date(q.since));
    const brins = new Map<string, string>();
    for (const c of changes) {
      if (brins.has(c.schoolId)) continue;
      const school = await repos.schools.findById(c.schoolId);
      brins.set(c.schoolId, school ? formatBrin(school) : 'unknown');
    }
    res.json({ permissions: changes.map((c) => ({ school: brins.get(c.schoolId), granted: c.enabled, at: c.changedAt.toISOString() })) });
  });

  return router;
}

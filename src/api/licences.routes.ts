import { Router } from 'express';
import type { Keyring } from '../crypto/field-cipher';
import { pairwisePseudonym } from '../crypto/field-cipher';
import { ValidationError } from '../domain/errors';
import { licenceOverview } from '../domain/licensing/licence-overview';
import type { LicenceService } from '../domain/licensing/licence.service';
import type { Person } from '../domain/model';
import type { Repositories } from '../domain/ports';
import { callerOf } from './auth';
import { pseudonymIndex } from './roster';
import { schoolOr404 } from './schools.routes';
import { parse, userRefs } from './validation';

/** The hosted licence office: a participant's licences at a school, and access granted or revoked in bulk. */
export function licenceRoutes(deps: {
  repos: Pick<
    Repositories,
    'activations' | 'groups' | 'ledger' | 'licences' | 'participants' | 'people' | 'products' | 'schools' | 'serviceProviders'
  >;
  keyring: Keyring;
  licences: LicenceService;
}): Router {
  const { repos } = deps;
  const router = Router();

  router.get('/schools/:brin/licences', async (req, res) => {
    const school = await schoolOr404(repos, res, String(req.params.brin));
    const { participant } = callerOf(res);
    const licences = (await licenceOverview(repos, school.id, { participantId: participant.id })).map((o) => ({
      sourcedId: o.licence.id,
      product: { sourcedId: o.product!.id, name: o.product!.name },
      validFrom: o.licence.validFrom.toISOString(),
      validUntil: o.licence.validUntil.toISOString(),
      seats: o.licence.seats,
      seatsUsed: o.seatsUsed,
      scope: o.licence.scope,
      assignedClasses: o.groups.map((g) => g.lasKey),
      assignedUsers: o.personIds.map((id) => pairwisePseudonym(deps.keyring, participant.id, id)),
    }));
    res.json({ licences });
  });

  /** Bulk grant or revoke: all or nothing; every user must be a person of this school. */
  for (const [path, grant] of [
    ['grants', true],
    ['revocations', false],
  ] as const) {
    router.post(`/schools/:brin/licences/:licenceId/${path}`, async (req, res) => {
      const school = await schoolOr404(repos, res, String(req.params.brin));
      const body = parse(userRefs, req.body, 'body');
      const { participant, clientId } = callerOf(res);
      const index = body.users.some((u) => 'sourcedId' in u)
        ? await pseudonymIndex({ repos, keyring: deps.keyring }, school, participant.id)
        : new Map<string, Person>();
      const people: Person[] = [];
      const unresolved: string[] = [];
      for (const ref of body.users) {
        const person = 'sourcedId' in ref ? index.get(ref.sourcedId) : await repos.people.findByEckId(ref.eckId);
        if (!person || person.schoolId !== school.id) unresolved.push('sourcedId' in ref ? ref.sourcedId : ref.eckId);
        else people.push(person);
      }
      if (unresolved.length)
        throw new ValidationError(
          `not a person of school ${school.brin}: ${unresolved.slice(0, 10).join(', ')}${unresolved.length > 10 ? ` (+${unresolved.length - 10} more)` : ''}`,
        );
      const licenceId = String(req.params.licenceId);
      const changed = await deps.licences.changePersonalAssignments(
        { schoolId: school.id, licenceId, participantId: participant.id, personIds: people.map((p) => p.id), grant },
        { type: 'sp', id: clientId },
      );
      res.json({ licence: licenceId, [grant ? 'granted' : 'revoked']: changed });
    });
  }

  return router;
}

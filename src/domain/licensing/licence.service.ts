import { NotFoundError, ValidationError } from '../errors';
import { findSchoolByBrin } from '../identity/school.service';
import type { Activation, Actor, Licence, LicenceAssignment } from '../model';
import type { UnitOfWork } from '../ports';
import { findParticipantByName, findProductByName } from './participant.service';

export interface GrantLicenceInput {
  brin: string;
  productName: string;
  participantName?: string;
  /** Either the whole school, or one group by its LAS key or name. */
  target: { all: true } | { groupKey: string };
  validFrom?: Date;
  validUntil?: Date;
  seats?: number | null;
}

/** End of the Dutch school year the date falls in: 1 August, 00:00 UTC. */
export function endOfSchoolYear(now: Date): Date {
  const year = now.getUTCMonth() >= 7 ? now.getUTCFullYear() + 1 : now.getUTCFullYear();
  return new Date(Date.UTC(year, 7, 1));
}

export class LicenceService {
  constructor(private readonly uow: UnitOfWork) {}

  grant(input: GrantLicenceInput, actor: Actor, now = new Date()): Promise<{ licence: Licence; assignment: LicenceAssignment | null }> {
    const validFrom = input.validFrom ?? now;
    const validUntil = input.validUntil ?? endOfSchoolYear(now);
    if (Number.isNaN(validFrom.getTime()) || Number.isNaN(validUntil.getTime())) throw new ValidationError('invalid licence dates');
    if (validUntil <= validFrom) throw new ValidationError('a licence must end after it starts');
    if (input.seats != null && (!Number.isInteger(input.seats) || input.seats < 1)) throw new ValidationError('seats must be a positive whole number');

    return this.uow.run(async (repos) => {
      const school = await findSchoolByBrin(repos, input.brin);
      const product = await findProductByName(repos, input.productName, input.participantName);
      const group =
        'groupKey' in input.target
          ? ((await repos.groups.findByLasKey(school.id, input.target.groupKey)) ??
            (await repos.groups.listBySchool(school.id)).find((g) => g.name === (input.target as { groupKey: string }).groupKey) ??
            null)
          : null;
      if ('groupKey' in input.target && !group) throw new NotFoundError(`unknown group '${input.target.groupKey}' at school ${school.brin}`);

      // Granting the same product for the same period again adds to the existing licence.
      const existing = (await repos.licences.listBySchool(school.id)).find(
        (l) => l.productId === product.id && l.validFrom.getTime() === validFrom.getTime() && l.validUntil.getTime() === validUntil.getTime(),
      );
      const licence =
        existing ??
        (await repos.licences.insert({ schoolId: school.id, productId: product.id, validFrom, validUntil, seats: input.seats ?? null, scope: group ? 'assigned' : 'all' }));
      const assignment = group ? await repos.licences.assign(licence.id, { groupId: group.id }) : null;
      await repos.audit.record({
        actor,
        action: 'licence.grant',
        outcome: 'success',
        schoolId: school.id,
        targetType: 'licence',
        targetId: licence.id,
        details: { productId: product.id, scope: licence.scope, groupId: group?.id ?? null, validUntil: validUntil.toISOString() },
      });
      return { licence, assignment };
    });
  }

  setActivation(input: { brin: string; participantName: string; enabled: boolean }, actor: Actor, now = new Date()): Promise<Activation> {
    return this.uow.run(async (repos) => {
      const school = await findSchoolByBrin(repos, input.brin);
      const participant = await findParticipantByName(repos, input.participantName);
      const activation: Activation = { schoolId: school.id, participantId: participant.id, enabled: input.enabled, changedBy: `${actor.type}:${actor.id}`, changedAt: now };
      await repos.activations.set(activation);
      await repos.audit.record({
        actor,
        action: input.enabled ? 'activation.on' : 'activation.off',
        outcome: 'success',
        schoolId: school.id,
        targetType: 'participant',
        targetId: participant.id,
      });
      return activation;
    });
  }
}

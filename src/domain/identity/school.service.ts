import { NotFoundError, ValidationError } from '../errors';
import type { Actor, School, VisitingAddress } from '../model';
import type { Repositories, UnitOfWork } from '../ports';
import { formatBrin, parseBrin } from './brin';
import { parseNetworks } from './school-network';

export interface AddSchoolInput {
  brin: string;
  name: string;
  assuNumber?: string | null;
  visitingAddress?: VisitingAddress | null;
}

/** Looks a school up by BRIN (with or without dependance code); unknown → NotFoundError. */
export async function findSchoolByBrin(
  repos: Pick<Repositories, 'audit' | 'schoolNetworks' | 'schools'>,
  brinInput: string,
): Promise<School> {
  const code = parseBrin(brinInput);
  const [school] = await repos.schools.findByBrin(code.brin, code.dependanceCode);
  if (!school) throw new NotFoundError(`unknown school ${formatBrin(code)}`);
  return school;
}

export class SchoolService {
  constructor(private readonly uow: UnitOfWork) {}

  /** Home access (thuistoegang, annex B.2): logins from outside the school network, toggled by the school. */
  async setHomeAccess(brin: string, enabled: boolean, actor: Actor): Promise<School> {
    return this.uow.run(async (repos) => {
      const school = await findSchoolByBrin(repos, brin);
      await repos.schools.setHomeAccess(school.id, enabled);
      await repos.audit.record({
        actor,
        action: enabled ? 'school.home_access.on' : 'school.home_access.off',
        outcome: 'success',
        schoolId: school.id,
        targetType: 'school',
        targetId: school.id,
      });
      return (await repos.schools.findById(school.id))!;
    });
  }

  /** Replaces the school's own network ranges (CIDR); pupils log in only from these unless home access is on. */
  async setNetworks(brin: string, networks: readonly string[], actor: Actor): Promise<string[]> {
    const parsed = parseNetworks(networks);
    return this.uow.run(async (repos) => {
      const school = await findSchoolByBrin(repos, brin);
      await repos.schoolNetworks.replace(school.id, parsed);
      await repos.audit.record({
        actor,
        action: 'school.networks.set',
        outcome: 'success',
        schoolId: school.id,
        targetType: 'school',
        targetId: school.id,
        details: { networks: parsed },
      });
      return repos.schoolNetworks.list(school.id);
    });
  }

  async networks(brin: string): Promise<string[]> {
    return this.uow.run(async (repos) => repos.schoolNetworks.list((await findSchoolByBrin(repos, brin)).id));
  }

  /** Two-step verification for the school's teachers (delegates always have it). */
  async setTeacherTwoFactor(brin: string, required: boolean, actor: Actor): Promise<School> {
    return this.uow.run(async (repos) => {
      const school = await findSchoolByBrin(repos, brin);
      await repos.schools.setTeacher2faRequired(school.id, required);
      await repos.audit.record({
        actor,
        action: required ? 'school.teacher_2fa.on' : 'school.teacher_2fa.off',
        outcome: 'success',
        schoolId: school.id,
        targetType: 'school',
        targetId: school.id,
      });
      return (await repos.schools.findById(school.id))!;
    });
  }

  async add(input: AddSchoolInput, actor: Actor): Promise<School> {
    const code = parseBrin(input.brin);
    const name = input.name.trim();
    if (!name) throw new ValidationError('school name must not be empty');
    if (input.assuNumber != null && !/^\d{1,10}$/.test(input.assuNumber)) {
      throw new ValidationError(`invalid ASSU number '${input.assuNumber}': digits only`);
    }
    return this.uow.run(async (repos) => {
      const school = await repos.schools.insert({
        ...code,
        name,
        assuNumber: input.assuNumber ?? null,
        visitingAddress: input.visitingAddress ?? null,
      });
      await repos.audit.record({
        actor,
        action: 'school.add',
        outcome: 'success',
        schoolId: school.id,
        targetType: 'school',
        targetId: school.id,
        details: { brin: formatBrin(code) },
      });
      return school;
    });
  }
}

import { NotFoundError, ValidationError } from '../errors';
import type { Actor, School, VisitingAddress } from '../model';
import type { Repositories, UnitOfWork } from '../ports';
import { formatBrin, parseBrin } from './brin';

export interface AddSchoolInput {
  brin: string;
  name: string;
  assuNumber?: string | null;
  visitingAddress?: VisitingAddress | null;
}

/** Looks a school up by BRIN (with or without dependance code); unknown → NotFoundError. */
export async function findSchoolByBrin(repos: Repositories, brinInput: string): Promise<School> {
  const code = parseBrin(brinInput);
  const [school] = await repos.schools.findByBrin(code.brin, code.dependanceCode);
  if (!school) throw new NotFoundError(`unknown school ${formatBrin(code)}`);
  return school;
}

export class SchoolService {
  constructor(private readonly uow: UnitOfWork) {}

  async add(input: AddSchoolInput, actor: Actor): Promise<School> {
    const code = parseBrin(input.brin);
    const name = input.name.trim();
    if (!name) throw new ValidationError('school name must not be empty');
    if (input.assuNumber != null && !/^\d{1,10}$/.test(input.assuNumber)) {
      throw new ValidationError(`invalid ASSU number '${input.assuNumber}': digits only`);
    }
    return this.uow.run(async (repos) => {
      const school = await repos.schools.insert({ ...code, name, assuNumber: input.assuNumber ?? null, visitingAddress: input.visitingAddress ?? null });
      await repos.audit.record({ actor, action: 'school.add', outcome: 'success', schoolId: school.id, targetType: 'school', targetId: school.id, details: { brin: formatBrin(code) } });
      return school;
    });
  }
}

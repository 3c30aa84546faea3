import type { School } from '../domain/model';

/** JSON shape of a school in CLI output. */
export function describeSchool(s: School) {
  return {
    id: s.id,
    brin: s.brin,
    dependanceCode: s.dependanceCode,
    name: s.name,
    assuNumber: s.assuNumber,
    visitingAddress: s.visitingAddress,
    status: s.status,
    agreementState: s.agreementState,
    homeAccessEnabled: s.homeAccessEnabled,
    teacher2faRequired: s.teacher2faRequired,
  };
}

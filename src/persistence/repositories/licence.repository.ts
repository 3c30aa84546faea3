import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import type { Licence, LicenceAssignment } from '../../domain/model';
import type { LicenceRepository, NewLicence } from '../../domain/licensing/ports';
import { LicenceAssignmentEntity, LicenceEntity } from '../entities/licence.entity';
import { translateViolations } from './db-errors';
import { affectedRows } from './sql';

const toLicence = (e: LicenceEntity): Licence => ({
  id: e.id,
  schoolId: e.schoolId,
  productId: e.productId,
  validFrom: e.validFrom,
  validUntil: e.validUntil,
  seats: e.seats,
  scope: e.scope,
});

const toAssignment = (e: LicenceAssignmentEntity): LicenceAssignment => ({
  id: e.id,
  licenceId: e.licenceId,
  groupId: e.groupId,
  personId: e.personId,
});

export class TypeOrmLicenceRepository implements LicenceRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(l: NewLicence): Promise<Licence> {
    const repo = this.em.getRepository(LicenceEntity);
    const saved = await translateViolations(repo.save(repo.create(l)), {
      licences_period_valid: () => new ValidationError('a licence must end after it starts'),
      licences_seats_positive: () => new ValidationError('seats must be a positive number'),
      licences_product_id_fkey: () => new NotFoundError('unknown product'),
      licences_school_id_fkey: () => new NotFoundError('unknown school'),
    });
    return toLicence(saved);
  }

  async findById(id: string): Promise<Licence | null> {
    const e = await this.em.getRepository(LicenceEntity).findOneBy({ id });
    return e ? toLicence(e) : null;
  }

  async listBySchool(schoolId: string): Promise<Licence[]> {
    return (await this.em.getRepository(LicenceEntity).find({ where: { schoolId }, order: { validFrom: 'ASC' } })).map(toLicence);
  }

  async assign(licenceId: string, target: { groupId: string } | { personId: string }): Promise<LicenceAssignment> {
    const repo = this.em.getRepository(LicenceAssignmentEntity);
    const row = repo.create({
      licenceId,
      groupId: 'groupId' in target ? target.groupId : null,
      personId: 'personId' in target ? target.personId : null,
    });
    return toAssignment(
      await translateViolations(repo.save(row), {
        licence_assignments_group_unique: () => new ConflictError('this group is already assigned to the licence'),
        licence_assignments_person_unique: () => new ConflictError('this person is already assigned to the licence'),
      }),
    );
  }

  async unassignPerson(licenceId: string, personId: string): Promise<boolean> {
    return ((await this.em.getRepository(LicenceAssignmentEntity).delete({ licenceId, personId })).affected ?? 0) > 0;
  }

  async unassignGroup(licenceId: string, groupId: string): Promise<boolean> {
    const affected = await affectedRows(this.em, 'DELETE FROM licence_assignments WHERE licence_id = $1 AND group_id = $2', [
      licenceId,
      groupId,
    ]);
    return affected > 0;
  }

  async assignments(licenceId: string): Promise<LicenceAssignment[]> {
    return (await this.em.getRepository(LicenceAssignmentEntity).find({ where: { licenceId }, order: { createdAt: 'ASC' } })).map(
      toAssignment,
    );
  }
}

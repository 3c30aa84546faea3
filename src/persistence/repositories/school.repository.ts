import type { EntityManager } from 'typeorm';
import { ConflictError, ValidationError } from '../../domain/errors';
import type { School } from '../../domain/model';
import type { NewSchool, SchoolRepository } from '../../domain/roster/ports';
import { SchoolEntity } from '../entities/school.entity';
import { translateViolations } from './db-errors';

function toSchool(e: SchoolEntity): School {
  return {
    id: e.id,
    brin: e.brin,
    dependanceCode: e.dependanceCode,
    name: e.name,
    assuNumber: e.assuNumber,
    visitingAddress:
      e.visitingStreet && e.visitingCity
        ? {
            street: e.visitingStreet,
            houseNumber: e.visitingHouseNumber ?? '',
            postalCode: e.visitingPostalCode ?? '',
            city: e.visitingCity,
          }
        : null,
    status: e.status,
    agreementState: e.agreementState,
    homeAccessEnabled: e.homeAccessEnabled,
    teacher2faRequired: e.teacher2faRequired,
    suspendedAt: e.suspendedAt ? new Date(e.suspendedAt) : null,
    createdAt: e.createdAt,
  };
}

export class TypeOrmSchoolRepository implements SchoolRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(school: NewSchool): Promise<School> {
    const repo = this.em.getRepository(SchoolEntity);
    const entity = repo.create({
      brin: school.brin,
      dependanceCode: school.dependanceCode,
      name: school.name,
      assuNumber: school.assuNumber ?? null,
      visitingStreet: school.visitingAddress?.street ?? null,
      visitingHouseNumber: school.visitingAddress?.houseNumber ?? null,
      visitingPostalCode: school.visitingAddress?.postalCode ?? null,
      visitingCity: school.visitingAddress?.city ?? null,
    });
    const saved = await translateViolations(repo.save(entity), {
      schools_brin_dependance_unique: () =>
        new ConflictError(
          `school ${school.brin}${school.dependanceCode === '00' ? '' : ` (vestiging ${school.dependanceCode})`} already exists`,
        ),
      schools_brin_format: () => new ValidationError(`invalid BRIN '${school.brin}'`),
      schools_name_not_blank: () => new ValidationError('school name must not be empty'),
    });
    return toSchool(await repo.findOneByOrFail({ id: saved.id }));
  }

  async findById(id: string): Promise<School | null> {
    const e = await this.em.getRepository(SchoolEntity).findOneBy({ id });
    return e ? toSchool(e) : null;
  }

  async findByBrin(brin: string, dependanceCode?: string): Promise<School[]> {
    const rows = await this.em
      .getRepository(SchoolEntity)
      .find({ where: dependanceCode ? { brin, dependanceCode } : { brin }, order: { dependanceCode: 'ASC' } });
    return rows.map(toSchool);
  }

  async list(): Promise<School[]> {
    return (await this.em.getRepository(SchoolEntity).find({ order: { brin: 'ASC', dependanceCode: 'ASC' } })).map(toSchool);
  }

  async search(text: string, limit: number, filter: { readonly withOwnIdp?: boolean } = {}): Promise<School[]> {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const query = this.em
      .getRepository(SchoolEntity)
      .createQueryBuilder('s')
      .where("s.status <> 'terminated'")
      // The BRIN prefix: letters and digits only (a BRIN has nothing else), so no wildcard gets through.
      .andWhere('(s.name ILIKE :pattern OR s.visitingCity ILIKE :pattern OR s.brin ILIKE :prefix)', {
        pattern,
        prefix: /^[0-9a-z]{1,4}$/i.test(text) ? `${text}%` : '-',
      });
    if (filter.withOwnIdp)
      query.andWhere(
        'EXISTS (SELECT 1 FROM upstream_idps u WHERE u.school_id = s.id AND (u.valid_until IS NULL OR u.valid_until > now()))',
      );
    const rows = await query.orderBy('s.name', 'ASC').limit(limit).getMany();
    return rows.map(toSchool);
  }

  async setTeacher2faRequired(id: string, required: boolean): Promise<void> {
    await this.em.getRepository(SchoolEntity).update({ id }, { teacher2faRequired: required, updatedAt: new Date() });
  }

  async setHomeAccess(id: string, enabled: boolean): Promise<void> {
    await this.em.getRepository(SchoolEntity).update({ id }, { homeAccessEnabled: enabled, updatedAt: new Date() });
  }
}

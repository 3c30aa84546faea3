import type { EntityManager } from 'typeorm';
import { ConflictError, ValidationError } from '../../domain/errors';
import type { Participant, PrivacyAnnex } from '../../domain/model';
import type { NewParticipant, ParticipantRepository } from '../../domain/licensing/ports';
import { ParticipantEntity } from '../entities/participant.entity';
import { translateViolations } from './db-errors';

const toParticipant = (e: ParticipantEntity): Participant => ({
  id: e.id,
  name: e.name,
  needsBirthDate: e.needsBirthDate,
  needsGender: e.needsGender,
  needsEmail: e.needsEmail,
  annex:
    e.annexCategories && e.annexChangedAt
      ? {
          categories: e.annexCategories,
          purposes: e.annexPurposes,
          subProcessors: e.annexSubProcessors,
          storageLocation: e.annexStorageLocation ?? '',
          changedAt: e.annexChangedAt,
        }
      : null,
  createdAt: e.createdAt,
});

export class TypeOrmParticipantRepository implements ParticipantRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(p: NewParticipant): Promise<Participant> {
    const repo = this.em.getRepository(ParticipantEntity);
    const saved = await translateViolations(
      repo.save(
        repo.create({
          name: p.name,
          needsBirthDate: p.needsBirthDate ?? false,
          needsGender: p.needsGender ?? false,
          needsEmail: p.needsEmail ?? false,
        }),
      ),
      {
        participants_name_unique: () => new ConflictError(`participant '${p.name}' already exists`),
        participants_name_not_blank: () => new ValidationError('participant name must not be empty'),
      },
    );
    return toParticipant(await repo.findOneByOrFail({ id: saved.id }));
  }

  async updateAnnex(id: string, annex: PrivacyAnnex): Promise<void> {
    await this.em.getRepository(ParticipantEntity).update(
      { id },
      {
        annexCategories: [...annex.categories],
        annexPurposes: [...annex.purposes],
        annexSubProcessors: annex.subProcessors.map((s) => ({ name: s.name, purpose: s.purpose, location: s.location })),
        annexStorageLocation: annex.storageLocation,
        annexChangedAt: annex.changedAt,
        // One truth: the recorded needs are what the annex declares.
        needsBirthDate: annex.categories.includes('birthDate'),
        needsGender: annex.categories.includes('gender'),
        needsEmail: annex.categories.includes('email'),
        updatedAt: annex.changedAt,
      },
    );
  }

  async findByName(name: string): Promise<Participant | null> {
    const e = await this.em.getRepository(ParticipantEntity).findOneBy({ name });
    return e ? toParticipant(e) : null;
  }

  async findById(id: string): Promise<Participant | null> {
    const e = await this.em.getRepository(ParticipantEntity).findOneBy({ id });
    return e ? toParticipant(e) : null;
  }

  async list(): Promise<Participant[]> {
    return (await this.em.getRepository(ParticipantEntity).find({ order: { name: 'ASC' } })).map(toParticipant);
  }
}

import type { EntityManager } from 'typeorm';
import { ConflictError, ValidationError } from '../../domain/errors';
import type { Participant } from '../../domain/model';
import type { NewParticipant, ParticipantRepository } from '../../domain/licensing/ports';
import { ParticipantEntity } from '../entities/participant.entity';
import { translateViolations } from './db-errors';

const toParticipant = (e: ParticipantEntity): Participant => ({
  id: e.id,
  name: e.name,
  needsBirthDate: e.needsBirthDate,
  needsGender: e.needsGender,
  needsEmail: e.needsEmail,
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

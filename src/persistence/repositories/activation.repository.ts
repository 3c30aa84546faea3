import { MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { Activation } from '../../domain/model';
import type { ActivationRepository } from '../../domain/licensing/ports';
import { ActivationEntity, ActivationHistoryEntity } from '../entities/licence.entity';

const toActivation = (e: ActivationEntity): Activation => ({
  schoolId: e.schoolId,
  participantId: e.participantId,
  enabled: e.enabled,
  changedBy: e.changedBy,
  changedAt: e.changedAt,
  acceptedCategories: e.acceptedCategories ?? null,
});

export class TypeOrmActivationRepository implements ActivationRepository {
  constructor(private readonly em: EntityManager) {}

  async set(a: Activation): Promise<void> {
    // The switch only: what the school accepted of the annex stays as it is.
    const row = {
      schoolId: a.schoolId,
      participantId: a.participantId,
      enabled: a.enabled,
      changedBy: a.changedBy,
      changedAt: a.changedAt,
    };
    await this.em.getRepository(ActivationEntity).upsert(row, ['schoolId', 'participantId']);
    await this.em.getRepository(ActivationHistoryEntity).insert(row);
  }

  async find(schoolId: string, participantId: string): Promise<Activation | null> {
    const e = await this.em.getRepository(ActivationEntity).findOneBy({ schoolId, participantId });
    return e ? toActivation(e) : null;
  }

  async listByParticipant(participantId: string): Promise<Activation[]> {
    return (await this.em.getRepository(ActivationEntity).find({ where: { participantId }, order: { changedAt: 'ASC' } })).map(
      toActivation,
    );
  }

  async updateAccepted(schoolId: string, participantId: string, categories: readonly string[] | null, by: string, at: Date): Promise<void> {
    await this.em
      .getRepository(ActivationEntity)
      .update({ schoolId, participantId }, { acceptedCategories: categories ? [...categories] : null, acceptedBy: by, acceptedAt: at });
  }

  async enabledFor(participantId: string): Promise<Activation[]> {
    const rows = await this.em
      .getRepository(ActivationEntity)
      .find({ where: { participantId, enabled: true }, order: { changedAt: 'ASC' } });
    return rows.map((e) => ({
      schoolId: e.schoolId,
      participantId: e.participantId,
      enabled: e.enabled,
      changedBy: e.changedBy,
      changedAt: e.changedAt,
    }));
  }

  async changesFor(participantId: string, since: Date): Promise<Activation[]> {
    const rows = await this.em
      .getRepository(ActivationHistoryEntity)
      .find({ where: { participantId, changedAt: MoreThanOrEqual(since) }, order: { changedAt: 'ASC', id: 'ASC' } });
    return rows.map((e) => ({
      schoolId: e.schoolId,
      participantId: e.participantId,
      enabled: e.enabled,
      changedBy: e.changedBy,
      changedAt: e.changedAt,
    }));
  }

  async history(schoolId: string, participantId: string): Promise<Activation[]> {
    const rows = await this.em
      .getRepository(ActivationHistoryEntity)
      .find({ where: { schoolId, participantId }, order: { changedAt: 'ASC', id: 'ASC' } });
    return rows.map((e) => ({
      schoolId: e.schoolId,
      participantId: e.participantId,
      enabled: e.enabled,
      changedBy: e.changedBy,
      changedAt: e.changedAt,
    }));
  }
}

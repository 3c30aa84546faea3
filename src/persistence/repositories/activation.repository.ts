import { MoreThanOrEqual, type EntityManager } from 'typeorm';
import type { Activation } from '../../domain/model';
import type { ActivationRepository } from '../../domain/licensing/ports';
import { ActivationEntity, ActivationHistoryEntity } from '../entities/licence.entity';

export class TypeOrmActivationRepository implements ActivationRepository {
  constructor(private readonly em: EntityManager) {}

  async set(a: Activation): Promise<void> {
    await this.em.getRepository(ActivationEntity).upsert({ ...a }, ['schoolId', 'participantId']);
    await this.em.getRepository(ActivationHistoryEntity).insert({ ...a });
  }

  async find(schoolId: string, participantId: string): Promise<Activation | null> {
    const e = await this.em.getRepository(ActivationEntity).findOneBy({ schoolId, participantId });
    return e
      ? { schoolId: e.schoolId, participantId: e.participantId, enabled: e.enabled, changedBy: e.changedBy, changedAt: e.changedAt }
      : null;
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

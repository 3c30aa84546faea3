import { In, type EntityManager } from 'typeorm';
import { ConflictError, ValidationError } from '../../domain/errors';
import type { Product } from '../../domain/model';
import type { NewProduct, ProductRepository } from '../../domain/licensing/ports';
import { ProductEntity } from '../entities/participant.entity';
import { translateViolations } from './db-errors';

const toProduct = (e: ProductEntity): Product => ({
  id: e.id,
  participantId: e.participantId,
  method: e.method,
  name: e.name,
  iconUrl: e.iconUrl,
  launchUrl: e.launchUrl,
  isTeacherApp: e.isTeacherApp,
  isTestApp: e.isTestApp,
});

export class TypeOrmProductRepository implements ProductRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(p: NewProduct): Promise<Product> {
    const repo = this.em.getRepository(ProductEntity);
    const saved = await translateViolations(
      repo.save(
        repo.create({
          participantId: p.participantId,
          name: p.name,
          method: p.method ?? null,
          iconUrl: p.iconUrl ?? null,
          launchUrl: p.launchUrl ?? null,
          isTeacherApp: p.isTeacherApp ?? false,
          isTestApp: p.isTestApp ?? false,
        }),
      ),
      {
        products_participant_name_unique: () => new ConflictError(`product '${p.name}' already exists for this participant`),
        products_name_not_blank: () => new ValidationError('product name must not be empty'),
      },
    );
    return toProduct(saved);
  }

  async findByName(participantId: string, name: string): Promise<Product | null> {
    const e = await this.em.getRepository(ProductEntity).findOneBy({ participantId, name });
    return e ? toProduct(e) : null;
  }

  async findAllByName(name: string): Promise<Product[]> {
    return (await this.em.getRepository(ProductEntity).findBy({ name })).map(toProduct);
  }

  async findAllByIds(ids: readonly string[]): Promise<Product[]> {
    if (ids.length === 0) return [];
    return (await this.em.getRepository(ProductEntity).findBy({ id: In([...ids]) })).map(toProduct);
  }

  async update(id: string, changes: Partial<Omit<NewProduct, 'participantId'>>): Promise<Product> {
    const repo = this.em.getRepository(ProductEntity);
    await translateViolations(repo.update({ id }, { ...changes, updatedAt: new Date() }), {
      products_participant_name_unique: () => new ConflictError(`product '${changes.name}' already exists for this participant`),
      products_name_not_blank: () => new ValidationError('product name must not be empty'),
    });
    return toProduct(await repo.findOneByOrFail({ id }));
  }

  async listByParticipant(participantId: string): Promise<Product[]> {
    return (await this.em.getRepository(ProductEntity).find({ where: { participantId }, order: { name: 'ASC' } })).map(toProduct);
  }
}

import type { EntityManager } from 'typeorm';
import type { PortalRepository } from '../../domain/licensing/ports';

export class TypeOrmPortalRepository implements PortalRepository {
  constructor(private readonly em: EntityManager) {}

  async schoolOrder(schoolId: string): Promise<Map<string, number>> {
    const rows: Array<{ product_id: string; position: number }> = await this.em.query(
      'SELECT product_id, position FROM school_product_order WHERE school_id = $1',
      [schoolId],
    );
    return new Map(rows.map((r) => [r.product_id, Number(r.position)]));
  }

  async setSchoolOrder(schoolId: string, productIds: readonly string[]): Promise<void> {
    // Callers run this inside a unit of work: the old order and the new one never mix.
    await this.em.query('DELETE FROM school_product_order WHERE school_id = $1', [schoolId]);
    if (productIds.length === 0) return;
    await this.em.query(
      `INSERT INTO school_product_order (school_id, product_id, position)
       SELECT $1, p.id, p.ord - 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS p(id, ord)`,
      [schoolId, [...productIds]],
    );
  }

  async launchCounts(personId: string): Promise<Map<string, number>> {
    const rows: Array<{ product_id: string; launches: number }> = await this.em.query(
      'SELECT product_id, launches FROM product_launch_counts WHERE person_id = $1',
      [personId],
    );
    return new Map(rows.map((r) => [r.product_id, Number(r.launches)]));
  }

  async recordLaunch(personId: string, productId: string): Promise<void> {
    await this.em.query(
      `INSERT INTO product_launch_counts (person_id, product_id, launches) VALUES ($1, $2, 1)
       ON CONFLICT (person_id, product_id) DO UPDATE SET launches = product_launch_counts.launches + 1, last_launched_at = now()`,
      [personId, productId],
    );
  }
}

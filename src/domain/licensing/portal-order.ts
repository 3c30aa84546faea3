import { NotFoundError } from '../errors';
import { isUuid } from '../ids';
import type { Actor, Product } from '../model';
import type { Repositories, UnitOfWork } from '../ports';

/**
 * The order of the tiles on "Mijn Leerpoort": first the products the school placed, in its order; then
 * the rest by how often this person launched them from the portal (most used first); then by name.
 * A school that sets no order gives every person their own order by use.
 */
export function orderTiles<T extends { readonly id: string; readonly name: string }>(
  tiles: readonly T[],
  schoolOrder: ReadonlyMap<string, number>,
  launches: ReadonlyMap<string, number>,
): T[] {
  const byName = (a: T, b: T) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id);
  return [...tiles].sort((a, b) => {
    const pa = schoolOrder.get(a.id);
    const pb = schoolOrder.get(b.id);
    if (pa !== undefined || pb !== undefined) {
      if (pa === undefined) return 1;
      if (pb === undefined) return -1;
      if (pa !== pb) return pa - pb;
    }
    return (launches.get(b.id) ?? 0) - (launches.get(a.id) ?? 0) || byName(a, b);
  });
}

export type TileMove = 'up' | 'down' | 'first';

/** The school's products (those it holds a licence for), as the order screen lists them: its order first, then by name. */
async function schoolProducts(repos: Pick<Repositories, 'licences' | 'products' | 'portal'>, schoolId: string) {
  const ids = [...new Set((await repos.licences.listBySchool(schoolId)).map((l) => l.productId))];
  const products = await repos.products.findAllByIds(ids);
  const order = await repos.portal.schoolOrder(schoolId);
  return { products: orderTiles(products, order, new Map()), order };
}

/** The school's tile order in the management screen: read, move one product, or clear (then: by use). */
export class PortalOrderService {
  constructor(private readonly uow: UnitOfWork) {}

  async list(schoolId: string): Promise<Array<{ product: Product; position: number | null }>> {
    return this.uow.run(async (repos) => {
      const { products, order } = await schoolProducts(repos, schoolId);
      return products.map((product) => ({ product, position: order.get(product.id) ?? null }));
    });
  }

  /**
   * Moves one product and stores the whole list as the school's order (a school that starts ordering
   * orders all its tiles: the order shown is the order stored). Audited with the new order.
   */
  async move(schoolId: string, productId: string, move: TileMove, actor: Actor): Promise<void> {
    await this.uow.run(async (repos) => {
      const { products } = await schoolProducts(repos, schoolId);
      const ids = products.map((p) => p.id);
      const at = isUuid(productId) ? ids.indexOf(productId) : -1;
      if (at < 0) throw new NotFoundError('Dit lesmateriaal heeft de school niet. / The school has no such learning material.');
      const to = move === 'first' ? 0 : move === 'up' ? Math.max(0, at - 1) : Math.min(ids.length - 1, at + 1);
      ids.splice(to, 0, ...ids.splice(at, 1));
      await repos.portal.setSchoolOrder(schoolId, ids);
      await repos.audit.record({
        actor,
        action: 'school.portal_order.set',
        outcome: 'success',
        schoolId,
        targetType: 'product',
        targetId: productId,
        details: { move, order: ids },
      });
    });
  }

  async clear(schoolId: string, actor: Actor): Promise<void> {
    await this.uow.run(async (repos) => {
      await repos.portal.setSchoolOrder(schoolId, []);
      await repos.audit.record({ actor, action: 'school.portal_order.clear', outcome: 'success', schoolId, details: {} });
    });
  }
}

import type { EntityManager } from 'typeorm';
import type { ProductIconRepository } from '../../domain/licensing/ports';
import type { ProductIcon } from '../../domain/model';

export class TypeOrmProductIconRepository implements ProductIconRepository {
  constructor(private readonly em: EntityManager) {}

  async put(productId: string, icon: ProductIcon & { sourceUrl: string }): Promise<void> {
    await this.em.query(
      `INSERT INTO product_icons (product_id, content_type, data, sha256, source_url) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (product_id) DO UPDATE SET content_type = EXCLUDED.content_type, data = EXCLUDED.data, sha256 = EXCLUDED.sha256, source_url = EXCLUDED.source_url, fetched_at = now()`,
      [productId, icon.contentType, icon.data, icon.sha256, icon.sourceUrl],
    );
  }

  async find(productId: string): Promise<ProductIcon | null> {
    const rows: Array<{ content_type: ProductIcon['contentType']; data: Buffer | Uint8Array; sha256: string }> = await this.em.query(
      'SELECT content_type, data, sha256 FROM product_icons WHERE product_id = $1',
      [productId],
    );
    const r = rows[0];
    return r ? { contentType: r.content_type, data: Buffer.from(r.data), sha256: r.sha256 } : null;
  }

  async present(productIds: readonly string[]): Promise<Set<string>> {
    if (productIds.length === 0) return new Set();
    const rows: Array<{ product_id: string }> = await this.em.query(
      'SELECT product_id FROM product_icons WHERE product_id = ANY($1::uuid[])',
      [[...productIds]],
    );
    return new Set(rows.map((r) => r.product_id));
  }
}

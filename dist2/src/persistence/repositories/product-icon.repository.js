"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmProductIconRepository = void 0;
class TypeOrmProductIconRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async put(productId, icon) {
        await this.em.query(`INSERT INTO product_icons (product_id, content_type, data, sha256, source_url) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (product_id) DO UPDATE SET content_type = EXCLUDED.content_type, data = EXCLUDED.data, sha256 = EXCLUDED.sha256, source_url = EXCLUDED.source_url, fetched_at = now()`, [productId, icon.contentType, icon.data, icon.sha256, icon.sourceUrl]);
    }
    async find(productId) {
        const rows = await this.em.query('SELECT content_type, data, sha256 FROM product_icons WHERE product_id = $1', [productId]);
        const r = rows[0];
        return r ? { contentType: r.content_type, data: Buffer.from(r.data), sha256: r.sha256 } : null;
    }
    async present(productIds) {
        if (productIds.length === 0)
            return new Set();
        const rows = await this.em.query('SELECT product_id FROM product_icons WHERE product_id = ANY($1::uuid[])', [[...productIds]]);
        return new Set(rows.map((r) => r.product_id));
    }
}
exports.TypeOrmProductIconRepository = TypeOrmProductIconRepository;
//# sourceMappingURL=product-icon.repository.js.map
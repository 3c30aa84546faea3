"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmRateLimitRepository = void 0;
class TypeOrmRateLimitRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async hit(clientId, windowStart) {
        const rows = await this.em.query(`INSERT INTO api_rate_windows (client_id, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (client_id, window_start) DO UPDATE SET hits = api_rate_windows.hits + 1
       RETURNING hits`, [clientId, windowStart]);
        if (Math.random() < 0.01)
            await this.em.query("DELETE FROM api_rate_windows WHERE window_start < now() - interval '1 hour'");
        return Number(rows[0].hits);
    }
}
exports.TypeOrmRateLimitRepository = TypeOrmRateLimitRepository;
//# sourceMappingURL=rate-limit.repository.js.map
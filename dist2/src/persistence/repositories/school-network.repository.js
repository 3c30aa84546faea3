"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TypeOrmSchoolNetworkRepository = void 0;
class TypeOrmSchoolNetworkRepository {
    em;
    constructor(em) {
        this.em = em;
    }
    async replace(schoolId, networks) {
        await this.em.query('DELETE FROM school_networks WHERE school_id = $1', [schoolId]);
        for (const network of new Set(networks))
            await this.em.query('INSERT INTO school_networks (school_id, network) VALUES ($1, $2::cidr)', [schoolId, network]);
    }
    async list(schoolId) {
        const rows = await this.em.query('SELECT network::text AS network FROM school_networks WHERE school_id = $1 ORDER BY network', [schoolId]);
        return rows.map((r) => r.network);
    }
    async isSchoolAddress(address) {
        const rows = await this.em.query('SELECT 1 FROM school_networks WHERE network >>= $1::inet LIMIT 1', [address]);
        return rows.length > 0;
    }
}
exports.TypeOrmSchoolNetworkRepository = TypeOrmSchoolNetworkRepository;
//# sourceMappingURL=school-network.repository.js.map
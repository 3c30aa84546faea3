import type { EntityManager } from 'typeorm';
import type { SchoolNetworkRepository } from '../../domain/identity/ports';

export class TypeOrmSchoolNetworkRepository implements SchoolNetworkRepository {
  constructor(private readonly em: EntityManager) {}

  async replace(schoolId: string, networks: readonly string[]): Promise<void> {
    await this.em.query('DELETE FROM school_networks WHERE school_id = $1', [schoolId]);
    for (const network of new Set(networks))
      await this.em.query('INSERT INTO school_networks (school_id, network) VALUES ($1, $2::cidr)', [schoolId, network]);
  }

  async list(schoolId: string): Promise<string[]> {
    const rows: Array<{ network: string }> = await this.em.query(
      'SELECT network::text AS network FROM school_networks WHERE school_id = $1 ORDER BY network',
      [schoolId],
    );
    return rows.map((r) => r.network);
  }

  async isSchoolAddress(address: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query('SELECT 1 FROM school_networks WHERE network >>= $1::inet LIMIT 1', [address]);
    return rows.length > 0;
  }
}

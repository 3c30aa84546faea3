import type { EntityManager } from 'typeorm';
import type { AffectedKind, AffectedSchool, Breach, BreachNature, NewBreach } from '../../domain/breaches/model';
import type { BreachRepository } from '../../domain/breaches/ports';
import { affectedRows } from './sql';

type Row = {
  id: string;
  detected_at: Date;
  summary: string;
  natures: string[] | string;
  cause: string;
  measures: string;
  affected_schools: AffectedSchool[] | string;
  affected_kinds: string[] | string;
  data_categories: string[] | string;
  access_data_affected: boolean;
  recorded_at: Date;
  recorded_by: string;
  confirmed_at: Date | null;
  confirmed_by: string | null;
  notified_at: Date | null;
  notified_by: string | null;
  delegates_notified: number | null;
};

/** text[] arrives as an array from node-postgres, as '{a,b}' from some drivers; the values here never need quoting. */
const textArray = (v: string[] | string): string[] =>
  Array.isArray(v) ? v : v.replace(/^\{|\}$/g, '') === '' ? [] : v.replace(/^\{|\}$/g, '').split(',');
const date = (v: Date | null) => (v ? new Date(v) : null);

const toBreach = (r: Row): Breach => ({
  id: r.id,
  detectedAt: new Date(r.detected_at),
  summary: r.summary,
  natures: textArray(r.natures) as BreachNature[],
  cause: r.cause,
  measures: r.measures,
  affectedSchools: typeof r.affected_schools === 'string' ? JSON.parse(r.affected_schools) : r.affected_schools,
  affectedKinds: textArray(r.affected_kinds) as AffectedKind[],
  dataCategories: textArray(r.data_categories),
  accessDataAffected: r.access_data_affected,
  recordedAt: new Date(r.recorded_at),
  recordedBy: r.recorded_by,
  confirmedAt: date(r.confirmed_at),
  confirmedBy: r.confirmed_by,
  notifiedAt: date(r.notified_at),
  notifiedBy: r.notified_by,
  delegatesNotified: r.delegates_notified,
});

export class TypeOrmBreachRepository implements BreachRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(b: NewBreach): Promise<Breach> {
    const rows: Row[] = await this.em.query(
      `INSERT INTO breaches (detected_at, summary, natures, cause, measures, affected_schools, affected_kinds, data_categories,
         access_data_affected, recorded_by)
       VALUES ($1, $2, $3::text[], $4, $5, $6::jsonb, $7::text[], $8::text[], $9, $10) RETURNING *`,
      [
        b.detectedAt,
        b.summary,
        [...b.natures],
        b.cause,
        b.measures,
        JSON.stringify(b.affectedSchools),
        [...b.affectedKinds],
        [...b.dataCategories],
        b.accessDataAffected,
        b.recordedBy,
      ],
    );
    return toBreach(rows[0]!);
  }

  async findById(id: string): Promise<Breach | null> {
    const rows: Row[] = await this.em.query('SELECT * FROM breaches WHERE id = $1', [id]);
    return rows[0] ? toBreach(rows[0]) : null;
  }

  async list(limit: number): Promise<Breach[]> {
    const rows: Row[] = await this.em.query('SELECT * FROM breaches ORDER BY detected_at DESC, id LIMIT $1', [limit]);
    return rows.map(toBreach);
  }

  async confirm(id: string, at: Date, by: string): Promise<boolean> {
    return (
      (await affectedRows(this.em, 'UPDATE breaches SET confirmed_at = $2, confirmed_by = $3 WHERE id = $1 AND confirmed_at IS NULL', [
        id,
        at,
        by,
      ])) === 1
    );
  }

  async markNotified(id: string, at: Date, by: string, delegates: number): Promise<boolean> {
    return (
      (await affectedRows(
        this.em,
        `UPDATE breaches SET notified_at = $2, notified_by = $3, delegates_notified = $4
         WHERE id = $1 AND confirmed_at IS NOT NULL AND notified_at IS NULL`,
        [id, at, by, delegates],
      )) === 1
    );
  }
}

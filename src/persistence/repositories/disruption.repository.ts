import type { EntityManager } from 'typeorm';
import type { DisruptionRepository } from '../../domain/disruptions/ports';
import type { Disruption } from '../../domain/model';
import { fieldCipher } from '../field-encryption';
import { affectedRows } from './sql';

type Row = {
  id: string;
  school_id: string | null;
  channel: Disruption['channel'];
  description_enc: string;
  reported_at: Date;
  reported_by: string;
  acknowledged_at: Date | null;
  public_text_nl: string | null;
  public_text_en: string | null;
  estimated_repair_at: Date | null;
  estimate_given_at: Date | null;
  resolved_at: Date | null;
};

const date = (d: Date | null) => (d ? new Date(d) : null);
const toDisruption = (r: Row): Disruption => ({
  id: r.id,
  schoolId: r.school_id,
  channel: r.channel,
  description: fieldCipher().decrypt(r.description_enc, 'disruptions.description'),
  reportedAt: new Date(r.reported_at),
  reportedBy: r.reported_by,
  acknowledgedAt: date(r.acknowledged_at),
  publicTextNl: r.public_text_nl,
  publicTextEn: r.public_text_en,
  estimatedRepairAt: date(r.estimated_repair_at),
  estimateGivenAt: date(r.estimate_given_at),
  resolvedAt: date(r.resolved_at),
});

export class TypeOrmDisruptionRepository implements DisruptionRepository {
  constructor(private readonly em: EntityManager) {}

  async insert(d: {
    schoolId: string | null;
    channel: Disruption['channel'];
    description: string;
    reportedAt: Date;
    reportedBy: string;
  }): Promise<Disruption> {
    const rows: Row[] = await this.em.query(
      `INSERT INTO disruptions (school_id, channel, description_enc, reported_at, reported_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [d.schoolId, d.channel, fieldCipher().encrypt(d.description, 'disruptions.description'), d.reportedAt, d.reportedBy],
    );
    return toDisruption(rows[0]!);
  }

  async findById(id: string): Promise<Disruption | null> {
    const rows: Row[] = await this.em.query('SELECT * FROM disruptions WHERE id = $1', [id]);
    return rows[0] ? toDisruption(rows[0]) : null;
  }

  async listOpen(): Promise<Disruption[]> {
    const rows: Row[] = await this.em.query('SELECT * FROM disruptions WHERE resolved_at IS NULL ORDER BY reported_at, id');
    return rows.map(toDisruption);
  }

  async listBySchool(schoolId: string, limit: number): Promise<Disruption[]> {
    const rows: Row[] = await this.em.query('SELECT * FROM disruptions WHERE school_id = $1 ORDER BY reported_at DESC, id LIMIT $2', [
      schoolId,
      limit,
    ]);
    return rows.map(toDisruption);
  }

  async acknowledge(id: string, texts: { nl: string; en: string }, at: Date, by: string): Promise<boolean> {
    return (
      (await affectedRows(
        this.em,
        `UPDATE disruptions SET acknowledged_at = $2, acknowledged_by = $3, public_text_nl = $4, public_text_en = $5
         WHERE id = $1 AND acknowledged_at IS NULL AND resolved_at IS NULL`,
        [id, at, by, texts.nl, texts.en],
      )) === 1
    );
  }

  async estimate(id: string, repairAt: Date, at: Date): Promise<boolean> {
    return (
      (await affectedRows(
        this.em,
        // The first estimate's time is what the deadline is measured against; a later one only moves the repair time.
        'UPDATE disruptions SET estimated_repair_at = $2, estimate_given_at = COALESCE(estimate_given_at, $3) WHERE id = $1 AND acknowledged_at IS NOT NULL AND resolved_at IS NULL',
        [id, repairAt, at],
      )) === 1
    );
  }

  async resolve(id: string, at: Date, by: string): Promise<boolean> {
    return (
      (await affectedRows(this.em, 'UPDATE disruptions SET resolved_at = $2, resolved_by = $3 WHERE id = $1 AND resolved_at IS NULL', [
        id,
        at,
        by,
      ])) === 1
    );
  }
}

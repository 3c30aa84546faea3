import type { EntityManager } from 'typeorm';

/** Runs an UPDATE or DELETE and returns how many rows it changed (TypeORM answers [rows, count] on both backends). */
export async function affectedRows(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const [, affected] = (await em.query(sql, params)) as [unknown[], number];
  return affected;
}

import type { Breach, NewBreach } from './model';

/** The breach register. persistence/ implements this for PostgreSQL and PGlite. */
export interface BreachRepository {
  insert(b: NewBreach): Promise<Breach>;
  findById(id: string): Promise<Breach | null>;
  /** Latest detected first. */
  list(limit: number): Promise<Breach[]>;
  /** Marks a breach confirmed; false when it already was (nothing changed: two confirmations cannot both start the clock). */
  confirm(id: string, at: Date, by: string): Promise<boolean>;
  /** Marks a confirmed breach notified; false when it was not confirmed or already notified (nothing changed). */
  markNotified(id: string, at: Date, by: string, delegates: number): Promise<boolean>;
}

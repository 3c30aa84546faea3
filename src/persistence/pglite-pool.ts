import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';

/**
 * A `pg`-shaped driver module over one PGlite instance, for TypeORM's postgres driver (`driver:` option).
 *
 * Why not typeorm-pglite: it keeps one global PGlite per process and hands the same client to every
 * caller at once, so two concurrent transactions interleave on one session (a rollback undoes the other
 * caller's writes); it also reports no rowCount, so TypeORM's `affected` is always undefined.
 *
 * PGlite is a single session, so this pool holds exactly one client and lends it to one borrower at a
 * time (like `pg.Pool({ max: 1 })`): a TypeORM transaction owns the session from BEGIN to COMMIT, and
 * every other query waits for it. Correct isolation, one transaction at a time.
 */

type QueryCallback = (err: Error | null, result?: unknown) => void;

const MULTI_STATEMENT = /cannot insert multiple commands into a prepared statement/i;

function normalise(result: Results<Record<string, unknown>>, sql: string) {
  const command = (result as { command?: string }).command ?? sql.trim().split(/\s+/, 1)[0]!.toUpperCase();
  const rowCount = command === 'SELECT' ? result.rows.length : (result.affectedRows ?? result.rows.length);
  return { rows: result.rows, fields: result.fields, command, rowCount };
}

class PGliteClient extends EventEmitter {
  constructor(private readonly db: PGlite) {
    super();
  }

  async query(sql: string, params?: unknown[] | QueryCallback, callback?: QueryCallback) {
    const cb = typeof params === 'function' ? params : callback;
    const values = Array.isArray(params) ? params : [];
    try {
      let result: Results<Record<string, unknown>>;
      try {
        result = await this.db.query<Record<string, unknown>>(sql, values);
      } catch (e) {
        // TypeORM issues a few multi-statement strings without parameters; PGlite's extended protocol
        // refuses those, its simple-query `exec` runs them and returns one result per statement.
        if (values.length > 0 || !MULTI_STATEMENT.test((e as Error).message)) throw e;
        const all = await this.db.exec(sql);
        result = all[all.length - 1] ?? { rows: [], fields: [] };
      }
      const normalised = normalise(result, sql);
      cb?.(null, normalised);
      return normalised;
    } catch (e) {
      cb?.(e as Error);
      throw e;
    }
  }
}

type ConnectCallback = (err: Error | null, client: PGliteClient | null, release: (err?: unknown) => void) => void;

export function pgliteDriverModule(db: PGlite) {
  const client = new PGliteClient(db);
  let busy = false;
  const waiting: Array<() => void> = [];

  const acquire = (): Promise<() => void> =>
    new Promise((resolve) => {
      const grant = () => {
        busy = true;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          busy = false;
          waiting.shift()?.();
        });
      };
      if (busy) waiting.push(grant);
      else grant();
    });

  class Pool extends EventEmitter {
    // biome-ignore lint/suspicious/noConfusingVoidType: pg's Pool.connect signature (promise without callback, nothing with one)
    connect(callback?: ConnectCallback): Promise<PGliteClient> | void {
      const lease = acquire();
      if (!callback) return lease.then(() => client);
      lease.then(
        (release) => callback(null, client, release),
        (e: Error) => callback(e, null, () => undefined),
      );
    }

    async query(sql: string, params?: unknown[]) {
      const release = await acquire();
      try {
        return await client.query(sql, params);
      } finally {
        release();
      }
    }

    end(callback?: (err?: Error | null) => void): Promise<void> {
      const closing = db.close();
      closing.then(
        () => callback?.(null),
        (e: Error) => callback?.(e),
      );
      return closing;
    }
  }

  return { Pool };
}

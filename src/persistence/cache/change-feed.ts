import type { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import type { Logger } from '../../logger';

/** The channel the change triggers notify on (migration ChangeNotifications). */
export const CHANGE_CHANNEL = 'leerpoort_changes';

/** What the feed tells its listener: a table changed, or changes may have been missed (start over). */
export type ChangeEvent =
  | { readonly kind: 'table'; readonly table: string }
  | { readonly kind: 'sync'; readonly token: string }
  | { readonly kind: 'lost' }
  | { readonly kind: 'live' };

export interface ChangeFeed {
  start(listener: (event: ChangeEvent) => void): Promise<void>;
  stop(): Promise<void>;
}

const parse = (payload: string): ChangeEvent =>
  payload.startsWith('sync:') ? { kind: 'sync', token: payload.slice(5) } : { kind: 'table', table: payload };

/**
 * PostgreSQL: one dedicated connection LISTENs (outside the pool, so it is always idle and receives at
 * once). When it breaks, the listener hears 'lost' (and stops trusting what it cached) until a new
 * connection listens again ('live').
 */
export class PostgresChangeFeed implements ChangeFeed {
  private client: Client | null = null;
  private stopped = false;
  private retryMs = 250;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  async start(listener: (event: ChangeEvent) => void): Promise<void> {
    const connect = async (): Promise<void> => {
      const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 5000 });
      const lost = (e?: Error) => {
        if (this.client !== client) return;
        this.client = null;
        listener({ kind: 'lost' });
        client.end().catch(() => undefined);
        if (this.stopped) return;
        this.logger.warn({ err: e, retryInMs: this.retryMs }, 'change feed lost; caches bypassed until it is back');
        setTimeout(() => void connect().catch(() => undefined), this.retryMs).unref();
        this.retryMs = Math.min(this.retryMs * 2, 10_000);
      };
      client.on('notification', (n) => {
        if (n.channel === CHANGE_CHANNEL) listener(parse(n.payload ?? ''));
      });
      client.on('error', lost);
      client.on('end', () => lost());
      this.client = client;
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANGE_CHANNEL}`);
      } catch (e) {
        lost(e as Error);
        return;
      }
      this.retryMs = 250;
      listener({ kind: 'live' });
    };
    await connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

/** The embedded PGlite: the same triggers, heard through PGlite's own LISTEN. */
export class PGliteChangeFeed implements ChangeFeed {
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly db: PGlite) {}

  async start(listener: (event: ChangeEvent) => void): Promise<void> {
    this.unlisten = await this.db.listen(CHANGE_CHANNEL, (payload) => listener(parse(payload)));
    listener({ kind: 'live' });
  }

  async stop(): Promise<void> {
    await this.unlisten?.().catch(() => undefined);
    this.unlisten = null;
  }
}

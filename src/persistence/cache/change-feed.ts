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
 * Retries of a lost LISTEN connection start at this and double up to the cap. The cap is short: until
 * the feed listens again every cached read goes to the database, so after PostgreSQL restarts the feed
 * should be back within a couple of seconds; one connect attempt per process every 2 s costs nothing.
 */
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 2_000;

/**
 * PostgreSQL: one dedicated connection LISTENs (outside the pool, so it is always idle and receives at
 * once). When it breaks, the listener hears 'lost' (and stops trusting what it cached) until a new
 * connection listens again ('live', after which it starts over: notifications sent meanwhile are lost).
 */
export class PostgresChangeFeed implements ChangeFeed {
  private client: Client | null = null;
  private stopped = false;
  private retryMs = FIRST_RETRY_MS;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  async start(listener: (event: ChangeEvent) => void): Promise<void> {
    const connect = async (): Promise<void> => {
      // keepAlive: an idle LISTEN connection whose peer vanished without a reset is noticed at all.
      const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 5000, keepAlive: true });
      const lost = (e?: Error) => {
        if (this.client !== client) return;
        this.client = null;
        listener({ kind: 'lost' });
        client.end().catch(() => undefined);
        if (this.stopped) return;
        this.logger.warn({ err: e, retryInMs: this.retryMs }, 'change feed lost; caches bypassed until it is back');
        setTimeout(() => void connect().catch(() => undefined), this.retryMs).unref();
        this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
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
      this.retryMs = FIRST_RETRY_MS;
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

"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PGliteChangeFeed = exports.PostgresChangeFeed = exports.CHANGE_CHANNEL = void 0;
const pg_1 = require("pg");
/** The channel the change triggers notify on (migration ChangeNotifications). */
exports.CHANGE_CHANNEL = 'leerpoort_changes';
const parse = (payload) => payload.startsWith('sync:') ? { kind: 'sync', token: payload.slice(5) } : { kind: 'table', table: payload };
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
class PostgresChangeFeed {
    url;
    logger;
    client = null;
    stopped = false;
    retryMs = FIRST_RETRY_MS;
    constructor(url, logger) {
        this.url = url;
        this.logger = logger;
    }
    async start(listener) {
        const connect = async () => {
            // keepAlive: an idle LISTEN connection whose peer vanished without a reset is noticed at all.
            const client = new pg_1.Client({ connectionString: this.url, connectionTimeoutMillis: 5000, keepAlive: true });
            const lost = (e) => {
                if (this.client !== client)
                    return;
                this.client = null;
                listener({ kind: 'lost' });
                client.end().catch(() => undefined);
                if (this.stopped)
                    return;
                this.logger.warn({ err: e, retryInMs: this.retryMs }, 'change feed lost; caches bypassed until it is back');
                setTimeout(() => void connect().catch(() => undefined), this.retryMs).unref();
                this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
            };
            client.on('notification', (n) => {
                if (n.channel === exports.CHANGE_CHANNEL)
                    listener(parse(n.payload ?? ''));
            });
            client.on('error', lost);
            client.on('end', () => lost());
            this.client = client;
            try {
                await client.connect();
                await client.query(`LISTEN ${exports.CHANGE_CHANNEL}`);
            }
            catch (e) {
                lost(e);
                return;
            }
            this.retryMs = FIRST_RETRY_MS;
            listener({ kind: 'live' });
        };
        await connect();
    }
    async stop() {
        this.stopped = true;
        const client = this.client;
        this.client = null;
        await client?.end().catch(() => undefined);
    }
}
exports.PostgresChangeFeed = PostgresChangeFeed;
/** The embedded PGlite: the same triggers, heard through PGlite's own LISTEN. */
class PGliteChangeFeed {
    db;
    unlisten = null;
    constructor(db) {
        this.db = db;
    }
    async start(listener) {
        this.unlisten = await this.db.listen(exports.CHANGE_CHANNEL, (payload) => listener(parse(payload)));
        listener({ kind: 'live' });
    }
    async stop() {
        await this.unlisten?.().catch(() => undefined);
        this.unlisten = null;
    }
}
exports.PGliteChangeFeed = PGliteChangeFeed;
//# sourceMappingURL=change-feed.js.map
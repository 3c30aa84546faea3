"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
const chai_1 = require("chai");
const pg_1 = require("pg");
const logger_1 = require("../../src/logger");
const change_feed_1 = require("../../src/persistence/cache/change-feed");
const db_proxy_1 = require("../support/db-proxy");
const env_1 = require("../support/env");
const postgres_1 = require("../support/postgres");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/**
 * The change feed's LISTEN connection after an outage of several seconds: it says 'lost' at once (the
 * caches stop trusting what they hold) and listens again within a few seconds of the database being
 * back — a hub must not serve uncached for long after a restart of PostgreSQL.
 */
describe('change feed: the LISTEN connection comes back after a database outage (PostgreSQL through a proxy)', function () {
    this.timeout(60_000);
    const url = (0, postgres_1.siblingDatabaseUrl)('_feed');
    let proxy;
    before(async function () {
        const problem = await (0, postgres_1.postgresProblem)();
        if (problem) {
            if (env_1.testEnv.isCI)
                throw new Error(`CI=true requires PostgreSQL: ${problem}`);
            postgres_1.skippedSuites.add(`change feed reconnect: ${problem}`);
            this.skip();
        }
        await (0, postgres_1.resetPostgresDatabase)(url);
        proxy = await db_proxy_1.DbProxy.start(url);
    });
    after(async () => proxy?.close());
    it('lost at once, live again within 3 s after a 9 s outage, and it hears changes again', async () => {
        const events = [];
        const feed = new change_feed_1.PostgresChangeFeed(proxy.urlFor(url), (0, logger_1.createLogger)({ logLevel: 'silent' }, 2));
        await feed.start((event) => events.push({ at: Date.now(), event }));
        try {
            (0, chai_1.expect)(events.map((e) => e.event.kind)).to.deep.equal(['live']);
            await proxy.cut('refuse');
            await sleep(200);
            (0, chai_1.expect)(events.at(-1)?.event.kind, 'lost as soon as the connection breaks').to.equal('lost');
            await sleep(8800);
            await proxy.restore();
            const restored = Date.now();
            while (events.at(-1)?.event.kind !== 'live' && Date.now() - restored < 12_000)
                await sleep(50);
            (0, chai_1.expect)(events.at(-1)?.event.kind).to.equal('live');
            (0, chai_1.expect)(events.at(-1).at - restored, 'ms from restore to listening again').to.be.below(3000);
            const direct = new pg_1.Client({ connectionString: url });
            await direct.connect();
            await direct.query('SELECT pg_notify($1, $2)', [change_feed_1.CHANGE_CHANNEL, 'schools']);
            await direct.end();
            const sent = Date.now();
            while (!events.some((e) => e.event.kind === 'table') && Date.now() - sent < 2000)
                await sleep(20);
            (0, chai_1.expect)(events.at(-1)?.event).to.deep.equal({ kind: 'table', table: 'schools' });
        }
        finally {
            await feed.stop();
        }
    });
});
//# sourceMappingURL=change-feed-reconnect.test.js.map
import { expect } from 'chai';
import { Client } from 'pg';
import { createLogger } from '../../src/logger';
import { CHANGE_CHANNEL, type ChangeEvent, PostgresChangeFeed } from '../../src/persistence/cache/change-feed';
import { DbProxy } from '../support/db-proxy';
import { testEnv } from '../support/env';
import { postgresProblem, resetPostgresDatabase, siblingDatabaseUrl, skippedSuites } from '../support/postgres';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The change feed's LISTEN connection after an outage of several seconds: it says 'lost' at once (the
 * caches stop trusting what they hold) and listens again within a few seconds of the database being
 * back — a hub must not serve uncached for long after a restart of PostgreSQL.
 */
describe('change feed: the LISTEN connection comes back after a database outage (PostgreSQL through a proxy)', function () {
  this.timeout(60_000);
  const url = siblingDatabaseUrl('_feed');
  let proxy: DbProxy;

  before(async function () {
    const problem = await postgresProblem();
    if (problem) {
      if (testEnv.isCI) throw new Error(`CI=true requires PostgreSQL: ${problem}`);
      skippedSuites.add(`change feed reconnect: ${problem}`);
      this.skip();
    }
    await resetPostgresDatabase(url);
    proxy = await DbProxy.start(url);
  });
  after(async () => proxy?.close());

  it('lost at once, live again within 3 s after a 9 s outage, and it hears changes again', async () => {
    const events: Array<{ at: number; event: ChangeEvent }> = [];
    const feed = new PostgresChangeFeed(proxy.urlFor(url), createLogger({ logLevel: 'silent' }, 2));
    await feed.start((event) => events.push({ at: Date.now(), event }));
    try {
      expect(events.map((e) => e.event.kind)).to.deep.equal(['live']);
      await proxy.cut('refuse');
      await sleep(200);
      expect(events.at(-1)?.event.kind, 'lost as soon as the connection breaks').to.equal('lost');
      await sleep(8800);
      await proxy.restore();
      const restored = Date.now();
      while (events.at(-1)?.event.kind !== 'live' && Date.now() - restored < 12_000) await sleep(50);
      expect(events.at(-1)?.event.kind).to.equal('live');
      expect(events.at(-1)!.at - restored, 'ms from restore to listening again').to.be.below(3000);

      const direct = new Client({ connectionString: url });
      await direct.connect();
      await direct.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, 'schools']);
      await direct.end();
      const sent = Date.now();
      while (!events.some((e) => e.event.kind === 'table') && Date.now() - sent < 2000) await sleep(20);
      expect(events.at(-1)?.event).to.deep.equal({ kind: 'table', table: 'schools' });
    } finally {
      await feed.stop();
    }
  });
});

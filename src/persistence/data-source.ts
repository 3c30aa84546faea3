import type { PGlite } from '@electric-sql/pglite';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import type { FieldCipher } from '../crypto/field-cipher';
import { UnavailableError } from '../domain/errors';
import type { Repositories, UnitOfWork } from '../domain/ports';
import { acquireEmbeddedLock, type EmbeddedLock } from './embedded-lock';
import { openPGlite, prepareDataDir } from './embedded-folder';
import { entities } from './entities';
import { installFieldCipher } from './field-encryption';
import { SnakeNamingStrategy } from './naming-strategy';
import { pgliteDriverModule } from './pglite-pool';
import { repositoriesFor } from './repositories';
import { CHANGE_CHANNEL, type ChangeFeed, PGliteChangeFeed, PostgresChangeFeed } from './cache/change-feed';
import { RepositoryCache } from './cache/repository-cache';
import { GroupCommitRecorder } from './group-commit';
import type { ReleaseRecorder } from '../domain/audit/ports';
import type { Logger } from '../logger';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /** dataDir null: in memory (tests). */
  | { kind: 'pglite'; dataDir: string | null };

export interface Database {
  readonly kind: DatabaseTarget['kind'];
  readonly dataSource: DataSource;
  /** Repositories outside any transaction (single reads and writes); with `cache`, rarely-changing reads are cached. */
  readonly repositories: Repositories;
  /** The SSO hot path's group-committed write (replay entry, ledger row, audit event). */
  readonly recorder: ReleaseRecorder;
  /**
   * Resolves once every change committed before the call has reached this process's cache (at once
   * without a cache). For a reader that must see a write made elsewhere a moment ago.
   */
  settled(): Promise<void>;
  readonly unitOfWork: UnitOfWork;
  migrate(): Promise<string[]>;
  revertLastMigration(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function targetFromConfig(config: { databaseUrl: string | undefined; dataDir: string }): DatabaseTarget {
  return config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir };
}

export interface DatabaseOptions {
  /** Cache rarely-changing reads in this process, kept fresh by the change feed (hub processes). */
  readonly cache?: { readonly logger: Logger };
}

export async function openDatabase(target: DatabaseTarget, cipher: FieldCipher, opts: DatabaseOptions = {}): Promise<Database> {
  installFieldCipher(cipher);
  const common = {
    type: 'postgres' as const,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is built in (PostgreSQL ≥ 13, PGlite); never CREATE EXTENSION at run time.
    installExtensions: false,
    uuidExtension: 'pgcrypto' as const,
    logging: false,
  };

  let lock: EmbeddedLock | null = null;
  let pglite: PGlite | null = null;
  let options: DataSourceOptions;
  if (target.kind === 'postgres') {
    options = { ...common, url: target.url, extra: { max: 10, connectionTimeoutMillis: 10_000 } };
  } else {
    if (target.dataDir !== null) {
      prepareDataDir(target.dataDir);
      lock = acquireEmbeddedLock(target.dataDir);
    }
    let db: PGlite;
    try {
      db = await openPGlite(target.dataDir);
    } catch (e) {
      lock?.release();
      throw e;
    }
    pglite = db;
    options = { ...common, driver: pgliteDriverModule(db) };
  }

  const dataSource = new DataSource(options);
  try {
    await dataSource.initialize();
  } catch (e) {
    lock?.release();
    const where = target.kind === 'postgres' ? target.url.replace(/\/\/[^@/]*@/, '//***@') : 'the embedded database';
    throw new UnavailableError(`cannot connect to ${where}: ${(e as Error).message}`);
  }

  const cache = opts.cache ? new RepositoryCache() : null;
  const feed: ChangeFeed | null = opts.cache
    ? pglite
      ? new PGliteChangeFeed(pglite)
      : new PostgresChangeFeed((target as { url: string }).url, opts.cache.logger)
    : null;
  await feed?.start(cache!.onChange);

  const unitOfWork: UnitOfWork = {
    run: async (work) => {
      const result = await dataSource.transaction((manager) => work(repositoriesFor(manager)));
      // Whatever the transaction changed, this process reads it fresh from now on (others hear the triggers).
      cache?.clear();
      return result;
    },
  };
  const plain = repositoriesFor(dataSource.manager);

  return {
    kind: target.kind,
    dataSource,
    repositories: cache ? cache.wrap(plain) : plain,
    recorder: new GroupCommitRecorder(dataSource),
    settled: () =>
      cache
        ? cache.settled(async (payload) => void (await dataSource.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, payload])))
        : Promise.resolve(),
    unitOfWork,
    async migrate() {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      cache?.clear();
      return ran.map((m) => m.name);
    },
    async revertLastMigration() {
      await dataSource.undoLastMigration({ transaction: 'each' });
    },
    async ping() {
      await dataSource.query('SELECT 1');
    },
    async close() {
      await feed?.stop();
      try {
        if (dataSource.isInitialized) await dataSource.destroy();
      } finally {
        lock?.release();
      }
    },
  };
}

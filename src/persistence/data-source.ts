import type { PGlite } from '@electric-sql/pglite';
import { DataSource, type DataSourceOptions, MigrationExecutor } from 'typeorm';
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
import type { AuditEventInput, ReleaseLedgerEntryInput } from '../domain/model';
import type { Logger } from '../logger';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  /**
   * dataDir null: in memory (tests). `loadDataDir`, in memory only: PGlite's dump of a data folder to start
   * from (tests start from a migrated snapshot instead of running initdb and every migration per suite).
   */
  | { kind: 'pglite'; dataDir: string | null; loadDataDir?: Blob };

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
  /** The PostgreSQL pool's connections now (null on PGlite: one in-process session, no pool). */
  poolStats(): { total: number; idle: number; waiting: number } | null;
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
  /** The PostgreSQL pool (config's DATABASE_POOL_*); PGlite is one in-process session and has none. */
  readonly pool?: PoolOptions;
  /**
   * Told of every audit event once it is committed (monitoring counts logins and SSO from them: the one
   * place every method already reports to). Events of a rolled-back transaction are never told.
   */
  readonly onAudit?: (event: AuditEventInput) => void;
}

export interface PoolOptions {
  readonly size: number;
  /** The longest wait for a free connection, or for a new one to connect (pg-pool's connectionTimeoutMillis covers both). */
  readonly waitMs: number;
  /**
   * PostgreSQL's statement_timeout on every pooled connection (null: none). Given to serving processes
   * only: a login must fail fast rather than hold a connection, while CLI jobs (imports, retention) may
   * legitimately run long statements. Migrations lift it on their own session (see migrate()).
   */
  readonly statementTimeoutMs: number | null;
}

const DEFAULT_POOL: PoolOptions = { size: 10, waitMs: 5_000, statementTimeoutMs: null };

/**
 * The advisory lock every migration run holds (a fixed key, "LPMI"): separate processes migrating one
 * database at once take turns — one applies, the next finds nothing pending. TypeORM takes no lock of
 * its own, and two runs would otherwise race on the same CREATE TABLE.
 */
const MIGRATION_LOCK_KEY = 0x4c504d49;

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
    const pool = opts.pool ?? DEFAULT_POOL;
    options = {
      ...common,
      url: target.url,
      extra: {
        max: pool.size,
        connectionTimeoutMillis: pool.waitMs,
        // Sent at connect as a session default: every statement on these connections is cut off after it.
        ...(pool.statementTimeoutMs !== null ? { statement_timeout: pool.statementTimeoutMs } : {}),
      },
    };
  } else {
    if (target.dataDir !== null) {
      prepareDataDir(target.dataDir);
      lock = acquireEmbeddedLock(target.dataDir);
    }
    let db: PGlite;
    try {
      db = await openPGlite(target.dataDir, target.loadDataDir);
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
    // The driver's error stays attached: the CLI tells "unreachable, try again" from the code it carries.
    throw Object.assign(new UnavailableError(`cannot connect to ${where}: ${(e as Error).message}`), { cause: e });
  }

  const cache = opts.cache ? new RepositoryCache() : null;
  const feed: ChangeFeed | null = opts.cache
    ? pglite
      ? new PGliteChangeFeed(pglite)
      : new PostgresChangeFeed((target as { url: string }).url, opts.cache.logger)
    : null;
  await feed?.start(cache!.onChange);

  const tell = opts.onAudit;
  const unitOfWork: UnitOfWork = {
    run: async (work) => {
      const told: AuditEventInput[] = [];
      const result = await dataSource.transaction((manager) =>
        work(tell ? tappedAudit(repositoriesFor(manager), (e) => told.push(e)) : repositoriesFor(manager)),
      );
      // Whatever the transaction changed, this process reads it fresh from now on (others hear the triggers).
      cache?.clear();
      if (tell) for (const e of told) tell(e);
      return result;
    },
  };
  const plain = tell ? tappedAudit(repositoriesFor(dataSource.manager), tell) : repositoriesFor(dataSource.manager);
  const groupCommit = new GroupCommitRecorder(dataSource);
  const recorder: ReleaseRecorder = tell
    ? {
        record: async (entry) => {
          const outcome = await groupCommit.record(entry);
          if (outcome === 'recorded') tell(entry.audit);
          return outcome;
        },
      }
    : groupCommit;

  return {
    kind: target.kind,
    dataSource,
    repositories: cache ? cache.wrap(plain) : plain,
    recorder,
    poolStats: () => {
      // node-postgres's Pool behind TypeORM's driver; PGlite has none.
      const pool = (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
      return target.kind === 'postgres' && pool && typeof pool.totalCount === 'number'
        ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }
        : null;
    },
    settled: () =>
      cache
        ? cache.settled(async (payload) => void (await dataSource.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, payload])))
        : Promise.resolve(),
    unitOfWork,
    async migrate() {
      // One session for the lock, the check and the migrations (a session-level advisory lock belongs to
      // its connection). Waiting for another process's run, and a long migration, must not be cut off by
      // a serving pool's statement_timeout: lifted here, restored before the connection goes back.
      const runner = dataSource.createQueryRunner();
      try {
        await runner.query('SET statement_timeout = 0');
        await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          const executor = new MigrationExecutor(dataSource, runner);
          executor.transaction = 'each';
          const ran = await executor.executePendingMigrations();
          return ran.map((m) => m.name);
        } finally {
          // These fail only on a broken connection, which the pool discards (and the lock ends with it).
          await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
          await runner.query('RESET statement_timeout').catch(() => undefined);
        }
      } finally {
        await runner.release();
        cache?.clear();
      }
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

/**
 * The repositories with their audit writes also told to `tell` (after the write succeeded). The wrappers
 * inherit from the repositories themselves, so every other method (and any added later) stays as it is.
 */
function tappedAudit(repos: Repositories, tell: (event: AuditEventInput) => void): Repositories {
  const audit: Repositories['audit'] = Object.create(repos.audit);
  audit.record = async (event: AuditEventInput) => {
    await repos.audit.record(event);
    tell(event);
  };
  const ledger: Repositories['ledger'] = Object.create(repos.ledger);
  ledger.recordWithAudit = async (entry: ReleaseLedgerEntryInput, event: AuditEventInput) => {
    await repos.ledger.recordWithAudit(entry, event);
    tell(event);
  };
  return Object.freeze({ ...repos, audit, ledger });
}

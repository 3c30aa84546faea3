import crypto from 'node:crypto';
import type { Repositories } from '../../domain/ports';
import type { ChangeEvent } from './change-feed';

/**
 * What each hub process may keep in memory, and which tables each read depends on: data that rarely
 * changes and that the SSO hot path reads (schools and their networks, people and groups, participants,
 * products, SPs, licences, activations). A change anywhere — any process, the CLI, a DBA — reaches every
 * process through the change feed (triggers + LISTEN/NOTIFY) and drops the reads of that table; a write
 * through this process drops them at once. Without a live change feed nothing is cached.
 */
const CACHE_PLAN: Partial<Record<keyof Repositories, Record<string, readonly string[]>>> = {
  schools: { findById: ['schools'], findByBrin: ['schools'], list: ['schools'] },
  schoolNetworks: { list: ['school_networks'], isSchoolAddress: ['school_networks'] },
  people: { findById: ['people'], activeIds: ['people'] },
  groups: { findById: ['groups'], listBySchool: ['groups'], membershipsOf: ['group_memberships'], memberIds: ['group_memberships'] },
  participants: { findById: ['participants'], findByName: ['participants'], list: ['participants'] },
  products: { listByParticipant: ['products'], findAllByIds: ['products'], findByName: ['products'], findAllByName: ['products'] },
  productIcons: { present: ['product_icons'], find: ['product_icons'] },
  serviceProviders: {
    findByEntityId: ['service_providers'],
    findById: ['service_providers'],
    list: ['service_providers'],
    findByProductId: ['service_providers', 'products'],
  },
  licences: { findById: ['licences'], listBySchool: ['licences'], assignments: ['licence_assignments'] },
  activations: { find: ['activations'], enabledFor: ['activations'] },
};

/** Methods of the cached repositories that change their tables. */
const WRITE = /^(insert|update|upsert|delete|remove|set|add|assign|unassign|link|replace|put)/;

/** Entries per cached read (least recently used go first). */
const MAX_ENTRIES = 20_000;

/** Callers get their own arrays and sets: sorting a result must not reorder what is cached. */
const copy = <T>(v: T): T => (Array.isArray(v) ? ([...v] as T) : v instanceof Set ? (new Set(v) as T) : v);

export class RepositoryCache {
  private live = false;
  /** Bumped on every change of a table: a read that overlapped a change is not stored. */
  private readonly generation = new Map<string, number>();
  private readonly stores = new Map<string, { tables: readonly string[]; entries: Map<string, unknown> }>();
  private readonly syncWaiters = new Map<string, () => void>();

  /** Feeds the cache from the change feed. */
  readonly onChange = (event: ChangeEvent): void => {
    if (event.kind === 'table') this.invalidate(event.table);
    else if (event.kind === 'sync') this.syncWaiters.get(event.token)?.();
    else {
      this.live = event.kind === 'live';
      this.clear();
    }
  };

  invalidate(table: string): void {
    this.generation.set(table, (this.generation.get(table) ?? 0) + 1);
    for (const store of this.stores.values()) if (store.tables.includes(table)) store.entries.clear();
  }

  /** Drops everything (after this process's own transaction, or when changes may have been missed). */
  clear(): void {
    for (const table of this.generation.keys()) this.generation.set(table, this.generation.get(table)! + 1);
    for (const store of this.stores.values()) store.entries.clear();
  }

  /**
   * Resolves once every change committed before the call has been heard: `notify` sends a token that
   * arrives after them (notifications come in commit order).
   */
  async settled(notify: (payload: string) => Promise<void>): Promise<void> {
    if (!this.live) return;
    const token = crypto.randomUUID();
    const heard = new Promise<void>((resolve) => this.syncWaiters.set(token, resolve));
    await notify(`sync:${token}`);
    await Promise.race([heard, new Promise((r) => setTimeout(r, 2000).unref())]);
    this.syncWaiters.delete(token);
  }

  /** The repositories with their rarely-changing reads cached (writes pass through and drop their tables). */
  wrap(repos: Repositories): Repositories {
    const out: Record<string, unknown> = { ...repos };
    for (const [name, plan] of Object.entries(CACHE_PLAN) as Array<[keyof Repositories, Record<string, readonly string[]>]>) {
      out[name] = this.wrapRepository(name, repos[name] as unknown as Record<string, unknown>, plan);
    }
    return Object.freeze(out) as unknown as Repositories;
  }

  private wrapRepository(name: string, repo: Record<string, unknown>, plan: Record<string, readonly string[]>): unknown {
    const ownTables = [...new Set(Object.values(plan).flat())];
    const proto = Object.getPrototypeOf(repo) as object;
    const methods = Object.getOwnPropertyNames(proto).filter((m) => m !== 'constructor' && typeof repo[m] === 'function');
    const wrapped: Record<string, unknown> = {};
    for (const method of methods) {
      const call = (repo[method] as (...args: unknown[]) => unknown).bind(repo);
      const tables = plan[method];
      if (tables) {
        const store = { tables, entries: new Map<string, unknown>() };
        this.stores.set(`${name}.${method}`, store);
        wrapped[method] = (...args: unknown[]) => this.cachedRead(store, tables, args, call);
      } else if (!WRITE.test(method)) {
        wrapped[method] = call;
      } else {
        // A write through this process: what it cached from the repository is stale now (other processes hear the trigger).
        wrapped[method] = async (...args: unknown[]) => {
          try {
            return await call(...args);
          } finally {
            for (const table of ownTables) this.invalidate(table);
          }
        };
      }
    }
    return wrapped;
  }

  private async cachedRead(
    store: { entries: Map<string, unknown> },
    tables: readonly string[],
    args: unknown[],
    call: (...a: unknown[]) => unknown,
  ): Promise<unknown> {
    if (!this.live) return call(...args);
    const key = JSON.stringify(args);
    if (store.entries.has(key)) {
      const hit = store.entries.get(key);
      store.entries.delete(key); // most recently used goes last
      store.entries.set(key, hit);
      return copy(hit);
    }
    const before = tables.map((t) => this.generation.get(t) ?? 0);
    const value = await call(...args);
    if (this.live && tables.every((t, i) => (this.generation.get(t) ?? 0) === before[i])) {
      store.entries.set(key, value);
      if (store.entries.size > MAX_ENTRIES) store.entries.delete(store.entries.keys().next().value as string);
    }
    return copy(value);
  }
}

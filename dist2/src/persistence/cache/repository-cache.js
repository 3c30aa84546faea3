"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RepositoryCache = void 0;
const node_crypto_1 = __importDefault(require("node:crypto"));
/**
 * What each hub process may keep in memory, and which tables each read depends on: data that rarely
 * changes and that the SSO hot path reads (schools and their networks, people and groups, participants,
 * products, SPs, licences, activations). A change anywhere — any process, the CLI, a DBA — reaches every
 * process through the change feed (triggers + LISTEN/NOTIFY) and drops the reads of that table; a write
 * through this process drops them at once. Without a live change feed nothing is cached.
 */
const CACHE_PLAN = {
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
const copy = (v) => (Array.isArray(v) ? [...v] : v instanceof Set ? new Set(v) : v);
class RepositoryCache {
    live = false;
    /** Bumped on every change of a table: a read that overlapped a change is not stored. */
    generation = new Map();
    stores = new Map();
    syncWaiters = new Map();
    /** Feeds the cache from the change feed. */
    onChange = (event) => {
        if (event.kind === 'table')
            this.invalidate(event.table);
        else if (event.kind === 'sync')
            this.syncWaiters.get(event.token)?.();
        else {
            this.live = event.kind === 'live';
            this.clear();
        }
    };
    invalidate(table) {
        this.generation.set(table, (this.generation.get(table) ?? 0) + 1);
        for (const store of this.stores.values())
            if (store.tables.includes(table))
                store.entries.clear();
    }
    /** Drops everything (after this process's own transaction, or when changes may have been missed). */
    clear() {
        for (const table of this.generation.keys())
            this.generation.set(table, this.generation.get(table) + 1);
        for (const store of this.stores.values())
            store.entries.clear();
    }
    /**
     * Resolves once every change committed before the call has been heard: `notify` sends a token that
     * arrives after them (notifications come in commit order).
     */
    async settled(notify) {
        if (!this.live)
            return;
        const token = node_crypto_1.default.randomUUID();
        const heard = new Promise((resolve) => this.syncWaiters.set(token, resolve));
        await notify(`sync:${token}`);
        await Promise.race([heard, new Promise((r) => setTimeout(r, 2000).unref())]);
        this.syncWaiters.delete(token);
    }
    /** The repositories with their rarely-changing reads cached (writes pass through and drop their tables). */
    wrap(repos) {
        const out = { ...repos };
        for (const [name, plan] of Object.entries(CACHE_PLAN)) {
            out[name] = this.wrapRepository(name, repos[name], plan);
        }
        return Object.freeze(out);
    }
    wrapRepository(name, repo, plan) {
        const ownTables = [...new Set(Object.values(plan).flat())];
        const proto = Object.getPrototypeOf(repo);
        const methods = Object.getOwnPropertyNames(proto).filter((m) => m !== 'constructor' && typeof repo[m] === 'function');
        const wrapped = {};
        for (const method of methods) {
            const call = repo[method].bind(repo);
            const tables = plan[method];
            if (tables) {
                const store = { tables, entries: new Map() };
                this.stores.set(`${name}.${method}`, store);
                wrapped[method] = (...args) => this.cachedRead(store, tables, args, call);
            }
            else if (!WRITE.test(method)) {
                wrapped[method] = call;
            }
            else {
                // A write through this process: what it cached from the repository is stale now (other processes hear the trigger).
                wrapped[method] = async (...args) => {
                    try {
                        return await call(...args);
                    }
                    finally {
                        for (const table of ownTables)
                            this.invalidate(table);
                    }
                };
            }
        }
        return wrapped;
    }
    async cachedRead(store, tables, args, call) {
        if (!this.live)
            return call(...args);
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
            if (store.entries.size > MAX_ENTRIES)
                store.entries.delete(store.entries.keys().next().value);
        }
        return copy(value);
    }
}
exports.RepositoryCache = RepositoryCache;
//# sourceMappingURL=repository-cache.js.map
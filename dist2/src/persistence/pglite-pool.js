"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.pgliteDriverModule = pgliteDriverModule;
const node_events_1 = require("node:events");
const MULTI_STATEMENT = /cannot insert multiple commands into a prepared statement/i;
function normalise(result, sql) {
    const command = result.command ?? sql.trim().split(/\s+/, 1)[0].toUpperCase();
    const rowCount = command === 'SELECT' ? result.rows.length : (result.affectedRows ?? result.rows.length);
    return { rows: result.rows, fields: result.fields, command, rowCount };
}
class PGliteClient extends node_events_1.EventEmitter {
    db;
    constructor(db) {
        super();
        this.db = db;
    }
    async query(sql, params, callback) {
        const cb = typeof params === 'function' ? params : callback;
        const values = Array.isArray(params) ? params : [];
        try {
            let result;
            try {
                result = await this.db.query(sql, values);
            }
            catch (e) {
                // TypeORM issues a few multi-statement strings without parameters; PGlite's extended protocol
                // refuses those, its simple-query `exec` runs them and returns one result per statement.
                if (values.length > 0 || !MULTI_STATEMENT.test(e.message))
                    throw e;
                const all = await this.db.exec(sql);
                result = all[all.length - 1] ?? { rows: [], fields: [] };
            }
            const normalised = normalise(result, sql);
            cb?.(null, normalised);
            return normalised;
        }
        catch (e) {
            cb?.(e);
            throw e;
        }
    }
}
function pgliteDriverModule(db) {
    const client = new PGliteClient(db);
    let busy = false;
    const waiting = [];
    const acquire = () => new Promise((resolve) => {
        const grant = () => {
            busy = true;
            let released = false;
            resolve(() => {
                if (released)
                    return;
                released = true;
                busy = false;
                waiting.shift()?.();
            });
        };
        if (busy)
            waiting.push(grant);
        else
            grant();
    });
    class Pool extends node_events_1.EventEmitter {
        // biome-ignore lint/suspicious/noConfusingVoidType: pg's Pool.connect signature (promise without callback, nothing with one)
        connect(callback) {
            const lease = acquire();
            if (!callback)
                return lease.then(() => client);
            lease.then((release) => callback(null, client, release), (e) => callback(e, null, () => undefined));
        }
        async query(sql, params) {
            const release = await acquire();
            try {
                return await client.query(sql, params);
            }
            finally {
                release();
            }
        }
        end(callback) {
            const closing = db.close();
            closing.then(() => callback?.(null), (e) => callback?.(e));
            return closing;
        }
    }
    return { Pool };
}
//# sourceMappingURL=pglite-pool.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DbProxy = void 0;
const node_net_1 = __importDefault(require("node:net"));
/**
 * A TCP proxy between a hub and PostgreSQL that a test can cut and restore: a database outage without
 * stopping the shared PostgreSQL cluster (other test runs use it). `cut('refuse')` drops every
 * connection and stops listening (connection refused, as a stopped server); `cut('hang')` drops every
 * connection and accepts new ones without ever answering (a connect timeout, as an unreachable host).
 */
class DbProxy {
    target;
    server = null;
    sockets = new Set();
    mode = 'open';
    listeningPort = 0;
    constructor(target) {
        this.target = target;
    }
    /** The local port (kept across cut and restore, so the hub's URL stays valid). */
    get port() {
        return this.listeningPort;
    }
    /** A proxy on a free local port in front of the PostgreSQL that `databaseUrl` names. */
    static async start(databaseUrl) {
        const u = new URL(databaseUrl);
        const proxy = new DbProxy({ host: u.hostname, port: Number(u.port || 5432) });
        await proxy.listen(0);
        return proxy;
    }
    /** `databaseUrl` with the host and port of this proxy (same user, database and options). */
    urlFor(databaseUrl) {
        const u = new URL(databaseUrl);
        u.hostname = '127.0.0.1';
        u.port = String(this.port);
        return u.toString();
    }
    /** Open connections (client and server sides count one each). */
    get openSockets() {
        return this.sockets.size;
    }
    async cut(mode = 'refuse') {
        this.mode = mode;
        this.dropAll();
        if (mode === 'refuse')
            await this.stopListening();
    }
    async restore() {
        if (this.mode === 'hang')
            this.dropAll(); // the sockets held without answer
        this.mode = 'open';
        if (!this.server)
            await this.listen(this.port);
    }
    async close() {
        this.mode = 'refuse';
        this.dropAll();
        await this.stopListening();
    }
    track(socket) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
    }
    dropAll() {
        for (const s of this.sockets)
            s.destroy();
        this.sockets.clear();
    }
    listen(port) {
        const server = node_net_1.default.createServer((client) => {
            this.track(client);
            if (this.mode !== 'open')
                return; // 'hang': accepted, never answered
            const upstream = node_net_1.default.connect(this.target.port, this.target.host);
            this.track(upstream);
            client.pipe(upstream).pipe(client);
            client.on('close', () => upstream.destroy());
            upstream.on('close', () => client.destroy());
        });
        return new Promise((resolve, reject) => {
            server.once('error', reject);
            server.listen(port, '127.0.0.1', () => {
                server.off('error', reject);
                this.server = server;
                this.listeningPort = server.address().port;
                resolve();
            });
        });
    }
    stopListening() {
        const server = this.server;
        this.server = null;
        return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
    }
}
exports.DbProxy = DbProxy;
//# sourceMappingURL=db-proxy.js.map
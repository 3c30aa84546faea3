import net from 'node:net';

/**
 * A TCP proxy between a hub and PostgreSQL that a test can cut and restore: a database outage without
 * stopping the shared PostgreSQL cluster (other test runs use it). `cut('refuse')` drops every
 * connection and stops listening (connection refused, as a stopped server); `cut('hang')` drops every
 * connection and accepts new ones without ever answering (a connect timeout, as an unreachable host).
 */
export class DbProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private mode: 'open' | 'refuse' | 'hang' = 'open';
  private listeningPort = 0;

  private constructor(private readonly target: { host: string; port: number }) {}

  /** The local port (kept across cut and restore, so the hub's URL stays valid). */
  get port(): number {
    return this.listeningPort;
  }

  /** A proxy on a free local port in front of the PostgreSQL that `databaseUrl` names. */
  static async start(databaseUrl: string): Promise<DbProxy> {
    const u = new URL(databaseUrl);
    const proxy = new DbProxy({ host: u.hostname, port: Number(u.port || 5432) });
    await proxy.listen(0);
    return proxy;
  }

  /** `databaseUrl` with the host and port of this proxy (same user, database and options). */
  urlFor(databaseUrl: string): string {
    const u = new URL(databaseUrl);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  /** Open connections (client and server sides count one each). */
  get openSockets(): number {
    return this.sockets.size;
  }

  async cut(mode: 'refuse' | 'hang' = 'refuse'): Promise<void> {
    this.mode = mode;
    this.dropAll();
    if (mode === 'refuse') await this.stopListening();
  }

  async restore(): Promise<void> {
    if (this.mode === 'hang') this.dropAll(); // the sockets held without answer
    this.mode = 'open';
    if (!this.server) await this.listen(this.port);
  }

  async close(): Promise<void> {
    this.mode = 'refuse';
    this.dropAll();
    await this.stopListening();
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
  }

  private dropAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  private listen(port: number): Promise<void> {
    const server = net.createServer((client) => {
      this.track(client);
      if (this.mode !== 'open') return; // 'hang': accepted, never answered
      const upstream = net.connect(this.target.port, this.target.host);
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
        this.listeningPort = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  private stopListening(): Promise<void> {
    const server = this.server;
    this.server = null;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

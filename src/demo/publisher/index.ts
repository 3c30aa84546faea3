import http from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { loadOrCreatePublisherKeys } from './keys';
import { messagePage } from './pages';
import { publisherRoutes } from './routes';
import { createServiceProvider, HubMetadata } from './saml';

/**
 * "Rekenrijk Demo": a small publisher web app that logs in through the hub the way a real one does —
 * samlify's ServiceProvider, signed AuthnRequests over HTTP-Redirect, Responses verified with the
 * certificate from the hub's published metadata, Single Logout. It talks to the hub over HTTP only and
 * imports none of the hub's code (checked in test/unit/architecture.test.ts): it is an outside consumer
 * that happens to be started by `serve --demo`. Development only; the caller refuses production.
 */

export interface DemoPublisherOptions {
  /** Host name in the publisher's URLs (the hub's, so both run on the same machine name). */
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  /** The hub's IdP metadata URL: where the publisher learns the hub's endpoints and certificates. */
  readonly hubMetadataUrl: string;
  /** Folder for the publisher's own key pair (generated at first start). */
  readonly keysDir: string;
  readonly log?: (message: string, details?: Record<string, unknown>) => void;
}

export interface RunningPublisher {
  /** Its origin, e.g. http://localhost:3001: the page a person opens. */
  readonly url: string;
  readonly entityId: string;
  /** Where its SP metadata is served (the hub registers it from here). */
  readonly metadataUrl: string;
  stop(): Promise<void>;
}

export const PRODUCT_NAME = 'Rekenrijk Demo';

export async function startDemoPublisher(opts: DemoPublisherOptions): Promise<RunningPublisher> {
  const keys = await loadOrCreatePublisherKeys(opts.keysDir);
  const log = opts.log ?? (() => undefined);
  // The URLs (entity ID, ACS, SLO) name the port, so the app is built once the port is known.
  let app: express.Express | null = null;
  const server = http.createServer((req, res) => {
    if (app) return app(req, res);
    res.statusCode = 503;
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${host}:${port}`;
  const saml = createServiceProvider(url, keys, PRODUCT_NAME);
  const built = express();
  built.disable('x-powered-by');
  built.use(publisherRoutes({ baseUrl: url, saml, hub: new HubMetadata(opts.hubMetadataUrl), log }));
  built.use((e: unknown, _req: Request, res: Response, _next: NextFunction) => {
    // The one failure the pages do not handle themselves: the hub (its metadata) cannot be reached.
    log('demo publisher: request failed', { error: e instanceof Error ? e.message : String(e) });
    res
      .status(502)
      .type('html')
      .send(
        messagePage('Leerpoort is niet bereikbaar / Leerpoort cannot be reached', `Probeer het zo opnieuw. / Please try again shortly.`),
      );
  });
  app = built;
  return {
    url,
    entityId: saml.entityId,
    metadataUrl: `${url}/saml/metadata`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

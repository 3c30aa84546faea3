import path from 'node:path';
import type { AppConfig } from '../config';
import { type RunningPublisher, startDemoPublisher } from '../demo/publisher';
import { ValidationError } from '../domain/errors';
import type { DemoPublisherRef } from '../demo/seed-demo';
import type { Logger } from '../logger';

/**
 * Starts the demo publisher beside the hub (`serve --demo`, `demo`): on its own port and origin, with
 * its keys in the hub's certs folder (git-ignored), learning the hub from its metadata URL. Refused in
 * production, before anything listens.
 */
export async function startPublisherBesideHub(config: AppConfig, logger: Logger): Promise<RunningPublisher> {
  if (config.isProduction) throw new ValidationError('the demo publisher does not run in production');
  try {
    return await startDemoPublisher({
      host: config.demoPublisher.host,
      port: config.demoPublisher.port,
      hubMetadataUrl: config.idpEntityId,
      keysDir: path.join(config.certsDir, 'demo-publisher'),
      log: (message, details) => logger.info(details ?? {}, message),
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new ValidationError(
        `port ${config.demoPublisher.port} for the demo publisher is in use; stop what uses it or set DEMO_PUBLISHER_PORT`,
      );
    throw e;
  }
}

/**
 * For the `demo` command: the publisher only has to serve its metadata while the seed registers it.
 * When its port is taken — most likely by `npm start` with the same settings, whose publisher is the
 * one to register — the seed reads the metadata from there instead.
 */
export async function publisherForSeed(config: AppConfig, logger: Logger): Promise<{ ref: DemoPublisherRef; stop: () => Promise<void> }> {
  try {
    const running = await startPublisherBesideHub(config, logger);
    return { ref: running, stop: () => running.stop() };
  } catch (e) {
    if (!(e instanceof ValidationError) || !/in use/.test(e.message) || config.demoPublisher.port === 0) throw e;
    const url = `http://${config.demoPublisher.host}:${config.demoPublisher.port}`;
    logger.info({ url }, 'demo publisher port in use: registering the publisher that runs there');
    return { ref: { url, metadataUrl: `${url}/saml/metadata` }, stop: async () => undefined };
  }
}

"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startPublisherBesideHub = startPublisherBesideHub;
exports.publisherForSeed = publisherForSeed;
const node_path_1 = __importDefault(require("node:path"));
const publisher_1 = require("../demo/publisher");
const errors_1 = require("../domain/errors");
/**
 * Starts the demo publisher beside the hub (`serve --demo`, `demo`): on its own port and origin, with
 * its keys in the hub's certs folder (git-ignored), learning the hub from its metadata URL. Refused in
 * production, before anything listens.
 */
async function startPublisherBesideHub(config, logger) {
    if (config.isProduction)
        throw new errors_1.ValidationError('the demo publisher does not run in production');
    try {
        return await (0, publisher_1.startDemoPublisher)({
            host: config.demoPublisher.host,
            port: config.demoPublisher.port,
            hubMetadataUrl: config.idpEntityId,
            keysDir: node_path_1.default.join(config.certsDir, 'demo-publisher'),
            log: (message, details) => logger.info(details ?? {}, message),
        });
    }
    catch (e) {
        if (e.code === 'EADDRINUSE')
            throw new errors_1.ValidationError(`port ${config.demoPublisher.port} for the demo publisher is in use; stop what uses it or set DEMO_PUBLISHER_PORT`);
        throw e;
    }
}
/**
 * For the `demo` command: the publisher only has to serve its metadata while the seed registers it.
 * When its port is taken — most likely by `npm start` with the same settings, whose publisher is the
 * one to register — the seed reads the metadata from there instead.
 */
async function publisherForSeed(config, logger) {
    try {
        const running = await startPublisherBesideHub(config, logger);
        return { ref: running, stop: () => running.stop() };
    }
    catch (e) {
        if (!(e instanceof errors_1.ValidationError) || !/in use/.test(e.message) || config.demoPublisher.port === 0)
            throw e;
        const url = `http://${config.demoPublisher.host}:${config.demoPublisher.port}`;
        logger.info({ url }, 'demo publisher port in use: registering the publisher that runs there');
        return { ref: { url, metadataUrl: `${url}/saml/metadata` }, stop: async () => undefined };
    }
}
//# sourceMappingURL=demo-publisher.js.map
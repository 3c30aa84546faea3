"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.PRODUCT_NAME = void 0;
exports.startDemoPublisher = startDemoPublisher;
const node_http_1 = __importDefault(require("node:http"));
const express_1 = __importDefault(require("express"));
const keys_1 = require("./keys");
const pages_1 = require("./pages");
const routes_1 = require("./routes");
const saml_1 = require("./saml");
exports.PRODUCT_NAME = 'Rekenrijk Demo';
async function startDemoPublisher(opts) {
    const keys = await (0, keys_1.loadOrCreatePublisherKeys)(opts.keysDir);
    const log = opts.log ?? (() => undefined);
    // The URLs (entity ID, ACS, SLO) name the port, so the app is built once the port is known.
    let app = null;
    const server = node_http_1.default.createServer((req, res) => {
        if (app)
            return app(req, res);
        res.statusCode = 503;
        res.end();
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port, () => {
            server.off('error', reject);
            resolve();
        });
    });
    const port = server.address().port;
    const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
    const url = `http://${host}:${port}`;
    const saml = (0, saml_1.createServiceProvider)(url, keys, exports.PRODUCT_NAME);
    const built = (0, express_1.default)();
    built.disable('x-powered-by');
    built.use((0, routes_1.publisherRoutes)({ baseUrl: url, saml, hub: new saml_1.HubMetadata(opts.hubMetadataUrl), log }));
    built.use((e, _req, res, _next) => {
        // The one failure the pages do not handle themselves: the hub (its metadata) cannot be reached.
        log('demo publisher: request failed', { error: e instanceof Error ? e.message : String(e) });
        res
            .status(502)
            .type('html')
            .send((0, pages_1.messagePage)('Leerpoort is niet bereikbaar / Leerpoort cannot be reached', `Probeer het zo opnieuw. / Please try again shortly.`));
    });
    app = built;
    return {
        url,
        entityId: saml.entityId,
        metadataUrl: `${url}/saml/metadata`,
        stop: () => new Promise((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
        }),
    };
}
//# sourceMappingURL=index.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildApp = buildApp;
const express_1 = __importDefault(require("express"));
const helmet_1 = __importDefault(require("helmet"));
const errors_1 = require("../domain/errors");
const session_timeouts_1 = require("./middleware/session-timeouts");
const metadata_routes_1 = require("./saml/metadata.routes");
const slo_routes_1 = require("./saml/slo.routes");
const sso_routes_1 = require("./saml/sso.routes");
const known_device_1 = require("./login/known-device");
const login_routes_1 = require("./login/login.routes");
const error_handler_1 = require("./middleware/error-handler");
const request_id_1 = require("./middleware/request-id");
const portal_routes_1 = require("./portal/portal.routes");
const session_1 = require("./session");
const assets_1 = require("./assets");
const card_routes_1 = require("./login/card.routes");
const guardian_routes_1 = require("./login/guardian.routes");
const picture_routes_1 = require("./login/picture.routes");
const class_routes_1 = require("./class/class.routes");
const ops_routes_1 = require("./ops/ops.routes");
const admin_1 = require("./admin");
const guardian_link_1 = require("./middleware/guardian-link");
const two_factor_routes_1 = require("./account/two-factor.routes");
const maintenance_routes_1 = require("./ops/maintenance.routes");
const status_routes_1 = require("./status/status.routes");
const platform_routes_1 = require("./ops/platform.routes");
const support_routes_1 = require("./ops/support.routes");
const access_log_routes_1 = require("./ops/access-log.routes");
function buildApp(deps) {
    const app = (0, express_1.default)();
    app.disable('x-powered-by');
    app.set('trust proxy', deps.trustProxy === false ? false : [...deps.trustProxy]);
    app.use((0, request_id_1.requestId)());
    app.use((0, helmet_1.default)({
        strictTransportSecurity: deps.secureTransport,
        // Strict: scripts, styles and images only from our own origin (product icons are served by the hub:
        // a page never makes the browser contact a publisher), forms only to ourselves, never framed.
        // SAML POST pages set their own.
        contentSecurityPolicy: {
            useDefaults: false,
            directives: {
                defaultSrc: ["'self'"],
                scriptSrc: ["'self'"],
                scriptSrcAttr: ["'none'"],
                styleSrc: ["'self'"],
                imgSrc: ["'self'", 'data:'],
                fontSrc: ["'self'"],
                connectSrc: ["'self'"],
                mediaSrc: ["'self'"],
                objectSrc: ["'none'"],
                baseUri: ["'none'"],
                formAction: ["'self'"],
                frameAncestors: ["'none'"],
                ...(deps.secureTransport ? { upgradeInsecureRequests: [] } : {}),
            },
        },
    }));
    app.use((req, res, next) => {
        const started = process.hrtime.bigint();
        res.on('finish', () => {
            deps.logger.info({
                requestId: res.locals.requestId,
                method: req.method,
                path: req.path,
                status: res.statusCode,
                ms: Number(process.hrtime.bigint() - started) / 1e6,
            }, 'request');
        });
        next();
    });
    app.get('/healthz', (_req, res) => {
        res.json({ status: 'ok' });
    });
    app.get('/readyz', async (_req, res) => {
        try {
            await deps.checkDatabase();
            res.json({ status: 'ready', database: 'ok' });
        }
        catch (e) {
            deps.logger.warn({ err: e }, 'readiness check failed');
            res.status(503).json({ status: 'unavailable', database: 'unreachable' });
        }
    });
    app.use('/api/v1', deps.api);
    app.use((0, metadata_routes_1.metadataRoutes)(deps.idp));
    // Public and cookie-free: before the session middleware.
    app.use((0, status_routes_1.statusRoutes)({ maintenance: deps.maintenance }));
    app.use((0, session_1.sessionMiddleware)({ sessions: deps.sessions, secret: deps.sessionSecret, secure: deps.secureTransport }));
    app.use((0, session_timeouts_1.sessionTimeouts)({ idleMinutes: deps.sessionIdleMinutes, maxHours: deps.sessionMaxHours, repos: deps.repos }));
    app.use((0, guardian_link_1.guardianLink)(deps.repos));
    // SSO and SLO first after the session checks: the busiest paths should not walk every other router.
    app.use((0, sso_routes_1.ssoRoutes)(deps.idp));
    app.use((0, slo_routes_1.sloRoutes)(deps.idp));
    const knownDevices = new known_device_1.KnownDevices(deps.sessionSecret, deps.secureTransport);
    app.use((0, assets_1.assetRoutes)());
    app.use((0, login_routes_1.loginRoutes)({
        login: deps.login,
        twoFactor: deps.twoFactor,
        passwordReset: deps.passwordReset,
        repos: deps.repos,
        logger: deps.logger,
        knownDevices,
        background: deps.background,
    }));
    app.use((0, picture_routes_1.pictureLoginRoutes)({ pupilLogin: deps.pupilLogin, repos: deps.repos, knownDevices, secure: deps.secureTransport }));
    app.use((0, card_routes_1.cardLoginRoutes)({ pupilLogin: deps.pupilLogin }));
    app.use((0, guardian_routes_1.guardianRoutes)({ guardians: deps.guardians, pupilLogin: deps.pupilLogin, knownDevices, background: deps.background }));
    app.use((0, class_routes_1.classRoutes)({ pupilLogin: deps.pupilLogin, repos: deps.repos }));
    app.use((0, ops_routes_1.opsRoutes)({ repos: deps.repos }));
    app.use((0, maintenance_routes_1.opsMaintenanceRoutes)({ repos: deps.repos, maintenance: deps.maintenance }));
    app.use((0, support_routes_1.opsSupportRoutes)({ repos: deps.repos, support: deps.support }));
    app.use((0, access_log_routes_1.opsAccessLogRoutes)({ repos: deps.repos }));
    app.use((0, platform_routes_1.opsPlatformRoutes)({ ...deps.opsPlatform, repos: deps.repos }));
    app.use((0, two_factor_routes_1.accountTwoFactorRoutes)({ twoFactor: deps.twoFactor, repos: deps.repos }));
    app.use((0, admin_1.adminRoutes)({
        ...deps.admin,
        repos: deps.repos,
        secure: deps.secureTransport,
        passwordReset: deps.passwordReset,
        twoFactor: deps.twoFactor,
    }));
    app.use((0, portal_routes_1.portalRoutes)(deps.idp));
    app.use((req, _res, next) => next(new errors_1.NotFoundError(`Pagina niet gevonden / page not found: ${req.path}`)));
    app.use((0, error_handler_1.errorHandler)(deps.logger, deps.translateError));
    return app;
}
//# sourceMappingURL=app.js.map
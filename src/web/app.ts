import type { UpstreamLoginService } from '../domain/identity/upstream-login.service';
import { upstreamLoginRoutes } from './login/upstream.routes';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { NotFoundError } from '../domain/errors';
import type { LoginService } from '../domain/identity/login.service';
import type { PasswordResetService } from '../domain/identity/password-reset.service';
import type { TwoFactorService } from '../domain/identity/two-factor.service';
import type { SessionRepository } from '../domain/identity/ports';
import type { Repositories } from '../domain/ports';
import { schoolSuspension } from './middleware/school-suspension';
import { sessionTimeouts } from './middleware/session-timeouts';
import type { Logger } from '../logger';
import { metadataRoutes } from './saml/metadata.routes';
import { sloRoutes } from './saml/slo.routes';
import { ssoRoutes } from './saml/sso.routes';
import type { IdpContext } from '../saml/idp-context';
import { KnownDevices } from './login/known-device';
import { loginRoutes } from './login/login.routes';
import { SchoolAccountLogin } from './login/school-account';
import { type ErrorTranslator, errorHandler } from './middleware/error-handler';
import { requestId } from './middleware/request-id';
import { portalRoutes } from './portal/portal.routes';
import { sessionMiddleware, storeNewFormSessionFirst } from './session';
import type { PupilLoginService } from '../domain/identity/pupil-login.service';
import type { GuardianService } from '../domain/identity/guardian.service';
import { assetRoutes } from './assets';
import { cardLoginRoutes } from './login/card.routes';
import { guardianRoutes } from './login/guardian.routes';
import { pictureLoginRoutes } from './login/picture.routes';
import { classRoutes } from './class/class.routes';
import { opsRoutes } from './ops/ops.routes';
import { adminRoutes, type AdminDependencies } from './admin';
import { guardianLink } from './middleware/guardian-link';
import type { BackgroundWork } from './background';
import { accountTwoFactorRoutes } from './account/two-factor.routes';
import type { MaintenanceService } from '../domain/maintenance/maintenance.service';
import type { MisuseService } from '../domain/misuse/misuse.service';
import type { ServiceNoticeService } from '../domain/notices/service-notice.service';
import type { DisruptionService } from '../domain/disruptions/disruption.service';
import { opsMisuseRoutes } from './ops/misuse.routes';
import { opsNoticesRoutes } from './ops/notices.routes';
import { opsDisruptionRoutes } from './ops/disruptions.routes';
import { opsMaintenanceRoutes } from './ops/maintenance.routes';
import { statusRoutes } from './status/status.routes';
import type { BreachService } from '../domain/breaches/breach.service';
import { opsBreachRoutes } from './ops/breach.routes';
import type { HubMetrics } from './metrics';
import { metricsAccess, metricsRoutes } from './metrics-routes';
import type { SupportService } from '../domain/identity/support.service';
import { type OpsPlatformDependencies, opsPlatformRoutes } from './ops/platform.routes';
import { type OpsDataProtectionDependencies, opsDataProtectionRoutes } from './ops/data-protection.routes';
import { opsSupportRoutes } from './ops/support.routes';
import { opsAccessLogRoutes } from './ops/access-log.routes';
import { opsOidcClientRoutes } from './ops/oidc-clients.routes';
import type { OidcClientService } from '../domain/federation/oidc-client.service';
import type { EndOidcForAccount } from '../domain/federation/oidc-payloads';
import { privacyRoutes } from './privacy/privacy.routes';

export interface AppDependencies {
  readonly logger: Logger;
  /** Resolves when the database answers; rejects otherwise. */
  readonly checkDatabase: () => Promise<void>;
  /** The database's "cannot serve now" failures as UnavailableError (503 + Retry-After), see persistence/unavailable. */
  readonly translateError: ErrorTranslator;
  /** BASE_URL is https: send HSTS and upgrade-insecure-requests, Secure cookies (never on plain-http development). */
  readonly secureTransport: boolean;
  readonly sessionSecret: string;
  readonly sessions: SessionRepository;
  readonly login: LoginService;
  readonly twoFactor: TwoFactorService;
  /** Login through a school's own IdP. */
  readonly upstreamLogin: UpstreamLoginService;
  readonly passwordReset: PasswordResetService;
  readonly pupilLogin: PupilLoginService;
  readonly guardians: GuardianService;
  /** express 'trust proxy': false, or the proxies allowed to name the client address (TRUST_PROXY). */
  readonly trustProxy: false | readonly string[];
  readonly repos: Repositories;
  /** The school management screen's services (besides repos). */
  readonly admin: Omit<AdminDependencies, 'repos' | 'secure' | 'passwordReset' | 'twoFactor'>;
  readonly sessionIdleMinutes: number;
  readonly sessionMaxHours: number;
  readonly idp: IdpContext;
  /** The participant roster API, mounted at /api/v1 (no cookies, bearer tokens). */
  readonly api: Router;
  /** OpenID Connect under /oidc: the provider and its hand-off to the hub's login (web/oidc). */
  readonly oidc: {
    readonly routes: Router;
    /** Ends a person's provider sessions, grants and tokens (back-channel logout first): every hub logout. */
    readonly endForAccount: EndOidcForAccount;
  };
  /** Work answered before it is done (mail for reset links); drained when the hub stops. */
  readonly background: BackgroundWork;
  /** Maintenance windows: the public status page and the console's form. */
  readonly maintenance: MaintenanceService;
  /** The breach register (security officers, /ops/breaches). */
  readonly breaches: BreachService;
  /** GET /metrics: who may read it, and its text (this process's or the cluster's). */
  readonly metrics: {
    readonly hub: HubMetrics;
    readonly access: { readonly allow: readonly string[]; readonly token: string | undefined };
    readonly text: () => Promise<string>;
    readonly contentType: string;
  };
  /** The helpdesk's one-user support view (operator console). */
  readonly support: SupportService;
  /** The platform operator's console pages (besides repos). */
  readonly opsPlatform: Omit<OpsPlatformDependencies, 'repos'>;
  /** The dba's privacy annex and destruction-on-request pages (the CLI's services). */
  readonly opsDataProtection: Omit<OpsDataProtectionDependencies, 'repos'>;
  /** Misuse warnings and suspension (art. 12): the security officer's console page. */
  readonly misuse: MisuseService;
  /** Three-month notices (art. 6, 11) and supported browsers: the status page and the console's page. */
  readonly notices: ServiceNoticeService;
  /** Disruption reports (art. 5): the delegates' form, the console's list and the status page. */
  readonly disruptions: DisruptionService;
  /** Participants' OpenID Connect clients: the dba's console page (the CLI's service). */
  readonly oidcClients: OidcClientService;
}

export function buildApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy === false ? false : [...deps.trustProxy]);
  app.use(requestId());
  app.use(
    helmet({
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
    }),
  );
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      deps.metrics.hub.observeRequest(req.path, req.method, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
      deps.logger.info(
        {
          requestId: res.locals.requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
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
    } catch (e) {
      deps.logger.warn({ err: e }, 'readiness check failed');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  app.use(metricsRoutes({ access: metricsAccess(deps.metrics.access), text: deps.metrics.text, contentType: deps.metrics.contentType }));
  app.use('/api/v1', deps.api);
  app.use(metadataRoutes(deps.idp));
  // Public and cookie-free: before the session middleware.
  app.use(privacyRoutes({ repos: deps.repos, baseUrl: deps.admin.baseUrl }));
  app.use(statusRoutes({ maintenance: deps.maintenance, notices: deps.notices, disruptions: deps.disruptions }));
  app.use(sessionMiddleware({ sessions: deps.sessions, secret: deps.sessionSecret, secure: deps.secureTransport }));
  const handleError = errorHandler(deps.logger, deps.translateError);
  app.use(storeNewFormSessionFirst((err, req, res) => handleError(err, req, res, () => undefined)));
  app.use(sessionTimeouts({ idleMinutes: deps.sessionIdleMinutes, maxHours: deps.sessionMaxHours, repos: deps.repos }));
  app.use(guardianLink(deps.repos));
  // SSO and SLO first after the session checks: the busiest paths should not walk every other router.
  app.use(ssoRoutes(deps.idp));
  app.use(sloRoutes(deps.idp, { endOidcForAccount: deps.oidc.endForAccount }));
  app.use(deps.oidc.routes);
  app.use(schoolSuspension(deps.repos));
  const knownDevices = new KnownDevices(deps.sessionSecret, deps.secureTransport);
  const schoolAccount = new SchoolAccountLogin({ idp: deps.idp, repos: deps.repos, logger: deps.logger, secure: deps.secureTransport });
  app.use(assetRoutes());
  app.use(
    loginRoutes({
      login: deps.login,
      twoFactor: deps.twoFactor,
      passwordReset: deps.passwordReset,
      repos: deps.repos,
      logger: deps.logger,
      knownDevices,
      background: deps.background,
      schoolAccount,
    }),
  );
  app.use(upstreamLoginRoutes({ idp: deps.idp, repos: deps.repos, upstreamLogin: deps.upstreamLogin, schoolAccount, logger: deps.logger }));
  app.use(pictureLoginRoutes({ pupilLogin: deps.pupilLogin, repos: deps.repos, knownDevices, secure: deps.secureTransport }));
  app.use(cardLoginRoutes({ pupilLogin: deps.pupilLogin }));
  app.use(guardianRoutes({ guardians: deps.guardians, pupilLogin: deps.pupilLogin, knownDevices, background: deps.background }));
  app.use(classRoutes({ pupilLogin: deps.pupilLogin, repos: deps.repos }));
  app.use(opsRoutes({ repos: deps.repos, breaches: deps.breaches }));
  app.use(opsMaintenanceRoutes({ repos: deps.repos, maintenance: deps.maintenance }));
  app.use(opsBreachRoutes({ repos: deps.repos, breaches: deps.breaches }));
  app.use(opsSupportRoutes({ repos: deps.repos, support: deps.support }));
  app.use(opsAccessLogRoutes({ repos: deps.repos }));
  app.use(opsPlatformRoutes({ ...deps.opsPlatform, repos: deps.repos }));
  app.use(opsDataProtectionRoutes({ ...deps.opsDataProtection, repos: deps.repos }));
  app.use(opsOidcClientRoutes({ repos: deps.repos, oidcClients: deps.oidcClients }));
  app.use(opsMisuseRoutes({ repos: deps.repos, misuse: deps.misuse }));
  app.use(opsNoticesRoutes({ repos: deps.repos, notices: deps.notices }));
  app.use(opsDisruptionRoutes({ repos: deps.repos, disruptions: deps.disruptions }));
  app.use(accountTwoFactorRoutes({ twoFactor: deps.twoFactor, repos: deps.repos }));
  app.use(
    adminRoutes({
      ...deps.admin,
      repos: deps.repos,
      secure: deps.secureTransport,
      passwordReset: deps.passwordReset,
      twoFactor: deps.twoFactor,
    }),
  );
  app.use(portalRoutes(deps.idp, { endOidcForAccount: deps.oidc.endForAccount }));

  app.use((req, _res, next) => next(new NotFoundError(`Pagina niet gevonden / page not found: ${req.path}`)));
  app.use(handleError);
  return app;
}

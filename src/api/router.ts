import express, { Router } from 'express';
import type { Keyring } from '../crypto/field-cipher';
import { NotFoundError } from '../domain/errors';
import type { ApiClientService } from '../domain/federation/api-client.service';
import type { LicenceService } from '../domain/licensing/licence.service';
import type { ParticipantService } from '../domain/licensing/participant.service';
import type { Repositories } from '../domain/ports';
import { authenticate, tokenRoutes } from './auth';
import { licenceRoutes } from './licences.routes';
import { OPENAPI_DOCUMENT } from './openapi';
import { productRoutes } from './products.routes';
import { schoolRoutes } from './schools.routes';
import type { TokenService } from './tokens';

export { RATE_LIMIT_PER_MINUTE } from './auth';

export interface ApiDependencies {
  readonly repos: Repositories;
  readonly keyring: Keyring;
  readonly clients: ApiClientService;
  readonly tokens: TokenService;
  readonly participants: ParticipantService;
  readonly licences: LicenceService;
}

/**
 * The participant roster API under /api/v1: the OpenAPI document and the token endpoint are open; every
 * other route needs a bearer token. Errors go to the hub's one error handler (JSON under /api/).
 */
export function apiRoutes(deps: ApiDependencies): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(OPENAPI_DOCUMENT);
  });
  router.use(tokenRoutes(deps));
  router.use(authenticate(deps), express.json({ limit: '512kb', strict: true, type: 'application/json' }));
  router.use(schoolRoutes(deps));
  router.use(licenceRoutes(deps));
  router.use(productRoutes(deps));
  router.use((req, _res, next) => next(new NotFoundError(`no such API resource: ${req.method} ${req.path}`)));
  return router;
}

import express, { type Request, type Response, Router } from 'express';
import { NotFoundError } from '../../domain/errors';
import type { OidcClientRecord } from '../../domain/federation/oidc-client';
import type { IssuedOidcClient, OidcClientService } from '../../domain/federation/oidc-client.service';
import type { Repositories } from '../../domain/ports';
import { csrfToken, requireCsrf } from '../middleware/csrf';
import { render } from '../views';
import { currentOperator, operatorActor, requireOperator } from './operator';
import { correctable, field, lines } from './form';

export interface OpsOidcClientDependencies {
  readonly repos: Pick<Repositories, 'operators' | 'participants'>;
  /** The same service as `leerpoort participant oidc-client add|remove|rotate-secret`. */
  readonly oidcClients: OidcClientService;
}

/** Client lines as the page shows them: never the secret's hash, keys counted. */
const shown = (c: OidcClientRecord) => ({
  clientId: c.clientId,
  redirectUris: c.redirectUris,
  postLogoutRedirectUris: c.postLogoutRedirectUris,
  backchannelLogoutUri: c.backchannelLogoutUri,
  authMethod: c.tokenEndpointAuthMethod,
  keys: c.jwks?.keys.length ?? 0,
  refreshTokensAllowed: c.refreshTokensAllowed,
  createdAt: c.createdAt.toISOString().slice(0, 10),
});

/**
 * A participant's OpenID Connect clients in the console (issue 18; role `dba`, like participants and
 * SPs): list, add, remove, new secret. The page parses the form; every rule (https and exact redirect
 * URIs, public keys only, the generated secret and its argon2id hash) lives in OidcClientService, which
 * the CLI calls too and which audits every change. A secret is shown once, in the answer to the POST
 * that made it (never in a URL, never stored by a cache).
 */
export function opsOidcClientRoutes(deps: OpsOidcClientDependencies): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '96kb', parameterLimit: 20 });
  const dba = requireOperator(deps.repos, 'dba');
  const base = (id: string) => `/ops/participants/${id}/oidc-clients`;

  const page = async (req: Request, res: Response, status: number, extra: Record<string, unknown> = {}) => {
    const id = String(req.params.id);
    const { participant, clients } = await deps.oidcClients.list({ id });
    res
      .status(status)
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(
        render('ops-oidc-clients.njk', {
          title: `OpenID Connect-clients ${participant.name}`,
          csrf: csrfToken(req),
          done: typeof req.query.done === 'string' ? req.query.done : null,
          participant: { id: participant.id, name: participant.name },
          action: base(participant.id),
          clients: clients.map(shown),
          values: { redirectUris: '', postLogoutRedirectUris: '', backchannelLogoutUri: '', auth: 'client_secret_basic', jwks: '' },
          ...extra,
        }),
      );
  };
  /** The page right after a secret was made: the one time it is shown. */
  const issuedPage = (req: Request, res: Response, issued: IssuedOidcClient, what: 'added' | 'rotated') =>
    page(req, res, what === 'added' ? 201 : 200, {
      issued: { ...shown(issued.client), clientSecret: issued.clientSecret, what },
    });

  // An unknown participant id: the service's NotFoundError, answered 404 by the error handler.
  router.get('/ops/participants/:id/oidc-clients', dba, (req, res) => page(req, res, 200));

  router.post('/ops/participants/:id/oidc-clients', form, requireCsrf, dba, async (req, res) => {
    const id = String(req.params.id);
    const values = {
      redirectUris: field(req, 'redirectUris').slice(0, 25_000),
      postLogoutRedirectUris: field(req, 'postLogoutRedirectUris').slice(0, 25_000),
      backchannelLogoutUri: field(req, 'backchannelLogoutUri').trim().slice(0, 2500),
      auth: field(req, 'auth').slice(0, 50),
      jwks: field(req, 'jwks'),
      allowRefreshTokens: field(req, 'allowRefreshTokens') === 'on',
    };
    try {
      const issued = await deps.oidcClients.add(
        { id },
        {
          redirectUris: lines(values.redirectUris),
          postLogoutRedirectUris: lines(values.postLogoutRedirectUris),
          backchannelLogoutUri: values.backchannelLogoutUri || null,
          tokenEndpointAuthMethod: values.auth || null,
          // The key field counts only for private_key_jwt: a JWKS left in the box under another choice is refused by the service.
          jwks: values.jwks.trim() ? values.jwks : null,
          refreshTokensAllowed: values.allowRefreshTokens,
        },
        operatorActor(req, currentOperator(res)),
      );
      return issuedPage(req, res, issued, 'added');
    } catch (e) {
      // Refused: shown beside the form with what was typed (the page itself answers 404 for an unknown participant).
      if (correctable(e)) return page(req, res, (e as { status: number }).status, { error: (e as Error).message, values });
      throw e;
    }
  });

  router.post('/ops/participants/:id/oidc-clients/remove', form, requireCsrf, dba, async (req, res) => {
    const id = String(req.params.id);
    try {
      await deps.oidcClients.remove(field(req, 'clientId'), operatorActor(req, currentOperator(res)), id);
    } catch (e) {
      if (correctable(e)) return page(req, res, (e as { status: number }).status, { error: (e as Error).message });
      throw e;
    }
    res.redirect(303, `${base(id)}?done=removed`);
  });

  router.post('/ops/participants/:id/oidc-clients/rotate-secret', form, requireCsrf, dba, async (req, res) => {
    const id = String(req.params.id);
    try {
      const client = (await deps.oidcClients.list({ id })).clients.find((c) => c.clientId === field(req, 'clientId'));
      if (!client) throw new NotFoundError(`unknown OIDC client '${field(req, 'clientId')}'`);
      return issuedPage(
        req,
        res,
        await deps.oidcClients.rotateSecret(client.clientId, operatorActor(req, currentOperator(res))),
        'rotated',
      );
    } catch (e) {
      if (correctable(e)) return page(req, res, (e as { status: number }).status, { error: (e as Error).message });
      throw e;
    }
  });

  return router;
}

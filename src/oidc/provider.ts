import crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Keyring, pairwisePseudonym } from '../crypto/field-cipher';
import { thumbprint } from '../crypto/hub-signer';
import type { SigningKeys } from '../crypto/secrets';
import type { ReleaseRecorder } from '../domain/audit/ports';
import { verifyOidcClientSecret } from '../domain/federation/oidc-client';
import type { PasswordHasher } from '../domain/identity/ports';
import type { Repositories } from '../domain/ports';
import type { Logger } from '../logger';
import { DatabaseAdapter, PARTICIPANT_PROPERTY } from './adapter';
import { OIDC_SCOPES, providerClaimsConfig } from './claims';
import { oidcGate, releaseClaims } from './release';

/**
 * The hub's OpenID Connect provider: panva's oidc-provider, configured to the hub's rules —
 * authorization code flow only, PKCE (S256) required, redirect URIs matched exactly, ID tokens signed
 * RS256 with the hub's signing keys (the active key signs; a staged or previous key is published too,
 * as in the SAML metadata), `sub` the participant's pairwise pseudonym (the persistent NameID of SAML),
 * claims only from the release pipeline. Its state lives in the database (adapter.ts). Logging in is
 * the hub's own: every authorization hands off to /oidc/interaction/:uid (web/oidc), which checks the
 * hub session and the licence gate and resumes the provider.
 */

export interface OidcContext {
  /** BASE_URL + '/oidc'. */
  readonly issuer: string;
  readonly signingKeys: SigningKeys;
  /** Keys for the provider's signed cookies, derived from the hub's session secret (cookieKeysFrom). */
  readonly cookieKeys: readonly string[];
  readonly keyring: Keyring;
  readonly repos: Repositories;
  readonly recorder: ReleaseRecorder;
  readonly hasher: PasswordHasher;
  readonly logger: Logger;
  /** TRUST_PROXY is set: the proxy's X-Forwarded-Proto tells whether the request came over https. */
  readonly behindProxy: boolean;
  /** The hub's pages (web/oidc): an error that cannot go back to the client, the logout question, logged out. */
  readonly pages: OidcPages;
}

export interface OidcPages {
  error(error: { error: string; description: string | undefined }): string;
  /** RP-initiated logout: ask the user (the provider's form: where it posts and its xsrf token). */
  logout(form: { action: string; xsrf: string }, req: unknown): string;
  loggedOut(): string;
}

/** The parts of oidc-provider the hub uses. */
export interface OidcProvider {
  readonly issuer: string;
  proxy: boolean;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<OidcInteraction>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, opts?: object): Promise<void>;
  /** Stores the result and returns where the provider resumes (without answering the request). */
  interactionResult(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, opts?: object): Promise<string>;
  on(event: string, listener: (...args: unknown[]) => void): void;
  readonly Grant: new (init: { accountId: string; clientId: string }) => OidcGrant;
  readonly Client: {
    prototype: {
      compareClientSecret(this: { clientId: string }, actual: string): Promise<boolean>;
      redirectUriAllowed(this: { redirectUris: readonly string[] }, value: string): boolean;
      postLogoutRedirectUriAllowed(this: { postLogoutRedirectUris: readonly string[] }, value: string): boolean;
    };
    find(
      clientId: string,
    ): Promise<{ backchannelLogoutUri?: string; backchannelLogout(sub: string, sid: string): Promise<void> } | undefined>;
  };
  /** Adds a Koa middleware around the provider's routes. */
  use(middleware: (ctx: OidcKoaContext, next: () => Promise<void>) => Promise<void>): void;
}

/** What the hub's Koa middleware reads of a provider request. */
export interface OidcKoaContext {
  readonly req: IncomingMessage;
  /** The answer's status once the provider handled the request (a confirmed logout redirects: 303). */
  readonly status: number;
  readonly oidc?: { readonly route?: string; readonly body?: Record<string, unknown> };
}

export interface OidcGrant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}

export interface OidcInteraction {
  readonly uid: string;
  readonly iat: number;
  readonly params: Record<string, string | undefined>;
  readonly prompt: { readonly name: string; readonly reasons: readonly string[] };
  readonly session?: { readonly accountId: string };
  readonly grantId?: string;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The provider's cookie keys: never a constant, derived from the hub's session secret (HKDF). */
export function cookieKeysFrom(sessionSecret: string): string[] {
  return [Buffer.from(crypto.hkdfSync('sha256', sessionSecret, Buffer.alloc(0), 'leerpoort oidc cookies v1', 32)).toString('base64url')];
}

/** The hub's signing keys as the provider's private JWKS: the active key first (it signs), then next and previous. */
export function signingJwks(keys: SigningKeys): Array<Record<string, unknown>> {
  return [keys.active, keys.next, keys.previous]
    .filter((k) => k !== null)
    .map((k) => ({
      ...crypto.createPrivateKey(k.privateKeyPem).export({ format: 'jwk' }),
      // The same key id the hub's other signatures use: the certificate's SHA-256 thumbprint.
      kid: thumbprint(k.certificatePem),
      alg: 'RS256',
      use: 'sig',
    }));
}

/** The participant a loaded client belongs to. */
export function participantOf(client: { metadata(): Record<string, unknown> }): string {
  const id = client.metadata()[PARTICIPANT_PROPERTY];
  if (typeof id !== 'string') throw new Error('an OIDC client without its participant');
  return id;
}

interface ProviderModule {
  default: new (issuer: string, configuration: Record<string, unknown>) => OidcProvider;
  errors: Record<string, new (description?: string) => Error>;
  interactionPolicy: {
    base(): Array<{ name: string; checks: unknown[] }> & { get(name: string): { checks: unknown[] } };
    Check: new (reason: string, description: string, error: string, check: (ctx: ProviderContext) => boolean) => unknown;
  };
}

interface ProviderContext {
  readonly req: IncomingMessage;
  readonly oidc: {
    readonly params?: Record<string, unknown>;
    readonly result?: { readonly login?: unknown };
    readonly client?: { readonly clientId: string; metadata(): Record<string, unknown> };
  };
  type: string;
  body: string;
  readonly response: { get(header: string): string };
  set(header: string, value: string): void;
}

interface TokenLike {
  readonly clientId?: string;
}

export async function createOidcProvider(ctx: OidcContext): Promise<OidcProvider> {
  // oidc-provider is ESM only; the hub compiles to CommonJS, where tsc keeps this import() as it is.
  const mod = (await import('oidc-provider')) as unknown as ProviderModule;
  const { errors, interactionPolicy } = mod;

  const clientOf = async (clientId: string | undefined) => {
    const record = clientId ? await ctx.repos.oidcClients.findByClientId(clientId) : null;
    return record ? { clientId: record.clientId, participantId: record.participantId } : null;
  };

  // The hub decides on every authorization, not the provider's own session: the login prompt is always
  // requested until the hub's interaction route has answered it for this very request. So a pupil who
  // logged out of the hub (or another pupil at the same computer) is never let through on an old
  // provider session, and the licence gate runs before every code.
  const policy = interactionPolicy.base();
  policy
    .get('login')
    .checks.unshift(
      new interactionPolicy.Check(
        'hub_session',
        'the hub checks its login and the licence gate on every authorization',
        'login_required',
        (c) => !c.oidc.result?.login,
      ),
    );

  const provider = new mod.default(ctx.issuer, {
    adapter: (name: string) =>
      new DatabaseAdapter(name, {
        payloads: ctx.repos.oidcPayloads,
        clients: ctx.repos.oidcClients,
        invalidGrant: errors.InvalidGrant as new (d: string) => Error,
      }),
    clients: [],
    extraClientMetadata: { properties: [PARTICIPANT_PROPERTY] },
    sectorIdentifierUriValidate: () => false,
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: (_c: unknown, accountId: string, client: { metadata(): Record<string, unknown> }) =>
      pairwisePseudonym(ctx.keyring, participantOf(client), accountId),
    responseTypes: ['code'],
    pkce: { required: () => true },
    allowOmittingSingleRegisteredRedirectUri: false,
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    enabledJWA: {
      idTokenSigningAlgValues: ['RS256'],
      clientAuthSigningAlgValues: ['RS256', 'PS256', 'ES256'],
      userinfoSigningAlgValues: ['RS256'],
    },
    jwks: { keys: signingJwks(ctx.signingKeys) },
    cookies: {
      keys: [...ctx.cookieKeys],
      names: { session: 'leerpoort.oidc', interaction: 'leerpoort.oidc.interaction', resume: 'leerpoort.oidc.resume' },
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    scopes: ['openid', 'offline_access', ...OIDC_SCOPES.map((s) => s.scope)],
    claims: providerClaimsConfig(),
    // The released claims go into the ID token itself (and userinfo), not only into userinfo.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: false },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // The provider's form, asked again in the hub's own page (its action and token taken out of it).
        async logoutSource(c: ProviderContext, form: string) {
          const action = /action="([^"]+)"/.exec(form)?.[1] ?? '';
          const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
          // The confirmation posts to the hub and is redirected to the client's registered (already
          // checked) post-logout URI: the page's form-action must allow that origin, or the browser stops.
          const back = c.oidc.params?.post_logout_redirect_uri;
          const csp = c.response.get('Content-Security-Policy');
          if (typeof back === 'string' && csp)
            c.set('Content-Security-Policy', csp.replace("form-action 'self'", `form-action 'self' ${new URL(back).origin}`));
          c.type = 'html';
          c.body = ctx.pages.logout({ action, xsrf }, c.req);
        },
        async postLogoutSuccessSource(c: ProviderContext) {
          c.type = 'html';
          c.body = ctx.pages.loggedOut();
        },
      },
      backchannelLogout: { enabled: true },
    },
    interactions: {
      policy,
      url: (_c: unknown, interaction: { uid: string }) => `${new URL(ctx.issuer).pathname}/interaction/${interaction.uid}`,
    },
    ttl: {
      AuthorizationCode: MINUTE,
      AccessToken: 10 * MINUTE,
      IdToken: 10 * MINUTE,
      Interaction: HOUR,
      Session: 8 * HOUR,
      Grant: 14 * DAY,
      RefreshToken: 14 * DAY,
    },
    // Refresh tokens only to a client whose record allows them (its grant types), and only on request.
    issueRefreshToken: (_c: unknown, client: { grantTypeAllowed(t: string): boolean }, code: { scopes: Set<string> }) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    async findAccount(c: ProviderContext, sub: string, token?: TokenLike) {
      const client = await clientOf(token?.clientId ?? c.oidc.client?.clientId);
      if (!client) return undefined;
      // Redeeming a code or refresh token, or answering userinfo: the gate again, in the database now.
      if (token && !(await oidcGate(ctx.repos, sub, client, new Date())).allowed) return undefined;
      return {
        accountId: sub,
        async claims(use: 'id_token' | 'userinfo', scope: string) {
          const claims = await releaseClaims(ctx.repos, ctx.recorder, sub, client, scope ?? '', use, new Date());
          if (!claims) throw new errors.AccessDenied('the school no longer allows this participant access');
          // The provider turns `sub` (the hub's person id) into the pairwise pseudonym before it leaves.
          return { ...claims, sub };
        },
      };
    },
    async renderError(c: ProviderContext, out: { error: string; error_description?: string }) {
      c.type = 'html';
      c.body = ctx.pages.error({ error: out.error, description: out.error_description });
    },
  });
  provider.proxy = ctx.behindProxy;
  // Clients authenticate with a secret the hub keeps only as an argon2id hash: the record is read again
  // and the presented secret verified against it (the provider awaits this method).
  provider.Client.prototype.compareClientSecret = async function compareClientSecret(actual: string) {
    const record = await ctx.repos.oidcClients.findByClientId(this.clientId);
    return record ? verifyOidcClientSecret(record, actual, ctx.hasher) : false;
  };
  // Redirect URIs match as registered, character for character (simple string comparison, RFC 9700
  // §4.1.3): oidc-provider would compare them after URL normalisation (case, default port, dot segments).
  provider.Client.prototype.redirectUriAllowed = function redirectUriAllowed(value: string) {
    return this.redirectUris.includes(value);
  };
  provider.Client.prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(value: string) {
    return this.postLogoutRedirectUris.includes(value);
  };
  provider.on('server_error', (_c: unknown, err: unknown) => ctx.logger.error({ err }, 'OIDC provider error'));
  return provider;
}

/**
 * Ends everything a person holds at the provider — sessions, grants, codes, tokens (refresh tokens too) —
 * after telling each client of their sessions that registered a back-channel logout URI (a signed logout
 * token, as the provider sends at RP-initiated logout). A client that cannot be reached is logged; the
 * records end all the same. Used by every hub logout: "log out everywhere", the portal's logout and SAML
 * Single Logout (web/saml/slo.routes.ts says why the person's records, not only one browser's).
 */
export async function endOidcForAccount(
  provider: OidcProvider,
  repos: Pick<Repositories, 'oidcPayloads'>,
  logger: Logger,
  accountId: string,
): Promise<{ records: number; notified: number }> {
  let notified = 0;
  for (const session of await repos.oidcPayloads.listForAccount('Session', accountId, new Date())) {
    const authorizations = (session.authorizations ?? {}) as Record<string, { sid?: string }>;
    for (const [clientId, { sid }] of Object.entries(authorizations)) {
      const client = await provider.Client.find(clientId);
      if (!client?.backchannelLogoutUri) continue;
      try {
        await client.backchannelLogout(accountId, sid ?? '');
        notified++;
      } catch (err) {
        logger.warn({ err, clientId }, 'OIDC back-channel logout failed');
      }
    }
  }
  return { records: await repos.oidcPayloads.destroyForAccount(accountId), notified };
}

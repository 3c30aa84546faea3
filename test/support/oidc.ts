import crypto from 'node:crypto';
import type { OidcClientRecord } from '../../src/domain/federation/oidc-client';
import type { Hub } from '../../src/main';
import { type Browser, csrfOf, decodeHtml } from './hub';

/** openid-client (panva, ESM): loaded with a real dynamic import, as the hub loads oidc-provider. */
export const loadOpenIdClient = () => import('openid-client');
export type OpenIdClient = Awaited<ReturnType<typeof loadOpenIdClient>>;

/** Registers an OIDC client for a participant through the clients' repository (as the operator's command stores it). */
export async function addOidcClient(
  hub: Hub,
  participantId: string,
  opts: Partial<Omit<OidcClientRecord, 'createdAt' | 'secretHash'>> & { secret?: string } = {},
): Promise<{ clientId: string; secret: string }> {
  const secret = opts.secret ?? crypto.randomBytes(24).toString('base64url');
  const clientId = opts.clientId ?? `lp-${crypto.randomBytes(12).toString('base64url')}`;
  await hub.db.repositories.oidcClients.add({
    clientId,
    participantId,
    redirectUris: opts.redirectUris ?? ['https://rp.example/cb'],
    postLogoutRedirectUris: opts.postLogoutRedirectUris ?? ['https://rp.example/logged-out'],
    tokenEndpointAuthMethod: opts.tokenEndpointAuthMethod ?? 'client_secret_basic',
    secretHash: await hub.passwordHasher.hash(secret),
    jwks: null,
    backchannelLogoutUri: opts.backchannelLogoutUri ?? null,
    refreshTokensAllowed: opts.refreshTokensAllowed ?? false,
  });
  return { clientId, secret };
}

/**
 * Follows an authorization request through the hub as a browser does — the provider, the hand-off to
 * /login (password form), back to the interaction — until a redirect leaves the hub (the client's
 * redirect URI) or a page is shown. `login`: the credentials to type when the login page comes.
 */
export async function followAuthorization(
  browser: Browser,
  hubBaseUrl: string,
  authorizationUrl: string,
  login?: { username: string; password: string },
): Promise<{ status: number; location: string | null; body: string; sawLogin: boolean }> {
  let res = await browser.request(authorizationUrl);
  let sawLogin = false;
  for (let hops = 0; hops < 12; hops++) {
    // The hub's "back to your learning material" page after a login form moves on by meta refresh.
    const refresh = res.status === 200 ? /<meta http-equiv="refresh" content="0;url=([^"]+)">/.exec(res.body)?.[1] : undefined;
    if (refresh) {
      res = await browser.request(new URL(decodeHtml(refresh), hubBaseUrl).href);
      continue;
    }
    if (!res.location?.startsWith(hubBaseUrl)) return { ...res, sawLogin };
    if (new URL(res.location).pathname === '/login') {
      if (!login) return { ...res, sawLogin: true };
      sawLogin = true;
      const page = await browser.request(res.location);
      const returnTo = /name="return" value="([^"]+)"/.exec(page.body)?.[1];
      if (!returnTo) throw new Error(`no login form:\n${page.body.slice(0, 400)}`);
      res = await browser.request(`${hubBaseUrl}/login`, {
        form: { _csrf: csrfOf(page.body), return: decodeHtml(returnTo), username: login.username, password: login.password },
      });
      continue;
    }
    res = await browser.request(res.location);
  }
  throw new Error('too many redirects');
}

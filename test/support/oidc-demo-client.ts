import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadOpenIdClient } from './oidc';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (body: string) =>
  `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>OIDC demo</title></head><body>${body}</body></html>`;

/**
 * A tiny relying party on openid-client (panva), for browser tests: `/` has a login link, `/login` starts
 * the code flow with PKCE, state and nonce, `/cb` redeems the code and shows who logged in and the claims,
 * `/logout` sends the user to the hub's end-session endpoint, which comes back to `/bye`.
 * It talks to the hub over HTTP only. `register` is called with its redirect URI once it listens.
 */
export async function startOidcDemoClient(
  hubBaseUrl: string,
  register: (redirectUri: string, postLogoutRedirectUri: string) => Promise<{ clientId: string; secret: string }>,
  scope = 'openid profile school groups year_group roles',
): Promise<{ url: string; close(): Promise<void> }> {
  const oc = await loadOpenIdClient();
  const pending = new Map<string, { verifier: string; nonce: string }>();
  let config: Awaited<ReturnType<typeof oc.discovery>> | null = null;
  let redirectUri = '';
  let postLogoutRedirectUri = '';
  /** The last ID token (one user at a time: a test client), for RP-initiated logout. */
  let idToken = '';

  const server = http.createServer((req, res) => {
    const handle = async () => {
      const url = new URL(req.url ?? '/', redirectUri);
      if (url.pathname === '/')
        return res.writeHead(200, { 'content-type': 'text/html' }).end(page('<a href="/login">Inloggen via Leerpoort</a>'));
      if (url.pathname === '/login') {
        const verifier = oc.randomPKCECodeVerifier();
        const state = oc.randomState();
        const nonce = oc.randomNonce();
        pending.set(state, { verifier, nonce });
        const to = oc.buildAuthorizationUrl(config!, {
          redirect_uri: redirectUri,
          scope,
          code_challenge: await oc.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
          nonce,
        });
        return res.writeHead(302, { location: to.href }).end();
      }
      if (url.pathname === '/cb') {
        const state = url.searchParams.get('state') ?? '';
        const p = pending.get(state);
        pending.delete(state);
        if (!p || url.searchParams.has('error'))
          return res
            .writeHead(400, { 'content-type': 'text/html' })
            .end(page(`<h1>Niet ingelogd</h1><p id="error">${esc(url.searchParams.get('error') ?? 'state')}</p>`));
        const tokens = await oc.authorizationCodeGrant(config!, url, {
          pkceCodeVerifier: p.verifier,
          expectedState: state,
          expectedNonce: p.nonce,
        });
        const claims = tokens.claims()!;
        idToken = tokens.id_token ?? '';
        const rows = Object.entries(claims)
          .map(([k, v]) => `<dt>${esc(k)}</dt><dd data-claim="${esc(k)}">${esc(typeof v === 'string' ? v : JSON.stringify(v))}</dd>`)
          .join('');
        return res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(page(`<h1>Welkom, ${esc(String(claims.given_name ?? ''))}</h1><dl>${rows}</dl><a href="/logout">Uitloggen</a>`));
      }
      if (url.pathname === '/logout') {
        const to = oc.buildEndSessionUrl(config!, {
          id_token_hint: idToken,
          post_logout_redirect_uri: postLogoutRedirectUri,
          state: 'bye',
        });
        return res.writeHead(302, { location: to.href }).end();
      }
      if (url.pathname === '/bye')
        return res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(page(`<h1>Uitgelogd</h1><p id="state">${esc(url.searchParams.get('state') ?? '')}</p>`));
      res.writeHead(404).end();
    };
    handle().catch((e: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`error: ${e.message}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  redirectUri = `${url}/cb`;
  postLogoutRedirectUri = `${url}/bye`;
  const { clientId, secret } = await register(redirectUri, postLogoutRedirectUri);
  config = await oc.discovery(new URL(`${hubBaseUrl}/oidc`), clientId, undefined, oc.ClientSecretBasic(secret), {
    execute: [oc.allowInsecureRequests],
  });
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

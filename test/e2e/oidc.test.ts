import { X509Certificate } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { type Profile, ValidateInResponseTo } from '@node-saml/node-saml';
import { expect } from 'chai';
import { thumbprint } from '../../src/crypto/hub-signer';
import { NAMEID_FORMAT } from '../../src/saml/xml/namespaces';
import { rejects } from '../support/assert';
import { nodeSamlLogin, nodeSamlSp, registerSp, seedSchool, testSpKeys, type SeededSchool } from '../support/federation';
import { Browser, decodeHtml, loginThroughSso, readPostForm, startTestHub, type TestHub } from '../support/hub';
import { runCli } from '../support/cli';
import { TEST_KEYRING_TEXT } from '../support/env';
import { addOidcClient, followAuthorization, loadOpenIdClient, type OpenIdClient } from '../support/oidc';
import type { Backend } from '../support/postgres';

const PARTICIPANT = 'Uitgeverij OIDC';
const REDIRECT = 'https://rp.example/cb';
/** Every scope the hub offers; the release pipeline decides what of it this participant gets. */
const ALL_SCOPES = 'openid profile email birthdate gender eckid school groups year_group roles las_keys';

/** What the release pipeline lets through to a participant without a recorded need, for the seeded pupil. */
const PUPIL_CLAIMS = (brin: string) => ({
  given_name: 'Fenna',
  infix: 'ter',
  family_name: 'Horst',
  eckid: `https://ketenid.nl/201703/${brin.toLowerCase()}`,
  brin,
  groups: ['Groep 6'],
  group_keys: ['G6'],
  year_group: '6',
  roles: ['student', 'member'],
});

function suite(backend: Backend, full: boolean) {
  describe(`OpenID Connect provider with openid-client as the relying party (real HTTP) [${backend}]`, function () {
    let t: TestHub;
    let oc: OpenIdClient;
    let school: SeededSchool;
    let participantId: string;
    let client: { clientId: string; secret: string };
    let config: Awaited<ReturnType<OpenIdClient['discovery']>>;

    before(async function () {
      oc = await loadOpenIdClient();
      t = await startTestHub(this, 'oidc', {}, backend);
      school = await seedSchool(t.hub, { brin: '31OI', participant: PARTICIPANT });
      participantId = (await t.hub.db.repositories.participants.findByName(PARTICIPANT))!.id;
      client = await addOidcClient(t.hub, participantId);
      config = await oc.discovery(new URL(`${t.baseUrl}/oidc`), client.clientId, undefined, oc.ClientSecretBasic(client.secret), {
        execute: [oc.allowInsecureRequests],
      });
    });
    after(async () => t?.stop());

    /** An authorization request as openid-client builds it, with fresh PKCE, state and nonce. */
    async function request(params: Record<string, string> = {}, cfg = config) {
      const verifier = oc.randomPKCECodeVerifier();
      const state = oc.randomState();
      const nonce = oc.randomNonce();
      const url = oc.buildAuthorizationUrl(cfg, {
        redirect_uri: REDIRECT,
        scope: ALL_SCOPES,
        code_challenge: await oc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...params,
      });
      return { url: url.href, verifier, state, nonce };
    }

    /** Logs the pupil in through the hub and returns the callback the relying party receives. */
    async function loginAs(who: { username: string; password: string }, params: Record<string, string> = {}, browser = new Browser()) {
      const r = await request(params);
      const res = await followAuthorization(browser, t.baseUrl, r.url, who);
      return { ...r, res, browser, callback: res.location ? new URL(res.location) : null };
    }

    /** The pupil through the code flow of client `cfg` in `browser`: the token response, checked by openid-client. */
    async function codeFlowTokens(cfg: typeof config, params: Record<string, string>, browser: Browser) {
      const r = await request(params, cfg);
      const res = await followAuthorization(browser, t.baseUrl, r.url, school.pupil);
      return oc.authorizationCodeGrant(cfg, new URL(res.location!), {
        pkceCodeVerifier: r.verifier,
        expectedState: r.state,
        expectedNonce: r.nonce,
      });
    }

    const ledgerOf = (schoolBrin: string) =>
      t.hub.db.dataSource.query(
        `SELECT l.channel, l.oidc_client_id, l.service_provider_id, l.categories, l.people_count
           FROM release_ledger l JOIN schools s ON s.id = l.school_id WHERE s.brin = $1 ORDER BY l.id`,
        [schoolBrin],
      ) as Promise<
        Array<{
          channel: string;
          oidc_client_id: string | null;
          service_provider_id: string | null;
          categories: string[];
          people_count: number;
        }>
      >;

    it('publishes a discovery document and a JWKS built from the hub signing key (public parts only)', async () => {
      const meta = config.serverMetadata();
      expect(meta.issuer).to.equal(`${t.baseUrl}/oidc`);
      expect(meta.response_types_supported).to.deep.equal(['code']);
      expect(meta.code_challenge_methods_supported).to.deep.equal(['S256']);
      expect(meta.subject_types_supported).to.deep.equal(['pairwise']);
      expect(meta.id_token_signing_alg_values_supported).to.deep.equal(['RS256']);
      expect(meta.grant_types_supported).not.to.include('implicit');
      expect(meta.scopes_supported).to.include.members(['openid', 'profile', 'eckid', 'school', 'groups', 'year_group', 'roles']);
      expect(meta.claims_supported).to.include.members(['sub', 'given_name', 'family_name', 'infix', 'eckid', 'brin', 'groups']);
      expect(meta.revocation_endpoint).to.equal(`${t.baseUrl}/oidc/token/revocation`);
      expect(meta.end_session_endpoint).to.equal(`${t.baseUrl}/oidc/session/end`);
      expect(meta.backchannel_logout_supported).to.equal(true);
      const jwks = (await (await fetch(meta.jwks_uri!)).json()) as { keys: Array<Record<string, string>> };
      expect(jwks.keys).to.have.length(1);
      const [key] = jwks.keys;
      expect(key!.kid).to.equal(thumbprint(t.hub.secrets.samlSigning.certificatePem));
      expect(key!.kty).to.equal('RSA');
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key, secret).not.to.have.property(secret);
      // The published key is the one in the SAML signing certificate.
      const certJwk = new X509Certificate(t.hub.secrets.samlSigning.certificatePem).publicKey.export({ format: 'jwk' });
      expect(key!.n).to.equal(certJwk.n);
    });

    it('logs a pupil in with code + PKCE: the ID token verifies against the JWKS and carries exactly the released claims', async () => {
      const before = (await ledgerOf(school.brin)).length;
      const { callback, verifier, state, nonce, res } = await loginAs(school.pupil);
      expect(callback, res.body.slice(0, 300)).not.to.equal(null);
      expect(callback!.origin + callback!.pathname).to.equal(REDIRECT);
      expect(callback!.searchParams.get('code')).to.be.a('string');
      const tokens = await oc.authorizationCodeGrant(config, callback!, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      expect(claims.iss).to.equal(`${t.baseUrl}/oidc`);
      expect(claims.aud).to.equal(client.clientId);
      const released = Object.fromEntries(Object.entries(claims).filter(([k]) => !PROTOCOL_CLAIMS.has(k)));
      // Birth date, gender and e-mail were asked for but this participant has no recorded need: not released.
      expect(released).to.deep.equal(PUPIL_CLAIMS(school.brin));
      expect(tokens.refresh_token, 'this client may not have refresh tokens').to.equal(undefined);

      const info = await oc.fetchUserInfo(config, tokens.access_token, claims.sub);
      expect(Object.fromEntries(Object.entries(info).filter(([k]) => k !== 'sub'))).to.deep.equal(PUPIL_CLAIMS(school.brin));

      // One ledger row per release (the ID token, then userinfo): categories, never values.
      const rows = (await ledgerOf(school.brin)).slice(before);
      expect(rows).to.have.length(2);
      for (const r of rows) {
        // Channel oidc with the client: the school's ledger tells an OIDC release from a SAML one.
        expect(r.channel).to.equal('oidc');
        expect(r.oidc_client_id).to.equal(client.clientId);
        expect(r.service_provider_id).to.equal(null);
        expect(r.people_count).to.equal(1);
        expect([...r.categories].sort()).to.deep.equal(
          ['affiliation', 'brin', 'eckId', 'firstName', 'groupKey', 'groupName', 'infix', 'lastName', 'yearGroup'].sort(),
        );
      }
      // The school's ledger view (the repository the management screen and the CLI read) names the client.
      const [schoolRow] = await t.hub.db.repositories.schools.findByBrin(school.brin);
      const listed = (await t.hub.db.repositories.ledger.list({ schoolId: schoolRow!.id, limit: 2 })).reverse();
      expect(listed.map((r) => [r.channel, r.oidcClientId, r.participantName])).to.deep.equal([
        ['oidc', client.clientId, PARTICIPANT],
        ['oidc', client.clientId, PARTICIPANT],
      ]);
      const audit = await t.hub.db.repositories.audit.list({ action: 'oidc.sso.success', actorId: school.pupil.personId });
      expect(audit.length).to.be.at.least(2);
      expect(audit[0]!.details).to.include({ clientId: client.clientId, source: 'oidc' });
    });

    if (full) {
      it('gives the same subject and the same values as a SAML SSO of the same pupil to the same participant', async () => {
        const keys = await testSpKeys();
        const entityId = 'https://sp.uitgeverij-oidc.example/saml';
        const acs = 'http://127.0.0.1:9/acs';
        const sp = nodeSamlSp({
          hubUrl: t.baseUrl,
          idpCert: t.hub.secrets.samlSigning.certificatePem,
          entityId,
          acs,
          keys,
          decrypt: true,
          validateInResponseTo: ValidateInResponseTo.never,
        });
        await registerSp(
          t.hub,
          PARTICIPANT,
          sp.generateServiceProviderMetadata(keys.encryption.certificatePem, keys.signing.certificatePem),
          {
            attributes: ['givenName', 'sn', 'tussenvoegsel', 'groepNaam', 'groepKey', 'jaargroep', 'brin', 'eduPersonAffiliation', 'eckId'],
          },
        );
        const profile = await nodeSamlLogin(sp, school.pupil);
        expect(profile!.nameIDFormat).to.equal(NAMEID_FORMAT.persistent);

        const { callback, verifier, state, nonce } = await loginAs(school.pupil);
        const claims = (
          await oc.authorizationCodeGrant(config, callback!, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce })
        ).claims()!;
        expect(claims.sub, 'pairwise sub = persistent NameID').to.equal(profile!.nameID);
        expect(claims.given_name).to.equal(profile!['urn:oid:2.5.4.42']);
        expect(claims.family_name).to.equal(profile!['urn:oid:2.5.4.4']);
        expect(claims.infix).to.equal(profile!['urn:mace:leerpoort.nl:attribute-def:tussenvoegsel']);
        expect(claims.groups).to.deep.equal([profile!['urn:mace:leerpoort.nl:attribute-def:groepNaam']]);
        expect(claims.group_keys).to.deep.equal([profile!['urn:mace:leerpoort.nl:attribute-def:groepKey']]);
        expect(claims.year_group).to.equal(profile!['urn:mace:leerpoort.nl:attribute-def:jaargroep']);
        expect(claims.brin).to.equal(profile!['urn:mace:leerpoort.nl:attribute-def:brin']);
        expect(claims.eckid).to.equal(profile!['urn:mace:leerpoort.nl:attribute-def:eckId']);
        expect(claims.roles).to.deep.equal(profile!['urn:oid:1.3.6.1.4.1.5923.1.1.1.1']);

        // Another participant's client sees another subject for the same pupil.
        await seedSchool(t.hub, { brin: '32OI', participant: 'Andere Uitgever' });
        const other = (await t.hub.db.repositories.participants.findByName('Andere Uitgever'))!.id;
        await t.hub.services.licences.grant(
          { brin: school.brin, productName: 'Andere Uitgever Rekenen', participantName: 'Andere Uitgever', target: { groupKey: 'G6' } },
          { type: 'cli', id: 'test' },
        );
        await t.hub.services.licences.setActivation(
          { brin: school.brin, participantName: 'Andere Uitgever', enabled: true },
          { type: 'cli', id: 'test' },
        );
        const otherClient = await addOidcClient(t.hub, other);
        const otherConfig = await oc.discovery(
          new URL(`${t.baseUrl}/oidc`),
          otherClient.clientId,
          undefined,
          oc.ClientSecretBasic(otherClient.secret),
          {
            execute: [oc.allowInsecureRequests],
          },
        );
        const r = await request({ scope: 'openid' }, otherConfig);
        const res = await followAuthorization(new Browser(), t.baseUrl, r.url, school.pupil);
        const otherClaims = (
          await oc.authorizationCodeGrant(otherConfig, new URL(res.location!), {
            pkceCodeVerifier: r.verifier,
            expectedState: r.state,
            expectedNonce: r.nonce,
          })
        ).claims()!;
        expect(otherClaims.sub)
          .to.match(/^[A-Za-z0-9_-]{43}$/)
          .and.not.equal(claims.sub);
        expect(otherClaims).not.to.have.property('given_name');
      });

      // After the SAML SSO above, the school's ledger holds both channels. (The CLI cannot open the embedded
      // data folder while the hub runs on it: this suite's full run is on PostgreSQL.)
      it('the ledger CLI names OpenID Connect and the client for OIDC releases, SAML SSO for SAML ones', async () => {
        const env = {
          DATABASE_URL: t.hub.config.databaseUrl!,
          CERTS_DIR: t.certsDir,
          DATA_ENCRYPTION_KEY: TEST_KEYRING_TEXT,
          LOG_LEVEL: 'warn',
        };
        const text = await runCli(['ledger', '--school', school.brin], env);
        expect(text.code, text.stderr).to.equal(0);
        const lines = text.stdout.trim().split('\n');
        expect(lines.some((l) => l.endsWith(`via OpenID Connect (${client.clientId})`))).to.equal(true);
        expect(lines.some((l) => l.endsWith('via SAML SSO'))).to.equal(true);
        const json = await runCli(['ledger', '--school', school.brin, '--json'], env);
        const rows = JSON.parse(json.stdout) as Array<{ channel: string; oidcClientId: string | null }>;
        // The clients of this suite's OIDC logins (this one and the other one above), each row naming its own.
        const oidcClients = new Set(rows.filter((r) => r.channel === 'oidc').map((r) => r.oidcClientId));
        expect(oidcClients).to.include(client.clientId);
        for (const id of oidcClients) expect(await t.hub.db.repositories.oidcClients.findByClientId(id!), String(id)).not.to.equal(null);
        expect(rows.filter((r) => r.channel === 'sso').every((r) => r.oidcClientId === null)).to.equal(true);
      });

      it('answers an unregistered redirect URI with the hub page, never a redirect', async () => {
        for (const redirect of [
          `${REDIRECT}/`,
          `${REDIRECT}?x=1`,
          'https://evil.example/cb',
          'HTTPS://rp.example/cb',
          'https://rp.example:443/cb',
          'https://rp.example/x/../cb',
        ]) {
          const r = await request({ redirect_uri: redirect });
          const res = await new Browser().request(r.url);
          expect(res.status, redirect).to.equal(400);
          expect(res.location, redirect).to.equal(null);
          expect(res.body).to.contain('Inloggen via deze link lukt niet').and.contain('redirect_uri');
        }
      });

      it('refuses a request without PKCE, with plain PKCE, and the implicit flow', async () => {
        const noPkce = oc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid', state: 's', nonce: 'n' });
        const a = await new Browser().request(noPkce.href);
        expect(new URL(a.location!).searchParams.get('error')).to.equal('invalid_request');
        expect(new URL(a.location!).searchParams.get('code')).to.equal(null);
        const plain = await request({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' });
        const b = await new Browser().request(plain.url);
        expect(new URL(b.location!).searchParams.get('error')).to.equal('invalid_request');
        const implicit = await request({ response_type: 'id_token' });
        const c = await new Browser().request(implicit.url);
        expect(c.location ?? '').not.to.contain('id_token=');
        expect(c.location ? new URL(c.location.replace('#', '?')).searchParams.get('error') : c.status).to.be.oneOf([
          'unsupported_response_type',
          'invalid_request',
          400,
        ]);
      });

      it('redeems a code once: a second redemption fails and revokes what the first one issued', async () => {
        const { callback, verifier, state, nonce } = await loginAs(school.pupil);
        const checks = { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce };
        const tokens = await oc.authorizationCodeGrant(config, callback!, checks);
        const e = await rejects(oc.authorizationCodeGrant(config, callback!, checks));
        expect(String((e as { error?: string }).error ?? e.message)).to.contain('invalid_grant');
        expect(challengeOf(await rejects(oc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub)))).to.equal('invalid_token');
      });

      it('redeems a code at most once under parallel requests', async () => {
        const { callback, verifier, state, nonce } = await loginAs(school.pupil);
        const checks = { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce };
        const results = await Promise.allSettled([1, 2, 3, 4].map(() => oc.authorizationCodeGrant(config, callback!, checks)));
        expect(results.filter((r) => r.status === 'fulfilled')).to.have.length.at.most(1);
      });

      it('rejects a wrong PKCE verifier, a tampered state and a tampered nonce (checked by openid-client)', async () => {
        const one = await loginAs(school.pupil);
        const wrongVerifier = await rejects(
          oc.authorizationCodeGrant(config, one.callback!, { pkceCodeVerifier: oc.randomPKCECodeVerifier(), expectedState: one.state }),
        );
        expect(String((wrongVerifier as { error?: string }).error)).to.equal('invalid_grant');
        const two = await loginAs(school.pupil);
        const tamperedState = new URL(two.callback!);
        tamperedState.searchParams.set('state', 'tampered');
        const stateError = await rejects(
          oc.authorizationCodeGrant(config, tamperedState, { pkceCodeVerifier: two.verifier, expectedState: two.state }),
        );
        expect(`${stateError.message} ${String((stateError as { cause?: { message?: string } }).cause?.message)}`).to.match(/state/);
        const three = await loginAs(school.pupil);
        const nonceError = await rejects(
          oc.authorizationCodeGrant(config, three.callback!, {
            pkceCodeVerifier: three.verifier,
            expectedState: three.state,
            expectedNonce: 'not-the-nonce-sent',
          }),
        );
        expect(String((nonceError as { cause?: { message?: string } }).cause?.message)).to.match(/nonce/);
      });

      it('refuses an expired code', async () => {
        const { callback, verifier, state } = await loginAs(school.pupil);
        await t.hub.db.dataSource.query(
          "UPDATE oidc_payloads SET expires_at = now() - interval '1 second', payload = jsonb_set(payload, '{exp}', to_jsonb(extract(epoch from now())::int - 1)) WHERE kind = 'AuthorizationCode' AND id = $1",
          [callback!.searchParams.get('code')],
        );
        const e = await rejects(oc.authorizationCodeGrant(config, callback!, { pkceCodeVerifier: verifier, expectedState: state }));
        expect(String((e as { error?: string }).error)).to.equal('invalid_grant');
      });

      it('refuses a wrong client secret', async () => {
        const wrong = await oc.discovery(new URL(`${t.baseUrl}/oidc`), client.clientId, undefined, oc.ClientSecretBasic('not-the-secret'), {
          execute: [oc.allowInsecureRequests],
        });
        const { callback, verifier, state, nonce } = await loginAs(school.pupil);
        const e = await rejects(
          oc.authorizationCodeGrant(wrong, callback!, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce }),
        );
        expect(String((e as { error?: string }).error ?? challengeOf(e))).to.equal('invalid_client');
      });

      it('answers access_denied when the school has not activated the participant, and releases nothing', async () => {
        const other = await seedSchool(t.hub, { brin: '33OI', participant: PARTICIPANT, activate: false });
        const { callback } = await loginAs(other.pupil);
        expect(callback!.origin + callback!.pathname).to.equal(REDIRECT);
        expect(callback!.searchParams.get('error')).to.equal('access_denied');
        expect(callback!.searchParams.get('error_description')).to.equal('not_activated');
        expect(callback!.searchParams.get('code')).to.equal(null);
        expect(await ledgerOf(other.brin)).to.deep.equal([]);
        const refused = await t.hub.db.repositories.audit.list({ action: 'oidc.sso.refused', actorId: other.pupil.personId });
        expect(refused[0]?.details).to.include({ reason: 'not_activated', source: 'oidc' });
      });

      it('stops a code already issued when the licence goes before it is redeemed', async () => {
        const other = await seedSchool(t.hub, { brin: '34OI', participant: PARTICIPANT });
        const { callback, verifier, state } = await loginAs(other.pupil);
        expect(callback!.searchParams.get('code')).to.be.a('string');
        await t.hub.services.licences.setActivation(
          { brin: other.brin, participantName: PARTICIPANT, enabled: false },
          { type: 'cli', id: 'test' },
        );
        const e = await rejects(oc.authorizationCodeGrant(config, callback!, { pkceCodeVerifier: verifier, expectedState: state }));
        expect(String((e as { error?: string }).error)).to.equal('invalid_grant');
        expect(await ledgerOf(other.brin)).to.deep.equal([]);
      });

      it('revokes an access token at the revocation endpoint', async () => {
        const { callback, verifier, state, nonce } = await loginAs(school.pupil);
        const tokens = await oc.authorizationCodeGrant(config, callback!, {
          pkceCodeVerifier: verifier,
          expectedState: state,
          expectedNonce: nonce,
        });
        await oc.tokenRevocation(config, tokens.access_token);
        await rejects(oc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub));
      });

      it('issues refresh tokens only to a client allowed them, and ends them when the pupil logs out everywhere', async () => {
        const allowed = await addOidcClient(t.hub, participantId, { refreshTokensAllowed: true });
        const cfg = await oc.discovery(new URL(`${t.baseUrl}/oidc`), allowed.clientId, undefined, oc.ClientSecretBasic(allowed.secret), {
          execute: [oc.allowInsecureRequests],
        });
        const browser = new Browser();
        const tokens = await codeFlowTokens(cfg, { scope: 'openid profile offline_access', prompt: 'consent' }, browser);
        expect(tokens.refresh_token).to.be.a('string');
        const refreshed = await oc.refreshTokenGrant(cfg, tokens.refresh_token!);
        expect(refreshed.claims()!.sub).to.equal(tokens.claims()!.sub);
        expect(refreshed.claims()!.given_name).to.equal('Fenna');

        // The same request from a client not allowed refresh tokens gets none.
        const noRefresh = await codeFlowTokens(config, { scope: 'openid offline_access', prompt: 'consent' }, browser);
        expect(noRefresh.refresh_token).to.equal(undefined);

        // Log out everywhere (the hub's own page) ends every grant of the pupil: the refresh token is dead.
        const sessions = await browser.request(`${t.baseUrl}/account/sessions`);
        const csrf = /name="_csrf" value="([^"]+)"/.exec(sessions.body)![1]!;
        const out = await browser.request(`${t.baseUrl}/account/sessions/logout-all`, { form: { _csrf: csrf } });
        expect(out.status).to.equal(303);
        const e = await rejects(oc.refreshTokenGrant(cfg, refreshed.refresh_token ?? tokens.refresh_token!));
        expect(String((e as { error?: string }).error)).to.equal('invalid_grant');
      });

      it('logs out at the request of the client (RP-initiated): the hub session ends, clients with a back-channel URI are told', async () => {
        const { received, uri, close } = await backchannelReceiver();
        try {
          const bc = await addOidcClient(t.hub, participantId, { backchannelLogoutUri: uri });
          const bcConfig = await oc.discovery(new URL(`${t.baseUrl}/oidc`), bc.clientId, undefined, oc.ClientSecretBasic(bc.secret), {
            execute: [oc.allowInsecureRequests],
          });
          const browser = new Browser();
          const first = await request({ scope: 'openid' }, bcConfig);
          const res1 = await followAuthorization(browser, t.baseUrl, first.url, school.pupil);
          const bcTokens = await oc.authorizationCodeGrant(bcConfig, new URL(res1.location!), {
            pkceCodeVerifier: first.verifier,
            expectedState: first.state,
            expectedNonce: first.nonce,
          });
          const { callback, verifier, state, nonce } = await loginAs(school.pupil, { scope: 'openid' }, browser);
          const tokens = await oc.authorizationCodeGrant(config, callback!, {
            pkceCodeVerifier: verifier,
            expectedState: state,
            expectedNonce: nonce,
          });

          const end = oc.buildEndSessionUrl(config, {
            id_token_hint: tokens.id_token!,
            post_logout_redirect_uri: 'https://rp.example/logged-out',
            state: 'bye',
          });
          const ask = await browser.request(end.href);
          expect(ask.status).to.equal(200);
          expect(ask.body).to.contain('Uitloggen bij Leerpoort?');
          const action = decodeHtml(/action="([^"]+)"/.exec(ask.body)![1]!);
          const xsrf = /name="xsrf" value="([^"]+)"/.exec(ask.body)![1]!;
          const done = await browser.request(new URL(action, t.baseUrl).href, { form: { xsrf, logout: 'yes' } });
          expect(done.location).to.equal('https://rp.example/logged-out?state=bye');
          // The hub session is gone: the portal asks for the login.
          const portal = await browser.request(`${t.baseUrl}/portal`);
          expect(portal.location ?? '').to.contain('/login');
          // The back-channel client got a logout token for its own (pairwise) subject, signed by the hub.
          expect(received).to.have.length(1);
          const { payload } = await jwtVerify(received[0]!, createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!)), {
            issuer: `${t.baseUrl}/oidc`,
            audience: bc.clientId,
          });
          expect(payload.sub).to.equal(bcTokens.claims()!.sub);
          expect(payload.events).to.have.property('http://schemas.openid.net/event/backchannel-logout');
          expect(payload.sid).to.equal(bcTokens.claims()!.sid);
        } finally {
          await close();
        }
      });

      it('a logout confirmation this browser was not shown (the provider’s own auto-posting form, a forged POST) never ends the hub login', async () => {
        const oidcLogouts = async () =>
          (await t.hub.db.repositories.audit.list({ action: 'logout' })).filter(
            (a) => a.actor.id === school.pupil.personId && (a.details as { source?: string } | null)?.source === 'oidc',
          ).length;
        const before = await oidcLogouts();
        const browser = new Browser();
        await browser.passwordLogin(t.baseUrl, school.pupil.username, school.pupil.password);
        expect((await browser.request(`${t.baseUrl}/portal`)).status).to.equal(200);
        // A link to the end-session endpoint, followed by a browser without an OIDC login: the provider
        // answers with a form that posts itself (no confirmation page of the hub).
        const auto = await browser.request(`${t.baseUrl}/oidc/session/end`);
        expect(auto.status).to.equal(200);
        expect(auto.body).to.contain('document.forms[0].submit()');
        const action = new URL(decodeHtml(/action="([^"]+)"/.exec(auto.body)![1]!), t.baseUrl).href;
        const xsrf = /name="xsrf" value="([^"]+)"/.exec(auto.body)![1]!;
        const posted = await browser.request(action, { form: { xsrf, logout: 'yes' } });
        expect(posted.status, 'the provider ends its own (empty) session').to.equal(303);
        expect((await browser.request(`${t.baseUrl}/portal`)).status, 'the hub login stays').to.equal(200);
        // A forged confirmation with a made-up token: refused by the provider, the hub login stays.
        const forged = await browser.request(action, { form: { xsrf: 'f'.repeat(48), logout: 'yes' } });
        expect(forged.status).to.not.equal(303);
        expect((await browser.request(`${t.baseUrl}/portal`)).status, 'the hub login stays').to.equal(200);
        expect(await oidcLogouts(), 'no hub logout recorded').to.equal(before);
      });

      /**
       * A hub logout ends the OIDC side too: a client allowed refresh tokens, with a back-channel URI, logged
       * in through `browser` (after `first`, e.g. a SAML SSO in the same browser); then `logout`. After it
       * the refresh token and access token are dead and the client got one valid logout token.
       */
      async function expectLogoutEndsOidc(
        first: (browser: Browser) => Promise<void>,
        logout: (browser: Browser) => Promise<void>,
        auditAction: string,
      ) {
        const { received, uri, close } = await backchannelReceiver();
        try {
          const bc = await addOidcClient(t.hub, participantId, { backchannelLogoutUri: uri, refreshTokensAllowed: true });
          const bcConfig = await oc.discovery(new URL(`${t.baseUrl}/oidc`), bc.clientId, undefined, oc.ClientSecretBasic(bc.secret), {
            execute: [oc.allowInsecureRequests],
          });
          const browser = new Browser();
          await first(browser);
          const tokens = await codeFlowTokens(bcConfig, { scope: 'openid offline_access', prompt: 'consent' }, browser);
          expect(tokens.refresh_token).to.be.a('string');
          const refreshed = await oc.refreshTokenGrant(bcConfig, tokens.refresh_token!);
          const refreshToken = refreshed.refresh_token ?? tokens.refresh_token!;
          expect(received).to.deep.equal([]);

          await logout(browser);
          expect((await browser.request(`${t.baseUrl}/portal`)).location ?? '').to.contain('/login');

          const e = await rejects(oc.refreshTokenGrant(bcConfig, refreshToken));
          expect(String((e as { error?: string }).error)).to.equal('invalid_grant');
          await rejects(oc.fetchUserInfo(bcConfig, refreshed.access_token, tokens.claims()!.sub));
          expect(received).to.have.length(1);
          const { payload } = await jwtVerify(received[0]!, createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri!)), {
            issuer: `${t.baseUrl}/oidc`,
            audience: bc.clientId,
          });
          expect(payload.sub).to.equal(tokens.claims()!.sub);
          expect(payload.sid).to.equal(tokens.claims()!.sid);
          expect(payload.events).to.have.property('http://schemas.openid.net/event/backchannel-logout');
          const [logged] = await t.hub.db.repositories.audit.list({ action: auditAction, actorId: school.pupil.personId, limit: 1 });
          expect(logged!.details).to.deep.include({ oidcBackchannel: 1 });
          expect(logged!.details!.oidcRecords).to.be.greaterThan(0);
        } finally {
          await close();
        }
      }

      it('ends the OIDC side at the portal logout: refresh tokens die, clients with a back-channel URI get a logout token', async () => {
        await expectLogoutEndsOidc(
          async () => {},
          async (browser) => {
            // The plain logout button of the portal (not "log out everywhere").
            const home = await browser.request(`${t.baseUrl}/portal`);
            const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]!;
            const out = await browser.request(`${t.baseUrl}/logout`, { form: { _csrf: csrf } });
            expect(out.status).to.equal(200);
          },
          'logout',
        );
      });

      it('ends the OIDC side at SAML Single Logout from an SP of the same browser session', async () => {
        const keys = await testSpKeys();
        const sp = nodeSamlSp({
          hubUrl: t.baseUrl,
          idpCert: t.hub.secrets.samlSigning.certificatePem,
          entityId: 'https://slo.uitgeverij-oidc.example/saml',
          acs: 'http://127.0.0.1:9/slo-sp/acs',
          sloUrl: 'http://127.0.0.1:9/slo-sp/slo',
          keys,
          validateInResponseTo: ValidateInResponseTo.never,
        });
        await registerSp(t.hub, PARTICIPANT, sp.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
          attributes: ['givenName'],
        });
        let profile: Profile | null = null;
        await expectLogoutEndsOidc(
          async (browser) => {
            const { form } = await loginThroughSso(
              browser,
              await sp.getAuthorizeUrlAsync('', undefined, {}),
              school.pupil.username,
              school.pupil.password,
            );
            profile = (await sp.validatePostResponseAsync({ SAMLResponse: form!.fields.SAMLResponse! })).profile;
          },
          async (browser) => {
            const answer = await browser.request(await sp.getLogoutUrlAsync(profile!, '', {}));
            expect(answer.status, answer.body.slice(0, 300)).to.equal(200);
            expect(Buffer.from(readPostForm(answer.body).fields.SAMLResponse!, 'base64').toString()).to.contain(
              'urn:oasis:names:tc:SAML:2.0:status:Success',
            );
          },
          'saml.logout',
        );
      });

      it('asks for the hub login again after the hub session ended (no silent re-use of the provider session)', async () => {
        const browser = new Browser();
        await loginAs(school.pupil, {}, browser);
        const home = await browser.request(`${t.baseUrl}/portal`);
        const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]!;
        await browser.request(`${t.baseUrl}/logout`, { form: { _csrf: csrf } });
        const again = await request();
        const res = await followAuthorization(browser, t.baseUrl, again.url);
        expect(res.sawLogin).to.equal(true);
      });
    }
  });
}

/** A client's back-channel logout endpoint: records every logout token posted to it. */
async function backchannelReceiver() {
  const received: string[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push(new URLSearchParams(body).get('logout_token') ?? '');
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  return {
    received,
    uri: `http://127.0.0.1:${port}/backchannel`,
    close: () => new Promise<void>((resolve) => receiver.close(() => resolve())),
  };
}

/** The `error` of a WWW-Authenticate challenge openid-client turned into an error (userinfo, client authentication). */
function challengeOf(e: Error): string | undefined {
  const challenges = (e as { cause?: Array<{ parameters?: { error?: string } }> }).cause;
  return Array.isArray(challenges) ? challenges[0]?.parameters?.error : undefined;
}

/** Claims of the protocol itself, not released data. */
const PROTOCOL_CLAIMS = new Set(['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'at_hash', 'sid', 'azp', 'acr', 'amr']);

suite('postgres', true);
suite('pglite', false);

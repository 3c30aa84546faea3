import crypto from 'node:crypto';
import { expect } from 'chai';
import { ValidationError } from '../../src/domain/errors';
import { checkJwks, checkOidcClient, checkOidcUri, OIDC_LIMITS } from '../../src/domain/federation/oidc-client.service';

/** Real keys, made here: the rules are checked against what node:crypto reads, not against look-alike JSON. */
const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed = crypto.generateKeyPairSync('ed25519');
const jwk = (k: crypto.KeyObject) => k.export({ format: 'jwk' }) as Record<string, unknown>;
const jwks = (...keys: object[]) => JSON.stringify({ keys });

describe('OIDC client registration rules (issue 18)', () => {
  describe('redirect URIs', () => {
    it('accepts absolute https URIs exactly as typed (query kept, surrounding blanks trimmed)', () => {
      expect(checkOidcUri(' https://rp.example.nl/cb?tenant=a ', 'redirect URI', false)).to.equal('https://rp.example.nl/cb?tenant=a');
      expect(checkOidcUri('https://RP.example.nl:8443/Cb', 'redirect URI', false), 'not normalised: matching is exact').to.equal(
        'https://RP.example.nl:8443/Cb',
      );
    });

    const refused: Array<[string, RegExp]> = [
      ['http://rp.example.nl/cb', /must use https/],
      ['http://127.0.0.1:8080/cb', /plain http on loopback only outside production/],
      ['https://rp.example.nl/cb#frag', /fragment/],
      ['https://rp.example.nl/cb#', /fragment/],
      ['https://*.example.nl/cb', /wildcard/],
      ['https://rp.example.nl/*', /wildcard/],
      ['/cb', /not a valid URL/],
      ['rp.example.nl/cb', /not a valid URL/],
      ['javascript:alert(1)', /must use https/],
      ['custom.app:/cb', /must use https/],
      ['https://user:pw@rp.example.nl/cb', /credentials/],
      ['https://rp.example.nl/c b', /spaces or control characters/],
      ['https://rp.example.nl/cb\u0000', /spaces or control characters/],
      ['', /must not be empty/],
      [`https://rp.example.nl/${'a'.repeat(OIDC_LIMITS.uriLength)}`, /at most/],
    ];
    for (const [uri, why] of refused)
      it(`refuses ${JSON.stringify(uri.slice(0, 60))} in production`, () => {
        expect(() => checkOidcUri(uri, 'redirect URI', false)).to.throw(ValidationError, why);
      });

    it('plain http only on a loopback host and only outside production (the SAML endpoint rule)', () => {
      for (const uri of ['http://127.0.0.1:3001/cb', 'http://localhost:3001/cb', 'http://[::1]:3001/cb'])
        expect(checkOidcUri(uri, 'redirect URI', true)).to.equal(uri);
      expect(() => checkOidcUri('http://10.0.0.5/cb', 'redirect URI', true)).to.throw(ValidationError, /https/);
      expect(() => checkOidcUri('http://localhost.example.nl/cb', 'redirect URI', true)).to.throw(ValidationError, /https/);
    });
  });

  describe('a whole registration', () => {
    it('defaults to client_secret_basic, drops duplicate URIs (first kept), needs at least one redirect URI', () => {
      const c = checkOidcClient(
        {
          redirectUris: ['https://rp.example.nl/cb', 'https://rp.example.nl/cb', 'https://rp.example.nl/cb2'],
          postLogoutRedirectUris: ['https://rp.example.nl/bye', ' https://rp.example.nl/bye'],
        },
        false,
      );
      expect(c).to.deep.equal({
        redirectUris: ['https://rp.example.nl/cb', 'https://rp.example.nl/cb2'],
        postLogoutRedirectUris: ['https://rp.example.nl/bye'],
        backchannelLogoutUri: null,
        tokenEndpointAuthMethod: 'client_secret_basic',
        jwks: null,
        refreshTokensAllowed: false,
      });
      expect(() => checkOidcClient({ redirectUris: [] }, false)).to.throw(ValidationError, /at least one redirect URI/);
      const many = Array.from({ length: OIDC_LIMITS.redirectUris + 1 }, (_, i) => `https://rp.example.nl/cb${i}`);
      expect(() => checkOidcClient({ redirectUris: many }, false)).to.throw(ValidationError, /at most 10 redirect URIs/);
    });

    it('checks post-logout and back-channel URIs by the same rule', () => {
      const base = { redirectUris: ['https://rp.example.nl/cb'] };
      expect(() => checkOidcClient({ ...base, postLogoutRedirectUris: ['http://rp.example.nl/bye'] }, false)).to.throw(
        ValidationError,
        /post-logout redirect URI.*https/,
      );
      expect(() => checkOidcClient({ ...base, backchannelLogoutUri: 'https://rp.example.nl/bc#x' }, false)).to.throw(
        ValidationError,
        /back-channel logout URI.*fragment/,
      );
      expect(
        checkOidcClient({ ...base, backchannelLogoutUri: 'https://rp.example.nl/bc', refreshTokensAllowed: true }, false),
      ).to.deep.include({ backchannelLogoutUri: 'https://rp.example.nl/bc', refreshTokensAllowed: true });
    });

    it('auth methods: the three known ones; a JWKS means private_key_jwt and only then', () => {
      const base = { redirectUris: ['https://rp.example.nl/cb'] };
      expect(checkOidcClient({ ...base, tokenEndpointAuthMethod: 'client_secret_post' }, false).tokenEndpointAuthMethod).to.equal(
        'client_secret_post',
      );
      for (const m of ['none', 'client_secret_jwt', 'tls_client_auth', 'CLIENT_SECRET_BASIC'])
        expect(() => checkOidcClient({ ...base, tokenEndpointAuthMethod: m }, false), m).to.throw(ValidationError, /must be one of/);
      expect(() => checkOidcClient({ ...base, tokenEndpointAuthMethod: 'private_key_jwt' }, false)).to.throw(
        ValidationError,
        /needs the client/,
      );
      expect(() =>
        checkOidcClient({ ...base, tokenEndpointAuthMethod: 'client_secret_basic', jwks: jwks(jwk(ec.publicKey)) }, false),
      ).to.throw(ValidationError, /only for private_key_jwt/);
      const inferred = checkOidcClient({ ...base, jwks: jwks(jwk(ec.publicKey)) }, false);
      expect(inferred.tokenEndpointAuthMethod).to.equal('private_key_jwt');
      expect(inferred.jwks!.keys).to.have.length(1);
    });
  });

  describe('JWKS for private_key_jwt', () => {
    it('keeps the public part of RSA (≥ 2048), EC and Ed25519 keys, with kid, use and alg — nothing else from the file', () => {
      const out = checkJwks(
        jwks(
          { ...jwk(rsa.publicKey), kid: 'r1', use: 'sig', alg: 'RS256', x5u: 'https://evil.example/x' },
          { ...jwk(ec.publicKey), kid: 'e1', alg: 'ES256' },
          { ...jwk(ed.publicKey), kid: 'o1' },
        ),
      );
      expect(out.keys).to.deep.equal([
        { ...jwk(rsa.publicKey), kid: 'r1', use: 'sig', alg: 'RS256' },
        { ...jwk(ec.publicKey), kid: 'e1', alg: 'ES256' },
        { ...jwk(ed.publicKey), kid: 'o1' },
      ]);
      // What is stored still verifies a signature made with the client's private key.
      const stored = crypto.createPublicKey({ key: out.keys[1] as crypto.JsonWebKey, format: 'jwk' });
      const sig = crypto.sign('sha256', Buffer.from('assertion'), ec.privateKey);
      expect(crypto.verify('sha256', Buffer.from('assertion'), stored, sig)).to.equal(true);
    });

    it('refuses private keys (RSA, EC, Ed25519), symmetric keys, and says to replace them', () => {
      for (const key of [rsa.privateKey, ec.privateKey, ed.privateKey]) {
        expect(() => checkJwks(jwks(jwk(key)))).to.throw(ValidationError, /private key material \(d.*replace this key/);
      }
      expect(() => checkJwks(jwks({ ...jwk(ec.publicKey), d: 'AAAA' }))).to.throw(ValidationError, /private key material \(d\)/);
      expect(() => checkJwks(jwks({ ...jwk(rsa.publicKey), p: 'AAAA', q: 'AAAA' }))).to.throw(ValidationError, /\(p, q\)/);
      expect(() => checkJwks(jwks({ kty: 'oct', k: 'c2VjcmV0' }))).to.throw(ValidationError, /private key material/);
    });

    const refused: Array<[string, string, RegExp]> = [
      ['not JSON', '{keys:', /not valid JSON/],
      ['an array', '[]', /must be an object/],
      ['no keys', '{"keys": []}', /at least one key/],
      ['keys not an array', '{"keys": {}}', /must be an object/],
      ['a string key', '{"keys": ["x"]}', /not a JSON object/],
      ['an invalid key', '{"keys": [{"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"}]}', /not a valid public key/],
      ['an encryption key', jwks({ ...jwk(ec.publicKey), use: 'enc' }), /use must be 'sig'/],
      ['an unknown alg', jwks({ ...jwk(ec.publicKey), alg: 'none' }), /alg must be one of/],
      ['a kid twice', jwks({ ...jwk(ec.publicKey), kid: 'a' }, { ...jwk(ed.publicKey), kid: 'a' }), /used twice/],
      ['a short RSA key', jwks(jwk(crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey)), /at least 2048 bits/],
      ['too many keys', jwks(...Array.from({ length: OIDC_LIMITS.keys + 1 }, () => jwk(ed.publicKey))), /at most 10 keys/],
      ['too large', JSON.stringify({ keys: [jwk(ed.publicKey)], pad: 'x'.repeat(OIDC_LIMITS.jwksBytes) }), /larger than 64 kB/],
    ];
    for (const [what, text, why] of refused)
      it(`refuses ${what}`, () => {
        expect(() => checkJwks(text)).to.throw(ValidationError, why);
      });
  });
});

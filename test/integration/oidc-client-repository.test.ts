import { expect } from 'chai';
import { Argon2idPasswordHasher } from '../../src/crypto/password-hasher';
import { ConflictError, NotFoundError } from '../../src/domain/errors';
import { type NewOidcClient, verifyOidcClientSecret } from '../../src/domain/federation/oidc-client';
import type { Repositories } from '../../src/domain/ports';
import { rejects } from '../support/assert';
import { describeEachBackend, truncateAll } from '../support/postgres';

const hasher = new Argon2idPasswordHasher();
const PUBLIC_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
  y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
  kid: 'k1',
};

/** The OIDC client store: one contract, PGlite and PostgreSQL alike (issue 18). */
describeEachBackend('OIDC client repository', ({ db }) => {
  let repos: Repositories;
  let participantId: string;
  let secretHash: string;
  before(async () => {
    secretHash = await hasher.hash('s3cret-value-of-the-client');
  });
  beforeEach(async () => {
    await truncateAll(db());
    repos = db().repositories;
    participantId = (await repos.participants.insert({ name: 'Uitgeverij OIDC' })).id;
  });

  const secretClient = (clientId = 'lp-AAAAAAAAAAAAAAAAAAAAAAAA'): NewOidcClient => ({
    clientId,
    participantId,
    redirectUris: ['https://rp.example.nl/cb', 'https://rp.example.nl/cb?x=1'],
    postLogoutRedirectUris: ['https://rp.example.nl/bye'],
    tokenEndpointAuthMethod: 'client_secret_basic',
    secretHash,
    jwks: null,
    backchannelLogoutUri: 'https://rp.example.nl/backchannel',
    refreshTokensAllowed: true,
  });
  const keyClient = (clientId = 'lp-BBBBBBBBBBBBBBBBBBBBBBBB'): NewOidcClient => ({
    clientId,
    participantId,
    redirectUris: ['https://rp2.example.nl/cb'],
    postLogoutRedirectUris: [],
    tokenEndpointAuthMethod: 'private_key_jwt',
    secretHash: null,
    jwks: { keys: [PUBLIC_JWK] },
    backchannelLogoutUri: null,
    refreshTokensAllowed: false,
  });

  it('stores a client and finds it by client id exactly as registered (URI order and strings kept)', async () => {
    const added = await repos.oidcClients.add(secretClient());
    expect(added.createdAt).to.be.instanceOf(Date);
    const found = await repos.oidcClients.findByClientId('lp-AAAAAAAAAAAAAAAAAAAAAAAA');
    expect(found).to.deep.equal(added);
    expect(found).to.deep.include({
      participantId,
      redirectUris: ['https://rp.example.nl/cb', 'https://rp.example.nl/cb?x=1'],
      postLogoutRedirectUris: ['https://rp.example.nl/bye'],
      tokenEndpointAuthMethod: 'client_secret_basic',
      jwks: null,
      backchannelLogoutUri: 'https://rp.example.nl/backchannel',
      refreshTokensAllowed: true,
    });
    expect(await repos.oidcClients.findByClientId('lp-aaaaaaaaaaaaaaaaaaaaaaaa'), 'ids are case-sensitive').to.equal(null);
    expect(await verifyOidcClientSecret(found!, 's3cret-value-of-the-client', hasher)).to.equal(true);
    expect(await verifyOidcClientSecret(found!, 's3cret-value-of-the-clienT', hasher)).to.equal(false);
    expect(await verifyOidcClientSecret(found!, '', hasher)).to.equal(false);
  });

  it('stores a private_key_jwt client with its JWKS and no secret; no presented secret matches it', async () => {
    await repos.oidcClients.add(keyClient());
    const found = (await repos.oidcClients.findByClientId('lp-BBBBBBBBBBBBBBBBBBBBBBBB'))!;
    expect(found.secretHash).to.equal(null);
    expect(found.jwks).to.deep.equal({ keys: [PUBLIC_JWK] });
    expect(await verifyOidcClientSecret(found, 's3cret-value-of-the-client', hasher)).to.equal(false);
  });

  it('lists per participant and overall, oldest first; removes one; the participant going takes its clients along', async () => {
    await repos.oidcClients.add(secretClient());
    await repos.oidcClients.add(keyClient());
    const other = await repos.participants.insert({ name: 'Andere Uitgever' });
    await repos.oidcClients.add({ ...keyClient('lp-CCCCCCCCCCCCCCCCCCCCCCCC'), participantId: other.id });
    expect((await repos.oidcClients.listForParticipant(participantId)).map((c) => c.clientId).sort()).to.deep.equal([
      'lp-AAAAAAAAAAAAAAAAAAAAAAAA',
      'lp-BBBBBBBBBBBBBBBBBBBBBBBB',
    ]);
    expect(await repos.oidcClients.list()).to.have.length(3);
    expect(await repos.oidcClients.remove('lp-AAAAAAAAAAAAAAAAAAAAAAAA')).to.equal(true);
    expect(await repos.oidcClients.remove('lp-AAAAAAAAAAAAAAAAAAAAAAAA'), 'already gone').to.equal(false);
    expect(await repos.oidcClients.findByClientId('lp-AAAAAAAAAAAAAAAAAAAAAAAA')).to.equal(null);
    await db().dataSource.query('DELETE FROM participants WHERE id = $1', [other.id]);
    expect((await repos.oidcClients.list()).map((c) => c.clientId)).to.deep.equal(['lp-BBBBBBBBBBBBBBBBBBBBBBBB']);
  });

  it('replaces the secret of a secret client only: the old secret stops matching at once', async () => {
    await repos.oidcClients.add(secretClient());
    await repos.oidcClients.add(keyClient());
    expect(await repos.oidcClients.replaceSecret('lp-AAAAAAAAAAAAAAAAAAAAAAAA', await hasher.hash('the-new-secret-value'))).to.equal(true);
    const found = (await repos.oidcClients.findByClientId('lp-AAAAAAAAAAAAAAAAAAAAAAAA'))!;
    expect(await verifyOidcClientSecret(found, 's3cret-value-of-the-client', hasher)).to.equal(false);
    expect(await verifyOidcClientSecret(found, 'the-new-secret-value', hasher)).to.equal(true);
    expect(await repos.oidcClients.replaceSecret('lp-BBBBBBBBBBBBBBBBBBBBBBBB', secretHash), 'a key client gets no secret').to.equal(false);
    expect((await repos.oidcClients.findByClientId('lp-BBBBBBBBBBBBBBBBBBBBBBBB'))!.secretHash).to.equal(null);
    expect(await repos.oidcClients.replaceSecret('lp-ZZZZZZZZZZZZZZZZZZZZZZZZ', secretHash)).to.equal(false);
  });

  it('refuses a duplicate client id (ConflictError) and an unknown participant (NotFoundError), keeping nothing half-written', async () => {
    await repos.oidcClients.add(secretClient());
    expect(await rejects(repos.oidcClients.add(keyClient('lp-AAAAAAAAAAAAAAAAAAAAAAAA')))).to.be.instanceOf(ConflictError);
    const unknown = await rejects(repos.oidcClients.add({ ...keyClient(), participantId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown).to.be.instanceOf(NotFoundError);
    expect(await repos.oidcClients.list()).to.have.length(1);
  });

  it('the table itself refuses what the domain never writes: a secret and keys together, a plain-text secret, no redirect URI, a malformed id', async () => {
    const refused = async (client: NewOidcClient) => {
      const e = await rejects(repos.oidcClients.add(client));
      expect(e.message, JSON.stringify(client)).to.match(/check constraint|violates/i);
    };
    await refused({ ...secretClient(), jwks: { keys: [PUBLIC_JWK] } });
    await refused({ ...secretClient(), secretHash: null });
    await refused({ ...keyClient(), secretHash });
    await refused({ ...keyClient(), jwks: null });
    await refused({ ...keyClient(), jwks: { keys: [] } });
    await refused({ ...secretClient(), secretHash: 'plain-text-secret' });
    await refused({ ...secretClient(), redirectUris: [] });
    await refused({ ...secretClient(), clientId: 'lp-short' });
    await refused({ ...secretClient(), clientId: 'lp-AAAAAAAAAAAAAAAAAAAAAA/#' });
    await refused({ ...secretClient(), tokenEndpointAuthMethod: 'none' as 'client_secret_post' });
    expect(await repos.oidcClients.list()).to.deep.equal([]);
  });
});

import { expect } from 'chai';
import { Argon2idPasswordHasher } from '../../src/crypto/password-hasher';
import { ConflictError, NotFoundError, ValidationError } from '../../src/domain/errors';
import { type NewOidcClient, verifyOidcClientSecret } from '../../src/domain/federation/oidc-client';
import { OidcClientService } from '../../src/domain/federation/oidc-client.service';
import { SchoolService } from '../../src/domain/identity/school.service';
import { checkParticipantAccess } from '../../src/domain/licensing/access';
import { LicenceService } from '../../src/domain/licensing/licence.service';
import { ParticipantService } from '../../src/domain/licensing/participant.service';
import { HttpIconFetcher } from '../../src/net/icon-fetcher';
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

/** The registration service on both backends: what the CLI and the console call (issue 18). */
describeEachBackend('OIDC client service: secrets, audit, removal — and a participant onboarded with OIDC only', ({ db }) => {
  let service: OidcClientService;
  const actor = { type: 'cli' as const, id: 'test' };
  beforeEach(async () => {
    await truncateAll(db());
    service = new OidcClientService(db().unitOfWork, hasher, false);
    await db().repositories.participants.insert({ name: 'Uitgeverij OIDC' });
  });

  it('add: a 32-byte secret shown once, stored only as argon2id, verifiable; the audit names the client, never the secret', async () => {
    const issued = await service.add(
      { name: 'Uitgeverij OIDC' },
      { redirectUris: ['https://rp.example.nl/cb'], refreshTokensAllowed: true },
      actor,
    );
    expect(issued.client.clientId).to.match(/^lp-[A-Za-z0-9_-]{24}$/);
    expect(Buffer.from(issued.clientSecret!, 'base64url')).to.have.length(32);
    const stored = (await db().repositories.oidcClients.findByClientId(issued.client.clientId))!;
    expect(stored.secretHash).to.match(/^\$argon2id\$/);
    expect(stored.secretHash).not.to.contain(issued.clientSecret!);
    expect(await verifyOidcClientSecret(stored, issued.clientSecret!, hasher)).to.equal(true);
    const rows = await db().dataSource.query('SELECT * FROM oidc_clients');
    expect(JSON.stringify(rows), 'the secret is nowhere in the table').not.to.contain(issued.clientSecret!);
    const [event] = await db().repositories.audit.list({ action: 'oidc_client.add' });
    expect(event).to.deep.include({ targetType: 'oidc_client', targetId: issued.client.clientId, outcome: 'success' });
    expect(event!.details).to.deep.include({ redirectUris: ['https://rp.example.nl/cb'], tokenEndpointAuthMethod: 'client_secret_basic' });
    const audit = JSON.stringify(await db().dataSource.query('SELECT * FROM audit_events'));
    expect(audit).not.to.contain(issued.clientSecret!).and.not.to.contain(stored.secretHash!);
  });

  it('two clients added at once get two ids and two secrets; a refused registration writes nothing and audits nothing', async () => {
    const input = { redirectUris: ['https://rp.example.nl/cb'] };
    const [a, b] = await Promise.all([
      service.add({ name: 'Uitgeverij OIDC' }, input, actor),
      service.add({ name: 'Uitgeverij OIDC' }, input, actor),
    ]);
    expect(a.client.clientId).not.to.equal(b.client.clientId);
    expect(a.clientSecret).not.to.equal(b.clientSecret);
    for (const [ref, bad] of [
      [{ name: 'Uitgeverij OIDC' }, { redirectUris: ['http://rp.example.nl/cb'] }],
      [{ name: 'Onbekend' }, input],
      [{ id: 'not-a-uuid' }, input],
    ] as const)
      await rejects(service.add(ref, bad, actor));
    expect(await db().repositories.oidcClients.list()).to.have.length(2);
    expect(await db().repositories.audit.list({ action: 'oidc_client.add' })).to.have.length(2);
  });

  it('rotate-secret: the old secret stops at once, the new one works, audited; a key client has no secret to rotate', async () => {
    const issued = await service.add({ name: 'Uitgeverij OIDC' }, { redirectUris: ['https://rp.example.nl/cb'] }, actor);
    const rotated = await service.rotateSecret(issued.client.clientId, actor);
    expect(rotated.clientSecret).not.to.equal(issued.clientSecret);
    const stored = (await db().repositories.oidcClients.findByClientId(issued.client.clientId))!;
    expect(await verifyOidcClientSecret(stored, issued.clientSecret!, hasher)).to.equal(false);
    expect(await verifyOidcClientSecret(stored, rotated.clientSecret, hasher)).to.equal(true);
    expect(await db().repositories.audit.list({ action: 'oidc_client.rotate_secret' })).to.have.length(1);
    const keyed = await service.add(
      { name: 'Uitgeverij OIDC' },
      {
        redirectUris: ['https://rp.example.nl/cb'],
        tokenEndpointAuthMethod: 'private_key_jwt',
        jwks: JSON.stringify({ keys: [PUBLIC_JWK] }),
      },
      actor,
    );
    expect(keyed.clientSecret).to.equal(null);
    expect(await rejects(service.rotateSecret(keyed.client.clientId, actor))).to.be.instanceOf(ValidationError);
    expect(await rejects(service.rotateSecret('lp-ZZZZZZZZZZZZZZZZZZZZZZZZ', actor))).to.be.instanceOf(NotFoundError);
  });

  it("remove: gone for the provider, audited; not through another participant's page; not twice", async () => {
    const issued = await service.add({ name: 'Uitgeverij OIDC' }, { redirectUris: ['https://rp.example.nl/cb'] }, actor);
    const other = await db().repositories.participants.insert({ name: 'Andere Uitgever' });
    expect(await rejects(service.remove(issued.client.clientId, actor, other.id))).to.be.instanceOf(NotFoundError);
    expect(await db().repositories.oidcClients.findByClientId(issued.client.clientId)).not.to.equal(null);
    await service.remove(issued.client.clientId, actor, issued.participant.id);
    expect(await db().repositories.oidcClients.findByClientId(issued.client.clientId)).to.equal(null);
    expect(await rejects(service.remove(issued.client.clientId, actor))).to.be.instanceOf(NotFoundError);
    const [event] = await db().repositories.audit.list({ action: 'oidc_client.remove' });
    expect(event).to.deep.include({ targetId: issued.client.clientId });
  });

  it('a participant with OIDC clients and no SAML SP: product, licence and activation work, and the licence gate lets its pupil through', async () => {
    const uow = db().unitOfWork;
    const participants = new ParticipantService(uow, new HttpIconFetcher(false));
    const licences = new LicenceService(uow);
    await new SchoolService(uow).add({ brin: '12AB', name: 'OBS OIDC' }, actor);
    await service.add({ name: 'Uitgeverij OIDC' }, { redirectUris: ['https://rp.example.nl/cb'] }, actor);
    await participants.addProduct('Uitgeverij OIDC', { name: 'Lezen', launchUrl: 'https://rp.example.nl/start' }, actor);
    await licences.grant({ brin: '12AB', productName: 'Lezen', participantName: 'Uitgeverij OIDC', target: { all: true } }, actor);
    await licences.setActivation({ brin: '12AB', participantName: 'Uitgeverij OIDC', enabled: true }, actor);
    const repos = db().repositories;
    expect(await repos.serviceProviders.list()).to.deep.equal([]);
    const school = (await repos.schools.findByBrin('12AB'))[0]!;
    const pupil = await repos.people.insert({ schoolId: school.id, role: 'pupil', lasKey: 'L1', firstName: 'Ada', lastName: 'Bos' });
    const participant = (await repos.participants.findByName('Uitgeverij OIDC'))!;
    const access = await checkParticipantAccess(repos, pupil, participant.id, new Date());
    expect(access.allowed, JSON.stringify(access)).to.equal(true);
  });
});

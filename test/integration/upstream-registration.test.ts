import { expect } from 'chai';
import { generateKeyPair } from '../../src/crypto/secrets';
import { ConflictError, NotFoundError, ValidationError } from '../../src/domain/errors';
import { UpstreamIdpService } from '../../src/domain/federation/upstream-idp.service';
import type { UpstreamIdpSettings } from '../../src/domain/federation/upstream';
import type { Actor } from '../../src/domain/model';
import { parseIdpMetadata } from '../../src/saml/upstream/idp-metadata';
import { buildUpstreamSpMetadata } from '../../src/saml/upstream/sp-metadata';
import { signElement } from '../../src/saml/xml/signature';
import { rejects } from '../support/assert';
import { requireTool } from '../support/federation';
import { describeEachBackend, truncateAll } from '../support/postgres';
import { pysaml2Available } from '../support/pysaml2';
import { type SchoolIdp, startSchoolIdp, testHubSp } from '../support/upstream-idp';

const actor: Actor = { type: 'cli', id: 'test' };
const settings: UpstreamIdpSettings = {
  roles: 'staff',
  identifier: 'nameid',
  matchOn: 'email',
  allowUnsolicited: false,
  wantAssertionsSigned: false,
  metadataUrl: 'https://idp.obs-regenboog.example/metadata',
  metadataTrustCertificate: null,
};

/** Metadata of a school IdP as pysaml2 publishes it; parsed and checked by the hub. */
describeEachBackend("upstream IdP registration: metadata, table, repository and service (pysaml2's metadata)", ({ db }) => {
  let idp: SchoolIdp;
  let rolled: SchoolIdp;
  let service: UpstreamIdpService;

  before(async function () {
    requireTool(this, pysaml2Available(), 'python3-pysaml2');
    const hub = await testHubSp();
    const sp = buildUpstreamSpMetadata(hub.endpoints, { active: hub.signing, next: null, previous: null }, hub.encryption);
    idp = await startSchoolIdp({
      entityId: 'https://idp.obs-regenboog.example/idp',
      ssoUrl: 'https://idp.obs-regenboog.example/sso',
      spMetadata: [sp],
    });
    // The same IdP after a key rollover (a new key pair, same entity).
    rolled = await startSchoolIdp({
      entityId: 'https://idp.obs-regenboog.example/idp',
      ssoUrl: 'https://idp.obs-regenboog.example/sso',
      spMetadata: [sp],
    });
  });
  after(() => {
    idp?.stop();
    rolled?.stop();
  });
  beforeEach(async () => {
    await truncateAll(db());
    service = new UpstreamIdpService(db().unitOfWork);
    await db().repositories.schools.insert({ brin: '12AB', dependanceCode: '00', name: 'OBS De Regenboog' });
  });

  it("parses pysaml2's metadata: entity, HTTP-Redirect SSO, signing certificate", () => {
    const m = parseIdpMetadata(idp.metadataXml);
    expect(m).to.deep.include({ entityId: idp.entityId, ssoUrl: idp.ssoUrl, signatureVerified: false });
    expect(m.signingCertificates).to.have.length(1);
    expect(idp.key.certificatePem.replace(/-----[^-]+-----|\s/g, '')).to.equal(m.signingCertificates[0]);
  });

  it('refuses expired metadata (validUntil), http endpoints, and metadata without IDPSSODescriptor', () => {
    const expired = idp.metadataXml.replace('<ns0:EntityDescriptor ', '<ns0:EntityDescriptor validUntil="2020-01-01T00:00:00Z" ');
    expect(expired).to.not.equal(idp.metadataXml);
    expect(() => parseIdpMetadata(expired)).to.throw(ValidationError, /metadata expired at 2020-01-01T00:00:00.000Z \(validUntil\)/);
    expect(() =>
      parseIdpMetadata(idp.metadataXml.replaceAll('https://idp.obs-regenboog.example/sso', 'http://idp.obs-regenboog.example/sso')),
    ).to.throw(ValidationError, /SingleSignOnService: 'http:\/\/idp.obs-regenboog.example\/sso' must use https/);
    expect(() => parseIdpMetadata(idp.metadataXml.replaceAll('IDPSSODescriptor', 'SPSSODescriptor'))).to.throw(
      ValidationError,
      /exactly one IDPSSODescriptor/,
    );
  });

  it('checks the metadata signature against a given certificate, and reads only what is signed', async () => {
    const id = '_md1';
    const unsigned = idp.metadataXml.replace(/^<\?xml[^>]*>/, '').replace('<ns0:EntityDescriptor ', `<ns0:EntityDescriptor ID="${id}" `);
    const signed = signElement(unsigned, 'EntityDescriptor', id, idp.key, { firstChild: true });
    expect(parseIdpMetadata(signed, { trustCertificate: idp.key.certificatePem }).signatureVerified).to.equal(true);
    const forged = signed.replace('https://idp.obs-regenboog.example/sso', 'https://evil.example/sso');
    expect(() => parseIdpMetadata(forged, { trustCertificate: idp.key.certificatePem })).to.throw(
      ValidationError,
      /signature does not verify/,
    );
    const other = await generateKeyPair('someone else');
    expect(() => parseIdpMetadata(signed, { trustCertificate: other.certificatePem })).to.throw(
      ValidationError,
      /signature does not verify/,
    );
    expect(() => parseIdpMetadata(unsigned, { trustCertificate: idp.key.certificatePem })).to.throw(ValidationError, /not signed/);
  });

  it('registers one IdP per school, audited; registering again replaces it', async () => {
    const first = await service.register('12AB', parseIdpMetadata(idp.metadataXml), settings, actor);
    expect(first.created).to.equal(true);
    expect(first.idp).to.deep.include({ entityId: idp.entityId, ssoUrl: idp.ssoUrl, allowUnsolicited: false });
    const second = await service.register(
      '12AB',
      parseIdpMetadata(idp.metadataXml),
      { ...settings, roles: 'staff_and_pupils', matchOn: 'eck_id' },
      actor,
    );
    expect(second.created).to.equal(false);
    expect(second.idp.id).to.equal(first.idp.id);
    const [stored] = await db().repositories.upstreamIdps.findByEntityId(idp.entityId);
    expect(stored!.settings).to.deep.include({ roles: 'staff_and_pupils', matchOn: 'eck_id' });
    expect(await db().repositories.upstreamIdps.list()).to.have.length(1);
    const audit = await db().repositories.audit.list({ schoolId: first.school.id });
    expect(audit.map((a) => a.action).sort()).to.deep.equal(['upstream.add', 'upstream.update']);
    expect(JSON.stringify(audit)).to.not.contain(idp.key.certificatePem.slice(30, 80));
  });

  it('refuses bad settings and unknown schools, writing nothing', async () => {
    const m = parseIdpMetadata(idp.metadataXml);
    await rejects(service.register('12AB', m, { ...settings, matchOn: 'bsn' as never }, actor)).then((e) =>
      expect(e).to.be.instanceOf(ValidationError),
    );
    await rejects(service.register('12AB', m, { ...settings, identifier: 'two words' }, actor)).then((e) =>
      expect(e).to.be.instanceOf(ValidationError),
    );
    await rejects(service.register('99ZZ', m, settings, actor)).then((e) => expect(e).to.be.instanceOf(NotFoundError));
    expect(await db().repositories.upstreamIdps.list()).to.deep.equal([]);
    expect(await db().repositories.audit.list({ action: 'upstream.add' })).to.deep.equal([]);
  });

  it('refresh takes the rolled-over certificate; a different entity is refused and nothing changes', async () => {
    await service.register('12AB', parseIdpMetadata(idp.metadataXml), settings, actor);
    const r = await service.refresh(
      '12AB',
      async (url) => {
        expect(url).to.equal(settings.metadataUrl);
        return parseIdpMetadata(rolled.metadataXml);
      },
      actor,
    );
    expect(r.certificatesChanged).to.equal(true);
    expect(r.idp.signingCertificates[0]).to.equal(rolled.key.certificatePem.replace(/-----[^-]+-----|\s/g, ''));
    const changed = rolled.metadataXml.replaceAll(idp.entityId, 'https://idp.elsewhere.example/idp');
    const e = await rejects(service.refresh('12AB', async () => parseIdpMetadata(changed), actor));
    expect(e).to.be.instanceOf(ValidationError);
    expect(e.message).to.contain('register the new IdP explicitly');
    const [stored] = await db().repositories.upstreamIdps.list();
    expect(stored!.entityId).to.equal(idp.entityId);
    const refreshes = await db().repositories.audit.list({ action: 'upstream.refresh' });
    expect(refreshes.map((a) => a.outcome).sort(), 'the refused refresh is audited as a failure').to.deep.equal(['failure', 'success']);
    expect(refreshes.find((a) => a.outcome === 'failure')!.details)
      .to.have.property('reason')
      .that.contains('register the new IdP explicitly');
    expect(stored!.lastRefresh!.error).to.contain('register the new IdP explicitly');
    expect(stored!.signingCertificates, 'the metadata stays as it was').to.deep.equal(r.idp.signingCertificates);
  });

  it('a refresh does not overwrite a registration replaced while its metadata was fetched', async () => {
    await service.register('12AB', parseIdpMetadata(idp.metadataXml), settings, actor);
    const elsewhere = { ...settings, metadataUrl: 'https://idp.obs-regenboog.example/new-metadata' };
    const e = await rejects(
      service.refresh(
        '12AB',
        async () => {
          // The delegate registers the IdP again (another URL) while the old URL is being fetched.
          await service.register('12AB', parseIdpMetadata(idp.metadataXml), elsewhere, actor);
          return parseIdpMetadata(rolled.metadataXml);
        },
        actor,
      ),
    );
    expect(e).to.be.instanceOf(ConflictError);
    const [stored] = await db().repositories.upstreamIdps.list();
    expect(stored!.settings.metadataUrl).to.equal(elsewhere.metadataUrl);
    expect(stored!.signingCertificates).to.deep.equal(parseIdpMetadata(idp.metadataXml).signingCertificates);
    expect(await db().repositories.audit.list({ action: 'upstream.refresh' })).to.deep.equal([]);
  });

  it('refresh of a file registration says to register again', async () => {
    await service.register('12AB', parseIdpMetadata(idp.metadataXml), { ...settings, metadataUrl: null }, actor);
    const e = await rejects(service.refresh('12AB', async () => parseIdpMetadata(idp.metadataXml), actor));
    expect(e.message).to.contain('registered from a file');
  });

  it('remove deletes the registration, audited; removing again is NotFound', async () => {
    await service.register('12AB', parseIdpMetadata(idp.metadataXml), settings, actor);
    await service.remove('12AB', actor);
    expect(await db().repositories.upstreamIdps.list()).to.deep.equal([]);
    expect(await db().repositories.audit.list({ action: 'upstream.remove' })).to.have.length(1);
    expect(await rejects(service.remove('12AB', actor))).to.be.instanceOf(NotFoundError);
  });

  it('an outstanding AuthnRequest is consumed once, even by 8 parallel consumers; never for another IdP or after expiry', async () => {
    const store = db().repositories.upstreamRequests;
    await store.record({ id: '_r1', idpEntityId: idp.entityId, context: { pending: 'x' }, expiresAt: new Date(Date.now() + 60_000) });
    expect(await store.consume('_r1', 'https://other.example/idp', new Date())).to.equal(null);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.consume('_r1', idp.entityId, new Date())));
    expect(results.filter((r) => r !== null)).to.have.length(1);
    expect(results.find((r) => r !== null)).to.deep.include({ id: '_r1', context: { pending: 'x' } });
    await store.record({ id: '_r2', idpEntityId: idp.entityId, context: {}, expiresAt: new Date(Date.now() + 1000) });
    expect(await store.consume('_r2', idp.entityId, new Date(Date.now() + 2000))).to.equal(null);
  });
});

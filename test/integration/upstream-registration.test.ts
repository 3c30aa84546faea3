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

  it('e-mail domains: registered with the IdP (lower-cased, deduplicated), listed, replaced, found by domain; audited', async () => {
    const m = parseIdpMetadata(idp.metadataXml);
    const added = await service.register('12AB', m, settings, actor, new Date(), [
      'Regenboog.EXAMPLE.nl',
      'regenboog.example.nl.',
      'leerling.regenboog.example.nl',
    ]);
    expect(added.domains).to.deep.equal(['leerling.regenboog.example.nl', 'regenboog.example.nl']);
    const repo = db().repositories.upstreamIdps;
    expect((await repo.findByDomain('regenboog.example.nl'))?.id).to.equal(added.idp.id);
    expect(await repo.findByDomain('example.nl')).to.equal(null);
    // Registering the metadata again without domains keeps them; setDomains replaces them.
    await service.register('12AB', m, { ...settings, matchOn: 'eck_id' }, actor);
    expect((await service.list())[0]!.domains).to.deep.equal(['leerling.regenboog.example.nl', 'regenboog.example.nl']);
    const set = await service.setDomains('12AB', ['obs-regenboog.example'], actor);
    expect(set.domains).to.deep.equal(['obs-regenboog.example']);
    expect(await repo.domainsOf(added.school.id)).to.deep.equal(['obs-regenboog.example']);
    const audit = await db().repositories.audit.list({ action: 'upstream.domains' });
    expect(audit[0]!.details).to.deep.include({
      before: ['leerling.regenboog.example.nl', 'regenboog.example.nl'],
      domains: ['obs-regenboog.example'],
    });
    await service.setDomains('12AB', [], actor);
    expect(await repo.domainsOf(added.school.id)).to.deep.equal([]);
  });

  it('e-mail domains: not a hostname, a public mailbox provider, or without an IdP is refused; the table checks too', async () => {
    const m = parseIdpMetadata(idp.metadataXml);
    for (const bad of [
      'deschool',
      'https://deschool.nl',
      'juf@deschool.nl',
      'de school.nl',
      '-x.nl',
      'a..nl',
      'deschool.123',
      `${'a'.repeat(64)}.nl`,
    ])
      expect(await rejects(service.register('12AB', m, settings, actor, new Date(), [bad])), bad).to.be.instanceOf(ValidationError);
    expect((await rejects(service.register('12AB', m, settings, actor, new Date(), ['Gmail.com']))).message).to.contain('public mailbox');
    expect(await db().repositories.upstreamIdps.list(), 'nothing half-written').to.deep.equal([]);
    expect(await rejects(service.setDomains('12AB', ['regenboog.example.nl'], actor))).to.be.instanceOf(NotFoundError);
    await service.register('12AB', m, settings, actor);
    const school = (await db().repositories.schools.findByBrin('12AB'))[0]!;
    // Whatever writes to the table: a capital or a non-hostname is refused by the database itself.
    for (const raw of ['DeSchool.nl', 'de school.nl', 'deschool'])
      expect(
        await rejects(db().dataSource.query('INSERT INTO upstream_idp_domains (domain, school_id) VALUES ($1, $2)', [raw, school.id])),
        raw,
      ).to.be.instanceOf(Error);
  });

  it('a domain of school A cannot be claimed by school B (clear error, nothing written), not even by parallel claims', async () => {
    await db().repositories.schools.insert({ brin: '34CD', dependanceCode: '00', name: 'CBS Het Kompas' });
    const m = parseIdpMetadata(idp.metadataXml);
    await service.register('12AB', m, settings, actor, new Date(), ['regenboog.example.nl']);
    const e = await rejects(service.register('34CD', m, settings, actor, new Date(), ['kompas.example.nl', 'regenboog.example.nl']));
    expect(e).to.be.instanceOf(ConflictError);
    expect(e.message).to.contain('regenboog.example.nl (school 12AB)');
    expect(
      (await service.list()).map((r) => r.school.brin),
      'the refused registration was not written',
    ).to.deep.equal(['12AB']);
    await service.register('34CD', m, settings, actor);
    expect(await rejects(service.setDomains('34CD', ['regenboog.example.nl'], actor))).to.be.instanceOf(ConflictError);
    expect((await db().repositories.upstreamIdps.findByDomain('regenboog.example.nl'))?.schoolId).to.equal(
      (await db().repositories.schools.findByBrin('12AB'))[0]!.id,
    );

    // Both schools claim a new domain at once: exactly one gets it, the other is told who has it.
    const claims = await Promise.allSettled([
      service.setDomains('12AB', ['regenboog.example.nl', 'samen.example.nl'], actor),
      service.setDomains('34CD', ['samen.example.nl'], actor),
    ]);
    expect(claims.filter((c) => c.status === 'fulfilled')).to.have.length(1);
    const lost = claims.find((c) => c.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).to.be.instanceOf(ConflictError);
    const owners = await db().dataSource.query("SELECT count(*)::int AS n FROM upstream_idp_domains WHERE domain = 'samen.example.nl'");
    expect(owners[0].n).to.equal(1);

    // Removing the IdP frees its domains for another school.
    await service.remove('12AB', actor);
    expect(await db().repositories.upstreamIdps.findByDomain('regenboog.example.nl')).to.equal(null);
    expect((await service.setDomains('34CD', ['regenboog.example.nl'], actor)).domains).to.deep.equal(['regenboog.example.nl']);
  });

  it('school search for the school account: by name, place or BRIN, only schools whose own IdP is usable', async () => {
    const repos = db().repositories;
    await repos.schools.insert({
      brin: '34CD',
      dependanceCode: '00',
      name: 'CBS Het Kompas',
      visitingAddress: { street: 'Markt', houseNumber: '1', postalCode: '8011 AA', city: 'Zwolle' },
    });
    await repos.schools.insert({
      brin: '56EF',
      dependanceCode: '00',
      name: 'OBS De Zwaluw',
      visitingAddress: { street: 'Dorpsstraat', houseNumber: '2', postalCode: '8011 AB', city: 'Zwolle' },
    });
    const m = parseIdpMetadata(idp.metadataXml);
    await service.register('34CD', m, settings, actor);
    const own = (q: string) => repos.schools.search(q, 10, { withOwnIdp: true }).then((r) => r.map((s) => s.brin));
    expect(await own('zwol'), 'by place').to.deep.equal(['34CD']);
    expect(await own('kompas'), 'by name').to.deep.equal(['34CD']);
    expect(await own('34c'), 'by BRIN').to.deep.equal(['34CD']);
    expect(await own('zwaluw'), 'no IdP of its own').to.deep.equal([]);
    expect(await own('regenboog')).to.deep.equal([]);
    expect((await repos.schools.search('zwol', 10)).map((s) => s.brin).sort(), 'the picture login finds both').to.deep.equal([
      '34CD',
      '56EF',
    ]);
    // Expired metadata: not offered until it is refreshed.
    await db().dataSource.query("UPDATE upstream_idps SET valid_until = now() - interval '1 minute'");
    expect(await own('kompas')).to.deep.equal([]);
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

import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { expect } from 'chai';
import { ValidationError } from '../../src/domain/errors';
import { NAMEID_FORMAT } from '../../src/saml/xml/namespaces';
import { ACTOR, registerSp, seedSchool, testSpKeys, type SeededSchool } from '../support/federation';
import { Browser, loginThroughSso, startTestHub, type TestHub } from '../support/hub';
import { BACKENDS } from '../support/postgres';
import { DEFAULT_RELEASE } from '../../src/release/categories';

/**
 * Annex 1 D / DPA art. 13.3 over real HTTP with @node-saml as the SP, on both backends: a participant's
 * declared annex bounds what SSO releases; a widening releases nothing new to a school until the school
 * accepts it, then does; a narrowing applies at once; the ledger's releases are checked against the
 * annex; the annex is published as a page (escaped) and as JSON.
 */

const ACS = 'http://127.0.0.1:9/node-saml/acs';
const BIRTH_DATE = 'urn:oid:1.3.6.1.5.5.7.9.1';
const GIVEN_NAME = 'urn:oid:2.5.4.42';
const SURNAME = 'urn:oid:2.5.4.4';
/** What a participant gets without a declared annex (the categories' one home). */
const BASE = [...DEFAULT_RELEASE];

for (const backend of BACKENDS) {
  describe(`privacy annex: declared, published, widened only after the school accepts [${backend}]`, function () {
    let t: TestHub;
    let school: SeededSchool;
    let other: SeededSchool;
    let sp: SAML;
    let participantId: string;
    const entityId = 'https://sp.uitgeverij-p.example/node-saml';

    /** One SSO as the pupil in a fresh browser: the attributes node-saml accepted. */
    async function ssoAs(who: SeededSchool): Promise<Record<string, unknown>> {
      const start = await sp.getAuthorizeUrlAsync('', undefined, {});
      const { res, form } = await loginThroughSso(new Browser(), start, who.pupil.username, who.pupil.password);
      expect(form, res.body.slice(0, 400)).not.to.equal(null);
      const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: form!.fields.SAMLResponse! });
      return profile as unknown as Record<string, unknown>;
    }

    before(async function () {
      t = await startTestHub(this, 'privacy_annex', {}, backend);
      const keys = await testSpKeys();
      school = await seedSchool(t.hub, { brin: '15PA', participant: 'Uitgeverij P' });
      // The second school switched the participant on once, and off again: it accepted the annex as it was then.
      other = await seedSchool(t.hub, { brin: '16PB', participant: 'Uitgeverij P' });
      await t.hub.services.licences.setActivation({ brin: '16PB', participantName: 'Uitgeverij P', enabled: false }, ACTOR);
      sp = new SAML({
        entryPoint: `${t.baseUrl}/saml/sso`,
        issuer: entityId,
        callbackUrl: ACS,
        idpCert: t.hub.secrets.samlSigning.certificatePem,
        idpIssuer: t.hub.config.idpEntityId,
        audience: entityId,
        privateKey: keys.signing.privateKeyPem,
        publicCert: keys.signing.certificatePem,
        signatureAlgorithm: 'sha256',
        digestAlgorithm: 'sha256',
        identifierFormat: NAMEID_FORMAT.persistent,
        wantAssertionsSigned: true,
        wantAuthnResponseSigned: true,
        validateInResponseTo: ValidateInResponseTo.never,
        acceptedClockSkewMs: 5000,
        disableRequestedAuthnContext: true,
      });
      await registerSp(t.hub, 'Uitgeverij P', sp.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
        attributes: ['givenName', 'sn', 'tussenvoegsel', 'groepNaam', 'jaargroep', 'brin', 'eduPersonAffiliation', 'eckId', 'dateOfBirth'],
      });
      participantId = (await t.hub.db.repositories.participants.findByName('Uitgeverij P'))!.id;
    });
    after(async () => t?.stop());

    it('refuses an incomplete or wrong annex with the reason, and changes nothing', async () => {
      const annex = t.hub.services.privacyAnnex;
      const refused = async (input: Parameters<typeof annex.set>[1], reason: RegExp) => {
        const e = await annex.set('Uitgeverij P', input, ACTOR).catch((x) => x);
        expect(e).to.be.instanceOf(ValidationError);
        expect((e as Error).message).to.match(reason);
      };
      await refused({ categories: ['firstName'], purposes: ['Rekenen'] }, /storage location/);
      await refused({ categories: ['firstName', 'shoeSize'], purposes: ['x'], storageLocation: 'NL' }, /unknown category shoeSize/);
      await refused({ categories: ['firstName'], storageLocation: 'NL' }, /at least one purpose/);
      await refused(
        { categories: ['firstName'], purposes: ['x'], storageLocation: 'NL', subProcessors: [{ name: 'A', purpose: '', location: 'NL' }] },
        /sub-processor 1: purpose/,
      );
      await refused({ categories: ['firstName'], purposes: ['a\u0007b'], storageLocation: 'NL' }, /control characters/);
      expect((await t.hub.db.repositories.participants.findById(participantId))!.annex).to.equal(null);
    });

    it('declaring the default categories changes nothing for the schools; SSO releases them, never the birth date', async () => {
      const change = await t.hub.services.privacyAnnex.set(
        'Uitgeverij P',
        {
          categories: BASE,
          purposes: ['Inloggen op de rekenmethode'],
          subProcessors: [{ name: 'Host <b>&amp; Co</b>', purpose: 'hosting', location: 'Amsterdam, NL' }],
          storageLocation: 'Nederland (EU)',
        },
        ACTOR,
      );
      expect(change).to.deep.include({ added: [], removed: [], schoolsToAccept: 0 });
      const profile = await ssoAs(school);
      expect(profile[GIVEN_NAME]).to.equal('Fenna');
      expect(profile[BIRTH_DATE]).to.equal(undefined);
    });

    it('a widening (birth date) releases nothing new until the school accepts; then it does; each school on its own', async () => {
      const change = await t.hub.services.privacyAnnex.set('Uitgeverij P', { categories: [...BASE, 'birthDate'] }, ACTOR);
      // Both schools have an activation (the second one switched off): both keep what they accepted.
      expect(change).to.deep.include({ added: ['birthDate'], removed: [], schoolsToAccept: 2, delegatesMailed: 0 }); // no delegates seeded here
      const schoolId = (await t.hub.db.repositories.schools.findByBrin('15PA'))[0]!.id;
      const pending = await t.hub.services.privacyAnnex.pending(schoolId);
      expect(pending.map((p) => [p.participantName, p.added])).to.deep.equal([['Uitgeverij P', ['birthDate']]]);

      // SSO after the widening: the annex allows it, the SP asks for it, the school has not accepted → not released.
      let profile = await ssoAs(school);
      expect(profile[GIVEN_NAME]).to.equal('Fenna');
      expect(profile[BIRTH_DATE], 'no birth date before acceptance').to.equal(undefined);

      const added = await t.hub.services.privacyAnnex.accept(schoolId, participantId, { type: 'person', id: school.teacher.personId });
      expect(added).to.deep.equal(['birthDate']);
      expect(await t.hub.services.privacyAnnex.pending(schoolId)).to.deep.equal([]);
      await t.hub.db.settled();
      profile = await ssoAs(school);
      expect(profile[BIRTH_DATE], 'released once accepted').to.equal('2015-04-01');

      // The other school has not accepted: switched on now, it still gets only what it accepted before.
      await t.hub.services.licences.setActivation({ brin: '16PB', participantName: 'Uitgeverij P', enabled: true }, ACTOR);
      await t.hub.db.settled();
      profile = await ssoAs(other);
      expect(profile[GIVEN_NAME]).to.equal('Fenna');
      expect(profile[BIRTH_DATE]).to.equal(undefined);

      // Accepting twice is refused (nothing to accept); the acceptance is audited with what it added.
      expect(await t.hub.services.privacyAnnex.accept(schoolId, participantId, ACTOR).catch((e) => e.kind)).to.equal('conflict');
      const audit = await t.hub.db.repositories.audit.list({ action: 'participant.annex.accept' });
      expect(audit).to.have.length(1);
      expect(audit[0]!.details).to.deep.include({ added: ['birthDate'] });
    });

    it('a narrowing applies at once, everywhere', async () => {
      const change = await t.hub.services.privacyAnnex.set(
        'Uitgeverij P',
        { categories: [...BASE, 'birthDate'].filter((c) => c !== 'lastName') },
        ACTOR,
      );
      expect(change).to.deep.include({ added: [], removed: ['lastName'] });
      await t.hub.db.settled();
      for (const who of [school, other]) {
        const profile = await ssoAs(who);
        expect(profile[SURNAME]).to.equal(undefined);
        expect(profile[GIVEN_NAME]).to.equal('Fenna');
      }
    });

    it('privacy check: the ledger matches the annex; an undeclared release is reported', async () => {
      let result = await t.hub.services.privacyAnnex.check();
      const mine = result.participants.find((p) => p.participant === 'Uitgeverij P')!;
      expect(result.ok).to.equal(true);
      expect(mine.undeclared).to.deep.equal([]);
      expect(mine.released).to.include('birthDate').and.include('firstName');
      // Since the whole history (before the narrowing, the surname went out): a difference.
      result = await t.hub.services.privacyAnnex.check({ since: new Date(0) });
      expect(result.ok).to.equal(false);
      expect(result.participants.find((p) => p.participant === 'Uitgeverij P')!.undeclared).to.deep.equal(['lastName']);
    });

    it('publishes the annex as JSON and as a page (Dutch and English, escaped), without a session', async () => {
      const json = await fetch(`${t.baseUrl}/privacy/${participantId}.json`);
      expect(json.status).to.equal(200);
      expect(json.headers.get('set-cookie')).to.equal(null);
      const body = await json.json();
      expect(body).to.deep.include({ format: 'leerpoort-privacy-annex/1', declared: true, storageLocation: 'Nederland (EU)' });
      expect(body.participant).to.deep.equal({ id: participantId, name: 'Uitgeverij P' });
      expect(body.categories.map((c: { id: string }) => c.id))
        .to.include('birthDate')
        .and.not.include('lastName');
      expect(body.categories.find((c: { id: string }) => c.id === 'birthDate')).to.deep.equal({
        id: 'birthDate',
        nl: 'geboortedatum',
        en: 'birth date',
      });
      expect(body.subProcessors).to.deep.equal([{ name: 'Host <b>&amp; Co</b>', purpose: 'hosting', location: 'Amsterdam, NL' }]);

      const page = await fetch(`${t.baseUrl}/privacy/${participantId}`);
      expect(page.status).to.equal(200);
      const html = await page.text();
      expect(html).to.contain('Privacybijsluiter').and.contain('Privacy leaflet').and.contain('geboortedatum').and.contain('birth date');
      expect(html).to.contain('Host &lt;b&gt;&amp;amp; Co&lt;/b&gt;').and.not.contain('<b>&amp; Co</b>');

      const list = await (await fetch(`${t.baseUrl}/privacy.json`)).json();
      expect(list.participants.map((p: { name: string }) => p.name)).to.include('Uitgeverij P');
      expect((await fetch(`${t.baseUrl}/privacy/not-a-uuid`)).status).to.equal(404);
      expect((await fetch(`${t.baseUrl}/privacy/00000000-0000-4000-8000-000000000000.json`)).status).to.equal(404);
    });
  });
}

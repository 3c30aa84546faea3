import { type SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { expect } from 'chai';
import { logoutResponseXml } from '../../src/saml/slo';
import { parseIdpMetadata } from '../../src/saml/upstream/idp-metadata';
import { generateKeyPair, type KeyPair } from '../../src/crypto/secrets';
import { signXml } from '../support/attacker';
import { totpCode } from '../support/browser-pages';
import { ACTOR, nodeSamlSp, registerSp, requireTool, seedSchool, testSpKeys } from '../support/federation';
import { Browser, csrfOf, decodeHtml, readPostForm, startTestHub, type TestHub } from '../support/hub';
import { BACKENDS } from '../support/postgres';
import { pysaml2Available } from '../support/pysaml2';
import { answerAtSchoolIdp, encryptElement, type SchoolIdp, startSchoolIdp, toSchoolIdp, STAFF_BY_EMAIL } from '../support/upstream-idp';

const SETTINGS = STAFF_BY_EMAIL;
const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

interface ReadLogoutRequest {
  id: string;
  issuer: string;
  destination: string;
  name_id: string;
  name_id_format: string | null;
  session_indexes: string[];
  signature_verified: boolean;
}

/**
 * Single Logout with a school’s own IdP, both ways, over real HTTP: the hub on a free port,
 * pysaml2 as the school IdP (it reads the hub's SP metadata, verifies the hub's signed LogoutRequest and
 * LogoutResponse, and signs its own), node-saml as the publisher. The test carries the messages between
 * them as the browser would; the database says which sessions live. On the embedded PGlite and on PostgreSQL.
 */
for (const backend of BACKENDS)
  describe(`upstream Single Logout: school IdP (pysaml2) ⇄ hub ⇄ publisher (node-saml) [${backend}]`, function () {
    let t: TestHub;
    let idp: SchoolIdp;
    let other: SchoolIdp;
    let noSlo: SchoolIdp;
    let publisher: SAML;
    let stranger: KeyPair;
    let teacher12ab: string;
    const email = 'g.zwaan@12ab.example.nl';
    const otherEmail = 'g.zwaan@34cd.example.nl';

    before(async function () {
      requireTool(this, pysaml2Available(), 'python3-pysaml2');
      // Three schools, three pysaml2 IdPs and a publisher: on the embedded database this takes a while.
      this.timeout(240_000);
      t = await startTestHub(this, 'upstream_slo', {}, backend);
      for (const brin of ['12AB', '34CD', '56EF']) {
        const seeded = await seedSchool(t.hub, { brin, participant: 'Uitgeverij L' });
        if (brin === '12AB') teacher12ab = seeded.teacher.personId;
      }
      const spMetadata = await (await fetch(`${t.baseUrl}/saml/upstream/metadata`)).text();
      const start = (host: string, slo: boolean) =>
        startSchoolIdp({
          entityId: `https://${host}/idp`,
          ssoUrl: `https://${host}/sso`,
          ...(slo ? { sloUrl: `https://${host}/slo` } : {}),
          spMetadata: [spMetadata],
        });
      idp = await start('idp.12ab.example.nl', true);
      other = await start('idp.34cd.example.nl', true);
      noSlo = await start('idp.56ef.example.nl', false);
      await t.hub.services.upstreamIdps.register('12AB', parseIdpMetadata(idp.metadataXml), SETTINGS, ACTOR);
      await t.hub.services.upstreamIdps.register('34CD', parseIdpMetadata(other.metadataXml), SETTINGS, ACTOR);
      await t.hub.services.upstreamIdps.register('56EF', parseIdpMetadata(noSlo.metadataXml), SETTINGS, ACTOR);
      const keys = await testSpKeys();
      publisher = nodeSamlSp({
        hubUrl: t.baseUrl,
        idpCert: t.hub.secrets.samlSigning.certificatePem,
        entityId: 'https://lezen.uitgeverij-l.example/sp',
        acs: 'http://127.0.0.1:9/lezen/acs',
        sloUrl: 'http://127.0.0.1:9/lezen/slo',
        keys,
        validateInResponseTo: ValidateInResponseTo.never,
      });
      await registerSp(t.hub, 'Uitgeverij L', publisher.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
        attributes: ['givenName'],
      });
      stranger = await generateKeyPair('stranger');
    });
    after(async () => {
      for (const i of [idp, other, noSlo]) i?.stop();
      await t?.stop();
    });

    /** Logged in through the school's IdP, then SSO to the publisher: what the publisher's SLO needs, and the IdP's SessionIndex. */
    async function loggedIn(browser: Browser, school: SchoolIdp = idp, brin = '12AB', nameId = email) {
      const login = await answerAtSchoolIdp(t.baseUrl, school, browser, await toSchoolIdp(t.baseUrl, school, browser, brin), nameId);
      expect(login.status, login.body.slice(0, 300)).to.equal(303);
      expect(login.location).to.equal(`${t.baseUrl}/portal`);
      const sso = await browser.request(await publisher.getAuthorizeUrlAsync('', undefined, {}));
      expect(sso.status, sso.body.slice(0, 300)).to.equal(200);
      const { profile } = await publisher.validatePostResponseAsync({ SAMLResponse: readPostForm(sso.body).fields.SAMLResponse! });
      return { profile: profile!, sessionIndex: login.sessionIndex! };
    }

    /** Live hub sessions that came from this IdP (the database's word, not the browser's). */
    const liveFrom = async (school: SchoolIdp) =>
      Number(
        (
          await t.hub.db.dataSource.query(
            'SELECT count(*)::int AS n FROM sessions WHERE upstream_idp = $1 AND destroyed_at IS NULL AND expires_at > now()',
            [school.entityId],
          )
        )[0].n,
      );

    /** The publisher answers the hub's propagated LogoutRequest (HTTP-POST) and the browser carries its LogoutResponse back. */
    async function publisherLogsOut(browser: Browser, page: { status: number; body: string }) {
      expect(page.status, page.body.slice(0, 300)).to.equal(200);
      const toPublisher = readPostForm(page.body);
      expect(toPublisher.action).to.equal('http://127.0.0.1:9/lezen/slo');
      const atPublisher = await publisher.validatePostRequestAsync({ SAMLRequest: toPublisher.fields.SAMLRequest! });
      expect(atPublisher.loggedOut).to.equal(true);
      return browser.request(await publisher.getLogoutResponseUrlAsync(atPublisher.profile!, '', {}, true));
    }

    /** The hub's signed LogoutRequest to the school IdP (HTTP-Redirect, by a page that moves on by itself), as pysaml2 read it. */
    async function readAtIdp(school: SchoolIdp, res: { status: number; location: string | null; body: string }) {
      expect(res.status, res.body.slice(0, 300)).to.equal(200);
      const href = /<a id="to-school" href="([^"]+)"/.exec(res.body)?.[1];
      expect(res.body).to.contain(`<meta http-equiv="refresh" content="0;url=${href}">`);
      const url = new URL(decodeHtml(href!));
      expect(`${url.origin}${url.pathname}`).to.equal(school.sloUrl);
      const q = url.searchParams;
      return school.pysaml2.call<ReadLogoutRequest>('parse_logout_request', {
        saml_request: q.get('SAMLRequest'),
        sigalg: q.get('SigAlg'),
        signature: q.get('Signature'),
      });
    }

    /** A LogoutRequest from a school IdP to the hub's SP logout endpoint, made and signed by pysaml2. */
    async function idpLogoutRequest(
      school: SchoolIdp,
      opts: { nameId?: string; sessionIndexes?: string[]; binding?: 'post' | 'redirect'; sign?: boolean; destination?: string } = {},
    ) {
      return school.pysaml2.call<{ id: string; xml?: string; url?: string }>('logout_request', {
        destination: opts.destination ?? `${t.baseUrl}/saml/upstream/slo`,
        sp_entity_id: `${t.baseUrl}/saml/upstream/metadata`,
        name_id: opts.nameId ?? email,
        name_id_format: EMAIL_FORMAT,
        ...(opts.sessionIndexes ? { session_indexes: opts.sessionIndexes } : {}),
        binding: opts.binding ?? 'post',
        sign: opts.sign ?? true,
      });
    }

    const postToHub = (browser: Browser, field: 'SAMLRequest' | 'SAMLResponse', xml: string) =>
      browser.request(`${t.baseUrl}/saml/upstream/slo`, { form: { [field]: Buffer.from(xml).toString('base64') } });

    it('the school login is kept with the session encrypted — no NameID in the clear — and goes with the session', async () => {
      const browser = new Browser();
      await loggedIn(browser);
      const rows = await t.hub.db.dataSource.query(
        'SELECT data, upstream_subject_hmac, upstream_login_enc FROM sessions WHERE upstream_idp = $1 AND destroyed_at IS NULL',
        [idp.entityId],
      );
      expect(rows).to.have.length(1);
      expect(rows[0].upstream_login_enc).to.match(/^enc1\./);
      expect(JSON.stringify(rows)).to.not.contain(email);
      // The continuation from the ACS to the login held it sealed too, and was used up.
      const pending = await t.hub.db.dataSource.query('SELECT context, sealed_enc FROM upstream_authn_requests');
      expect(JSON.stringify(pending)).to.not.contain(email);
      const portal = await browser.request(`${t.baseUrl}/portal`);
      const out = await browser.request(`${t.baseUrl}/account/sessions/logout-all`, { form: { _csrf: csrfOf(portal.body) } });
      const atIdp = await readAtIdp(idp, out);
      expect(atIdp.signature_verified).to.equal(true);
      expect(await liveFrom(idp)).to.equal(0);
      const gone = await t.hub.db.dataSource.query(
        'SELECT count(*)::int AS n FROM sessions WHERE upstream_idp IS NOT NULL OR upstream_login_enc IS NOT NULL',
      );
      expect(gone[0].n, 'tombstones keep no school login').to.equal(0);
    });

    it('logout at the hub: the publisher gets a LogoutRequest, then the school IdP a signed one naming the NameID and SessionIndex it issued; its LogoutResponse ends the logout', async () => {
      const browser = new Browser();
      const { sessionIndex } = await loggedIn(browser);
      expect(await liveFrom(idp)).to.equal(1);
      const portal = await browser.request(`${t.baseUrl}/portal`);
      const afterPublisher = await publisherLogsOut(
        browser,
        await browser.request(`${t.baseUrl}/logout`, { form: { _csrf: csrfOf(portal.body) } }),
      );
      expect(await liveFrom(idp), 'the hub session ended before the school IdP is asked').to.equal(0);
      const atIdp = await readAtIdp(idp, afterPublisher);
      expect(atIdp).to.deep.include({
        issuer: `${t.baseUrl}/saml/upstream/metadata`,
        destination: idp.sloUrl,
        name_id: email,
        name_id_format: EMAIL_FORMAT,
        session_indexes: [sessionIndex],
        signature_verified: true,
      });
      const { xml } = await idp.pysaml2.call<{ xml: string }>('logout_response', { request_id: atIdp.id });
      const done = await postToHub(browser, 'SAMLResponse', xml);
      expect(done.status, done.body.slice(0, 300)).to.equal(200);
      expect(done.body).to.contain('Je bent uitgelogd').and.contain('You are logged out');
      // The same LogoutResponse again: its request was taken once.
      const replay = await postToHub(new Browser(), 'SAMLResponse', xml);
      expect(replay.status).to.equal(400);
      // A follow-up SSO asks for a login.
      const again = await browser.request(await publisher.getAuthorizeUrlAsync('', undefined, {}));
      expect(again.status).to.equal(303);
      expect(new URL(again.location!).pathname).to.equal('/login');
    });

    it('an SP-initiated logout goes on to the school IdP; the publisher gets its LogoutResponse after the IdP answered', async () => {
      const browser = new Browser();
      const { profile } = await loggedIn(browser);
      const start = await browser.request(await publisher.getLogoutUrlAsync(profile, 'terug', {}));
      const atIdp = await readAtIdp(idp, start);
      expect(atIdp.signature_verified).to.equal(true);
      const { xml } = await idp.pysaml2.call<{ xml: string }>('logout_response', { request_id: atIdp.id });
      const done = await postToHub(browser, 'SAMLResponse', xml);
      expect(done.status, done.body.slice(0, 300)).to.equal(200);
      const answer = readPostForm(done.body);
      expect(answer.action).to.equal('http://127.0.0.1:9/lezen/slo');
      expect(answer.fields.RelayState).to.equal('terug');
      expect(Buffer.from(answer.fields.SAMLResponse!, 'base64').toString()).to.contain('urn:oasis:names:tc:SAML:2.0:status:Success');
      expect(await liveFrom(idp)).to.equal(0);
    });

    it('a school IdP without a logout endpoint: the hub ends its own session and says the school account may still be signed in', async () => {
      const browser = new Browser();
      const login = await answerAtSchoolIdp(
        t.baseUrl,
        noSlo,
        browser,
        await toSchoolIdp(t.baseUrl, noSlo, browser, '56EF'),
        'g.zwaan@56ef.example.nl',
      );
      expect(login.status).to.equal(303);
      const portal = await browser.request(`${t.baseUrl}/portal`);
      const out = await browser.request(`${t.baseUrl}/logout`, { form: { _csrf: csrfOf(portal.body) } });
      expect(out.status).to.equal(200);
      expect(out.body).to.contain('Je schoolaccount kan nog ingelogd zijn').and.contain('Your school account may still be signed in');
      expect(await liveFrom(noSlo)).to.equal(0);
    });

    it('IdP-initiated (HTTP-POST): the hub session ends, the publisher is told, the IdP gets a signed LogoutResponse it validates', async () => {
      const browser = new Browser();
      const { sessionIndex } = await loggedIn(browser);
      // An OpenID Connect grant of the same person (as the provider stores one): the IdP's logout ends it too.
      const grantId = `grant-${sessionIndex}`;
      await t.hub.db.repositories.oidcPayloads.upsert('Grant', grantId, { accountId: teacher12ab }, new Date(Date.now() + 3600_000));
      const request = await idpLogoutRequest(idp, { sessionIndexes: [sessionIndex] });
      const first = await postToHub(browser, 'SAMLRequest', request.xml!);
      expect(await liveFrom(idp), 'ended at once').to.equal(0);
      expect(await t.hub.db.repositories.oidcPayloads.find('Grant', grantId, new Date())).to.equal(null);
      const back = await publisherLogsOut(browser, first);
      expect(back.status, back.body.slice(0, 300)).to.equal(303);
      const url = new URL(back.location!);
      expect(`${url.origin}${url.pathname}`).to.equal(idp.sloUrl);
      const read = await idp.pysaml2.call<{ in_response_to: string; status: string; issuer: string; signature_verified: boolean }>(
        'parse_logout_response',
        {
          saml_response: url.searchParams.get('SAMLResponse'),
          sigalg: url.searchParams.get('SigAlg'),
          signature: url.searchParams.get('Signature'),
        },
      );
      expect(read).to.deep.include({
        in_response_to: request.id,
        status: 'urn:oasis:names:tc:SAML:2.0:status:Success',
        issuer: `${t.baseUrl}/saml/upstream/metadata`,
        signature_verified: true,
      });
      const again = await browser.request(await publisher.getAuthorizeUrlAsync('', undefined, {}));
      expect(again.status).to.equal(303);
      expect(new URL(again.location!).pathname).to.equal('/login');
      const [audit] = await t.hub.db.dataSource.query(
        "SELECT details FROM audit_events WHERE action = 'saml.logout.upstream' ORDER BY id DESC LIMIT 1",
      );
      expect(audit.details).to.deep.include({ idp: idp.entityId, sessions: 1, encryptedId: false, oidcBackchannel: 0 });
      expect(audit.details.oidcRecords).to.be.at.least(1);
      expect(JSON.stringify(audit)).to.not.contain(email);
    });

    it('IdP-initiated (HTTP-Redirect) from another browser, without SessionIndex: every session of that NameID ends', async () => {
      const a = new Browser();
      const b = new Browser();
      await loggedIn(a);
      await loggedIn(b);
      expect(await liveFrom(idp)).to.equal(2);
      const { url } = await idpLogoutRequest(idp, { binding: 'redirect' });
      const elsewhere = new Browser();
      // The carrying browser has a session of its own (a login form open, not logged in): it stays.
      const csrfBefore = csrfOf((await elsewhere.request(`${t.baseUrl}/login`)).body);
      const first = await elsewhere.request(url!.replace(/^https?:\/\/[^/]+/, t.baseUrl));
      expect(await liveFrom(idp)).to.equal(0);
      // Both sessions had used the publisher: it is told twice, in this browser.
      const second = await publisherLogsOut(elsewhere, first);
      const last = await publisherLogsOut(elsewhere, second);
      expect(last.status).to.equal(303);
      expect(last.location).to.match(new RegExp(`^${idp.sloUrl}\\?SAMLResponse=`));
      expect((await a.request(`${t.baseUrl}/portal`)).status).to.equal(303);
      expect((await b.request(`${t.baseUrl}/portal`)).status).to.equal(303);
      const own = await elsewhere.request(`${t.baseUrl}/login`, {
        form: { _csrf: csrfBefore, username: 'niemand.12ab', password: 'Geen-Wachtwoord-1' },
      });
      expect(own.status, 'its form still holds a valid CSRF token: the session was kept').to.equal(401);
    });

    it('an EncryptedID in the IdP’s LogoutRequest is decrypted with the hub key and ends the session', async () => {
      const browser = new Browser();
      await loggedIn(browser);
      const { xml } = await idpLogoutRequest(idp, { sign: false });
      const encrypted = await encryptElement(xml!, 'NameID', 'EncryptedID', t.hub.secrets.samlEncryption.certificatePem);
      expect(encrypted).to.not.contain(email);
      const res = await postToHub(browser, 'SAMLRequest', signXml(encrypted.replace(/^<\?xml[^>]*>/, ''), idp.key));
      expect(res.status, res.body.slice(0, 300)).to.equal(200);
      expect(await liveFrom(idp)).to.equal(0);
      const [audit] = await t.hub.db.dataSource.query(
        "SELECT details FROM audit_events WHERE action = 'saml.logout.upstream' ORDER BY id DESC LIMIT 1",
      );
      expect(audit.details).to.deep.include({ sessions: 1, encryptedId: true });
    });

    it("when the school asks the hub's own second factor, the school login survives that step: logout still reaches the IdP", async () => {
      await t.hub.services.schools.setTeacherTwoFactor('12AB', true, ACTOR);
      try {
        const browser = new Browser();
        const login = await answerAtSchoolIdp(t.baseUrl, idp, browser, await toSchoolIdp(t.baseUrl, idp, browser, '12AB'), email);
        expect(login.location).to.equal(`${t.baseUrl}/login/2fa/setup`);
        const setup = await browser.request(`${t.baseUrl}/login/2fa/setup`);
        const secret = /id="totp-secret">([A-Z2-7]+)</.exec(setup.body)![1]!;
        const enrolled = await browser.request(`${t.baseUrl}/login/2fa/setup`, {
          form: { _csrf: csrfOf(setup.body), code: totpCode(secret) },
        });
        expect(enrolled.status, enrolled.body.slice(0, 300)).to.equal(200);
        const portal = await browser.request(`${t.baseUrl}/portal`);
        expect(portal.status).to.equal(200);
        expect(await liveFrom(idp)).to.equal(1);
        const atIdp = await readAtIdp(idp, await browser.request(`${t.baseUrl}/logout`, { form: { _csrf: csrfOf(portal.body) } }));
        expect(atIdp).to.deep.include({ name_id: email, session_indexes: [login.sessionIndex], signature_verified: true });
        expect(await liveFrom(idp)).to.equal(0);
      } finally {
        await t.hub.services.schools.setTeacherTwoFactor('12AB', false, ACTOR);
      }
    });

    describe('attacks: each refused, and no session ends', () => {
      let victim: Browser;
      let victimOther: Browser;

      beforeEach(async () => {
        victim = new Browser();
        victimOther = new Browser();
        await loggedIn(victim);
        await loggedIn(victimOther, other, '34CD', otherEmail);
        expect(await liveFrom(idp)).to.be.greaterThan(0);
      });
      afterEach(async () => {
        // Still logged in, as the database says and as the portal shows.
        expect(await liveFrom(idp)).to.be.greaterThan(0);
        expect(await liveFrom(other)).to.be.greaterThan(0);
        expect((await victim.request(`${t.baseUrl}/portal`)).status).to.equal(200);
        expect((await victimOther.request(`${t.baseUrl}/portal`)).status).to.equal(200);
        await t.hub.db.dataSource.query('UPDATE sessions SET destroyed_at = now() WHERE destroyed_at IS NULL');
      });

      const refusedWith = (res: { status: number; body: string }, reason: RegExp) => {
        expect(res.status, res.body.slice(0, 300)).to.equal(400);
        expect(res.body).to.contain('Uitloggen via deze link lukt niet');
        expect(res.body).to.match(reason);
      };

      it('an unsigned LogoutRequest (POST and Redirect)', async () => {
        refusedWith(await postToHub(new Browser(), 'SAMLRequest', (await idpLogoutRequest(idp, { sign: false })).xml!), /must sign/);
        const { url } = await idpLogoutRequest(idp, { binding: 'redirect', sign: false });
        refusedWith(await new Browser().request(url!.replace(/^https?:\/\/[^/]+/, t.baseUrl)), /must sign/);
      });

      it('a LogoutRequest signed by another key', async () => {
        const { xml } = await idpLogoutRequest(idp, { sign: false });
        refusedWith(await postToHub(new Browser(), 'SAMLRequest', signXml(xml!.replace(/^<\?xml[^>]*>/, ''), stranger)), /does not verify/);
      });

      it('a LogoutRequest whose Issuer is no registered IdP', async () => {
        const { xml } = await idpLogoutRequest(idp, { sign: false });
        const forged = xml!.replace(/^<\?xml[^>]*>/, '').replace(`>${idp.entityId}<`, '>https://idp.nep.example/idp<');
        refusedWith(await postToHub(new Browser(), 'SAMLRequest', signXml(forged, idp.key)), /not a registered school IdP/);
      });

      it('a LogoutRequest for another Destination', async () => {
        const { xml } = await idpLogoutRequest(idp, { destination: 'https://elders.example/slo' });
        refusedWith(await postToHub(new Browser(), 'SAMLRequest', xml!), /Destination/);
      });

      it('a replayed LogoutRequest', async () => {
        // Genuine, for someone with no session here: answered Success with nothing ended; the replay is refused.
        const { xml } = await idpLogoutRequest(idp, { nameId: 'niemand@12ab.example.nl' });
        const first = await postToHub(new Browser(), 'SAMLRequest', xml!);
        expect(first.status).to.equal(303);
        expect(first.location).to.match(new RegExp(`^${idp.sloUrl}\\?SAMLResponse=`));
        refusedWith(await postToHub(new Browser(), 'SAMLRequest', xml!), /already used \(replay\)/);
      });

      it('a LogoutResponse with a forged InResponseTo', async () => {
        const { xml } = logoutResponseXml(
          idp.entityId,
          `${t.baseUrl}/saml/upstream/slo`,
          '_nooitverstuurd',
          'urn:oasis:names:tc:SAML:2.0:status:Success',
        );
        refusedWith(await postToHub(victim, 'SAMLResponse', signXml(xml, idp.key)), /does not name a LogoutRequest the hub sent/);
      });

      it("a school IdP naming another IdP's user: that user's session lives on (Success, nothing ended)", async () => {
        // The 34CD IdP names the 12AB teacher, and the 12AB IdP the 34CD teacher: each signed by its own key.
        for (const [school, nameId] of [
          [other, email],
          [idp, otherEmail],
        ] as const) {
          const res = await postToHub(new Browser(), 'SAMLRequest', (await idpLogoutRequest(school, { nameId })).xml!);
          expect(res.status).to.equal(303);
          expect(res.location).to.match(new RegExp(`^${school.sloUrl}\\?SAMLResponse=`));
        }
      });
    });
  });

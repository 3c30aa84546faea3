import { expect } from 'chai';
import { SAML } from '@node-saml/node-saml';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { enrolTotp, PagePool, passwordLogin, wcagViolations } from '../support/browser-pages';
import { ACTOR, registerSp, seedSchool, type SeededSchool, testSpKeys } from '../support/federation';
import { launchChromium } from '../support/chromium';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * The school management screen (beheerscherm) in Debian's Chromium, one flow per test, against a real
 * hub on PostgreSQL; then the tenant-isolation sweep, CSRF and XSS checks over the same HTTP.
 */
describe('school management screen in a real browser (Debian Chromium)', function () {
  let t: TestHub;
  let browser: Browser;
  let school: SeededSchool;
  let other: SeededSchool;
  const pool = new PagePool(() => browser);
  let admin: Page;
  let adminContext: BrowserContext;
  const delegate = { username: 'beheer.41dd', password: 'Sleutelbos-Fiets-91' };
  let delegateId = '';
  let schoolId = '';
  let otherIds: { schoolId: string; pupilId: string; groupId: string; licenceId: string; participantId: string };
  const XSS = '<script>alert(1)</script>';

  before(async function () {
    browser = await launchChromium(this);
    t = await startTestHub(this, 'admin_screen');
    const repos = t.hub.db.repositories;
    const s = t.hub.services;
    school = await seedSchool(t.hub, { brin: '41DD', participant: 'Uitgeverij A', pupilFirstName: 'Fenna' });
    schoolId = (await repos.schools.findByBrin('41DD'))[0]!.id;
    delegateId = (
      await s.accounts.createPersonWithAccount(
        { schoolId, role: 'delegate', lasKey: 'D1', firstName: 'Dirk', lastName: 'Beheer', staffEmail: 'dirk@41dd.example.nl' },
        delegate.username,
        delegate.password,
        ACTOR,
      )
    ).person.id;
    const g7 = await repos.groups.insert({ schoolId, lasKey: 'G7', name: 'Groep 7', yearGroup: 7, kind: 'stamgroep' });
    for (let i = 1; i <= 30; i++) {
      const p = await repos.people.insert({
        schoolId,
        role: 'pupil',
        lasKey: `X${i}`,
        firstName: `Kind${String(i).padStart(2, '0')}`,
        lastName: i === 7 ? XSS : `Achternaam${String(31 - i).padStart(2, '0')}`,
      });
      await repos.groups.addMember({ groupId: g7.id, personId: p.id, roleInGroup: 'member' });
    }
    await s.participants.addProduct('Uitgeverij A', { name: 'Taalkist' }, ACTOR);
    await s.licences.grant(
      { brin: '41DD', productName: 'Taalkist', participantName: 'Uitgeverij A', target: { groupKey: 'G6' }, seats: 5 },
      ACTOR,
    );
    const keys = await testSpKeys();
    const sp = new SAML({
      entryPoint: `${t.baseUrl}/saml/sso`,
      issuer: 'https://sp.uitgeverij-a.example/saml',
      callbackUrl: 'https://sp.uitgeverij-a.example/acs',
      idpCert: t.hub.secrets.samlSigning.certificatePem,
      audience: 'https://sp.uitgeverij-a.example/saml',
    });
    await registerSp(t.hub, 'Uitgeverij A', sp.generateServiceProviderMetadata(null, keys.signing.certificatePem), {
      attributes: ['givenName', 'sn', 'groepNaam', 'eduPersonAffiliation'],
    });
    const participantId = (await repos.participants.findByName('Uitgeverij A'))!.id;
    await repos.ledger.record({ schoolId, participantId, channel: 'sso', categories: ['firstName', 'lastName'], peopleCount: 1 });
    await repos.ledger.record({ schoolId, participantId, channel: 'api', categories: ['firstName', 'groupName'], peopleCount: 27 });
    await repos.ledger.record({
      schoolId,
      participantId,
      channel: 'oidc',
      oidcClientId: 'lp-admin-test',
      categories: ['eckId'],
      peopleCount: 1,
    });
    await s.agreements.publish(
      {
        version: '2026.1',
        body: 'Overeenkomst versie 2026.1 — de volledige tekst van de product- en dienstenovereenkomst.',
        effectiveFrom: new Date(Date.now() - 1000),
      },
      ACTOR,
    );

    other = await seedSchool(t.hub, { brin: '42EE', participant: 'Uitgeverij B', pupilFirstName: 'Geheime' });
    const otherSchool = (await repos.schools.findByBrin('42EE'))[0]!;
    otherIds = {
      schoolId: otherSchool.id,
      pupilId: other.pupil.personId,
      groupId: (await repos.groups.findByLasKey(otherSchool.id, 'G6'))!.id,
      licenceId: (await repos.licences.listBySchool(otherSchool.id))[0]!.id,
      participantId: (await repos.participants.findByName('Uitgeverij B'))!.id,
    };

    adminContext = await browser.newContext();
    admin = await adminContext.newPage();
    await passwordLogin(admin, t.baseUrl, delegate.username, delegate.password);
    await enrolTotp(admin);
    await admin.getByRole('link', { name: /Verder/ }).click();
  });
  afterEach(async function () {
    await pool.afterEach(this, [admin]);
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  const csrf = async () => (await admin.locator('input[name=_csrf]').first().getAttribute('value'))!;
  const audit = (action: string) => t.hub.db.repositories.audit.list({ schoolId, action });

  it('1. agreement: nothing opens before "Akkoord"; acceptance is recorded; a new version (≥ 45 days ahead) is mailed and must be accepted when it applies', async () => {
    await admin.getByRole('link', { name: /Beheerscherm/ }).click();
    expect(admin.url()).to.equal(`${t.baseUrl}/admin/agreement`);
    expect(await admin.locator('#agreement-text').textContent()).to.contain('Overeenkomst versie 2026.1');
    for (const path of ['/admin', '/admin/people?role=pupil', '/admin/licences', '/admin/ledger', '/admin/settings']) {
      await admin.goto(`${t.baseUrl}${path}`);
      expect(admin.url(), path).to.equal(`${t.baseUrl}/admin/agreement`);
    }
    await admin.getByRole('button', { name: 'Akkoord' }).click();
    expect(admin.url()).to.equal(`${t.baseUrl}/admin`);
    expect(await admin.locator('h1').textContent()).to.contain('Welkom, Dirk');
    const [accepted] = await t.hub.db.repositories.agreements.acceptances(schoolId);
    expect(accepted).to.deep.include({ version: '2026.1', acceptedBy: delegateId, acceptedFromIp: '127.0.0.1' });

    let refused = '';
    await t.hub.services.agreements
      .publish(
        {
          version: '2026.2',
          body: 'Te vroeg gepubliceerde versie van de overeenkomst, dit mag niet.',
          effectiveFrom: new Date(Date.now() + 44 * 86_400_000),
        },
        ACTOR,
      )
      .catch((e: Error) => (refused = e.message));
    expect(refused).to.contain('at least 45 days');
    const { notified } = await t.hub.services.agreements.publish(
      {
        version: '2027.1',
        body: 'Nieuwe versie 2027.1 van de overeenkomst met gewijzigde artikelen.',
        effectiveFrom: new Date(Date.now() + 46 * 86_400_000),
      },
      ACTOR,
    );
    expect(notified, 'the one delegate with an address').to.equal(1);
    expect((await t.hub.db.repositories.outbox.list()).filter((m) => m.subject.includes('2027.1')).map((m) => m.to)).to.include(
      'dirk@41dd.example.nl',
    );
    await admin.goto(`${t.baseUrl}/admin`);
    expect(await admin.locator('[role=status]').textContent()).to.contain('2027.1');
    // The effective date arrives: the screen closes until the new version is accepted.
    await t.hub.db.dataSource.query("UPDATE agreement_versions SET effective_from = now() WHERE version = '2027.1'");
    await admin.goto(`${t.baseUrl}/admin/licences`);
    expect(admin.url()).to.equal(`${t.baseUrl}/admin/agreement`);
    expect(await admin.locator('#agreement-text').textContent()).to.contain('Nieuwe versie 2027.1');
    await admin.getByRole('button', { name: 'Akkoord' }).click();
    await admin.goto(`${t.baseUrl}/admin/agreement`);
    expect(await admin.locator('#acceptances tbody tr').count()).to.equal(2);
  });

  it('2. accounts: list, search, sort and page; inzage with JSON export and print; home-access addresses; delete on request leaves no trace but counts', async () => {
    await admin.goto(`${t.baseUrl}/admin/people?role=pupil`);
    expect(await admin.locator('#total').textContent()).to.contain('31');
    expect(await admin.locator('#people tbody tr').count()).to.equal(25);
    await admin.getByRole('link', { name: 'Volgende' }).click();
    expect(await admin.locator('#people tbody tr').count()).to.equal(6);
    await admin.goto(`${t.baseUrl}/admin/people?role=pupil`);
    await admin.getByLabel(/Zoek op naam/).fill('fenna');
    await admin.getByRole('button', { name: 'Zoeken' }).click();
    expect(await admin.locator('#people tbody tr').count()).to.equal(1);
    await admin.goto(`${t.baseUrl}/admin/people?role=pupil&sort=first`);
    expect(await admin.locator('#people tbody th').first().textContent()).to.contain('Fenna');
    await admin.goto(`${t.baseUrl}/admin/people?role=pupil&sort=last`);
    const byLast = (await admin.locator('#people tbody th').allTextContents()).filter((n) => n.includes('Achternaam'));
    expect(byLast.slice(0, 3).map((n) => n.trim())).to.deep.equal(['Kind30 Achternaam01', 'Kind29 Achternaam02', 'Kind28 Achternaam03']);

    await admin.goto(`${t.baseUrl}/admin/people/${school.pupil.personId}`);
    const record = await admin.locator('#record').textContent();
    expect(record)
      .to.contain(school.pupil.personId)
      .and.contain('Fenna')
      .and.contain('2015-04-01')
      .and.contain(school.pupil.username)
      .and.contain('Groep 6')
      .and.contain('Uitgeverij A Rekenen');
    await admin.getByLabel(/Adres toevoegen/).fill('ouder@example.nl');
    await admin.getByRole('button', { name: 'Adres toevoegen' }).click();
    expect(await admin.locator('#record').textContent()).to.contain('ouder@example.nl');
    await admin.getByLabel(/Adres toevoegen/).fill('geen adres');
    await admin.getByRole('button', { name: 'Adres toevoegen' }).click();
    expect(await admin.locator('[role=alert]').textContent()).to.contain('invalid e-mail address');

    const download = admin.waitForEvent('download');
    await admin.getByRole('link', { name: /Exporteren als JSON/ }).click();
    const exported = JSON.parse(require('node:fs').readFileSync(await (await download).path(), 'utf8'));
    expect(exported.person).to.deep.include({ id: school.pupil.personId, firstName: 'Fenna', lastName: 'Horst', birthDate: '2015-04-01' });
    expect(exported.homeAccessEmails).to.deep.equal(['ouder@example.nl']);
    expect(exported.account.username).to.equal(school.pupil.username);
    expect(JSON.stringify(exported)).not.to.match(/argon2|passwordHash|secret/i);
    await admin.goto(`${t.baseUrl}/admin/people/${school.pupil.personId}/print`);
    expect(await admin.locator('#record').textContent()).to.contain('Fenna');

    // A teacher chooses a new password through a link the school sends to the work address.
    await admin.goto(`${t.baseUrl}/admin/people/${school.teacher.personId}`);
    await admin.getByRole('button', { name: 'Herstellink sturen' }).click();
    expect(await admin.locator('[role=status]').textContent()).to.contain('De herstellink is verstuurd');
    expect(
      (await t.hub.db.repositories.outbox.list()).filter((m) => m.to === 'g.zwaan@41dd.example.nl' && /\/login\/reset\//.test(m.body)),
    ).to.have.length(1);

    // Delete on the school's request: a pupil with everything attached.
    const victim = school.pupil.personId;
    await t.hub.services.pupilLogin.resetPicturePassword(victim, ACTOR);
    await t.hub.services.pupilLogin.issueCard(victim, ACTOR);
    const pupilPage = await pool.newPage();
    await passwordLogin(pupilPage, t.baseUrl, school.pupil.username, school.pupil.password);
    expect(pupilPage.url()).to.equal(`${t.baseUrl}/portal`);
    await admin.goto(`${t.baseUrl}/admin/people/${victim}`);
    await admin.getByLabel('Bevestiging').fill('misschien');
    await admin.getByRole('button', { name: 'Persoon verwijderen' }).click();
    expect(await admin.locator('[role=alert]').textContent()).to.contain('VERWIJDER');
    expect(await t.hub.db.repositories.people.findById(victim), 'not deleted without confirmation').not.to.equal(null);
    await admin.getByLabel('Bevestiging').fill('VERWIJDER');
    await admin.getByRole('button', { name: 'Persoon verwijderen' }).click();
    expect(admin.url()).to.contain('/admin/people?role=pupil');
    const tables: Array<{ tablename: string }> = await t.hub.db.dataSource.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    const holding: string[] = [];
    for (const { tablename } of tables) {
      const [{ n }] = await t.hub.db.dataSource.query(`SELECT count(*)::int AS n FROM "${tablename}" x WHERE x::text LIKE $1`, [
        `%${victim}%`,
      ]);
      if (n > 0) holding.push(tablename);
    }
    expect(holding, 'only the audit names the deleted hub id').to.deep.equal(['audit_events']);
    const [deletion] = await audit('person.delete');
    expect(deletion).to.deep.include({ targetId: victim });
    expect(deletion!.actor.id).to.equal(delegateId);
    expect(JSON.stringify(await t.hub.db.dataSource.query('SELECT * FROM audit_events'))).not.to.contain('Fenna');
    expect((await t.hub.db.repositories.ledger.list({ schoolId })).map((r) => r.peopleCount)).to.include.members([1, 27]);
    await pupilPage.goto(`${t.baseUrl}/portal`);
    expect(pupilPage.url(), 'the deleted pupil’s session is gone').to.contain('/login');
  });

  it('3. licences: seats used / total and validity per product; assign and withdraw a group; more pupils than seats is refused and changes nothing', async () => {
    await admin.goto(`${t.baseUrl}/admin/licences`);
    const taalkist = admin.locator('#licences tr', { hasText: 'Taalkist' });
    expect(await taalkist.locator('.seats').textContent()).to.match(/^\s*1 \/ 5\s*$/); // the G6 teacher (the G6 pupil was deleted in flow 2)
    await taalkist.getByLabel(/Toewijzen aan groep/).selectOption({ label: 'Groep 7' });
    await taalkist.getByRole('button', { name: /Toewijzen aan groep/ }).click();
    expect(await admin.locator('[role=alert]').textContent()).to.contain('more assignments than seats');
    expect(await admin.locator('#licences tr', { hasText: 'Taalkist' }).locator('.seats').textContent()).to.match(/1 \/ 5/);
    const rekenen = admin.locator('#licences tr', { hasText: 'Uitgeverij A Rekenen' });
    await rekenen.getByLabel(/Toewijzen aan groep/).selectOption({ label: 'Groep 7' });
    await rekenen.getByRole('button', { name: /Toewijzen aan groep/ }).click();
    expect(await admin.locator('#licences tr', { hasText: 'Uitgeverij A Rekenen' }).locator('.seats').textContent()).to.match(
      /31 \/ onbeperkt/,
    );
    await admin.locator('#licences tr', { hasText: 'Uitgeverij A Rekenen' }).getByRole('button', { name: 'Intrekken: Groep 7' }).click();
    expect(await admin.locator('#licences tr', { hasText: 'Uitgeverij A Rekenen' }).locator('.seats').textContent()).to.match(
      /1 \/ onbeperkt/,
    );
    const one = (await t.hub.db.repositories.people.listBySchool(schoolId)).find((p) => p.firstName === 'Kind03')!;
    await t.hub.db.repositories.credentials.insert({ personId: one.id, username: 'kind03.41dd', passwordHash: null });
    await admin
      .locator('#licences tr', { hasText: 'Taalkist' })
      .getByLabel(/Toewijzen aan leerling/)
      .fill('kind03.41dd');
    await admin
      .locator('#licences tr', { hasText: 'Taalkist' })
      .getByRole('button', { name: /Toewijzen aan leerling/ })
      .click();
    expect(await admin.locator('#licences tr', { hasText: 'Taalkist' }).locator('.seats').textContent()).to.match(/2 \/ 5/);
    expect(await admin.locator('#licences tr', { hasText: 'Taalkist' }).textContent()).to.contain('Kind03');
    await admin
      .locator('#licences tr', { hasText: 'Taalkist' })
      .getByLabel(/Toewijzen aan leerling/)
      .fill(other.pupil.username);
    await admin
      .locator('#licences tr', { hasText: 'Taalkist' })
      .getByRole('button', { name: /Toewijzen aan leerling/ })
      .click();
    expect(await admin.locator('[role=alert]').textContent(), 'a pupil of another school is unknown here').to.contain(
      'Onbekende gebruikersnaam',
    );
    await admin
      .locator('#licences tr', { hasText: 'Taalkist' })
      .getByRole('button', { name: /Intrekken: Kind03/ })
      .click();
    expect(await admin.locator('#licences tr', { hasText: 'Taalkist' }).locator('.seats').textContent()).to.match(/1 \/ 5/);
    expect((await audit('licence.assign')).length).to.be.greaterThan(0);
    expect((await audit('licence.unassign')).length).to.equal(2);
    // A link cannot put words in the school's screen: no text from the query string is shown.
    await admin.goto(`${t.baseUrl}/admin/licences?error=${encodeURIComponent('Bel de helpdesk op 0900-1234 met je wachtwoord')}`);
    expect(await admin.locator('main').textContent()).not.to.contain('helpdesk op 0900');
    expect(await admin.locator('[role=alert]').count()).to.equal(0);
  });

  it('4. activations: plain-language summary from the release preview, a toggle, and its history', async () => {
    await admin.goto(`${t.baseUrl}/admin/activations`);
    const section = admin.locator('section.participant', { hasText: 'Uitgeverij A' });
    expect(await section.locator('.summary-pupils').textContent())
      .to.contain('voornaam')
      .and.contain('achternaam')
      .and.contain('groepsnaam')
      .and.not.contain('geboortedatum');
    expect(await section.locator('.state-on').textContent()).to.equal('aan');
    await section.getByRole('button', { name: 'Uitzetten' }).click();
    const after = admin.locator('section.participant', { hasText: 'Uitgeverij A' });
    expect(await after.locator('.state-off').textContent()).to.equal('uit');
    expect(await after.locator('.history li').allTextContents()).to.satisfy((items: string[]) =>
      items.some((i) => i.includes('uit') && i.includes('Dirk Beheer')),
    );
    expect(
      (await t.hub.db.repositories.activations.find(schoolId, (await t.hub.db.repositories.participants.findByName('Uitgeverij A'))!.id))!
        .enabled,
    ).to.equal(false);
    await after.getByRole('button', { name: 'Aanzetten' }).click();
    expect(await admin.locator('section.participant', { hasText: 'Uitgeverij A' }).locator('.state-on').count()).to.equal(1);
  });

  it('5. home access with the school network and the teachers’ two-step requirement; a bad range changes nothing', async () => {
    await admin.goto(`${t.baseUrl}/admin/settings`);
    await admin.getByLabel('Netwerk van de school', { exact: false }).fill('192.0.2.0/24\n10.1.2.3/8');
    await admin.locator('#homeAccess').check();
    await admin.getByRole('button', { name: 'Opslaan' }).click();
    expect(await admin.locator('[role=alert]').textContent()).to.contain('host bits');
    expect((await t.hub.db.repositories.schools.findById(schoolId))!.homeAccessEnabled, 'nothing saved').to.equal(false);
    await admin.getByLabel('Netwerk van de school', { exact: false }).fill('192.0.2.0/24\n2001:db8::/48');
    await admin.locator('#homeAccess').check();
    await admin.locator('#teacher2fa').check();
    await admin.getByRole('button', { name: 'Opslaan' }).click();
    expect(await admin.locator('[role=status]').textContent()).to.contain('Opgeslagen');
    const saved = (await t.hub.db.repositories.schools.findById(schoolId))!;
    expect([saved.homeAccessEnabled, saved.teacher2faRequired]).to.deep.equal([true, true]);
    expect(await t.hub.db.repositories.schoolNetworks.list(schoolId)).to.have.members(['192.0.2.0/24', '2001:db8::/48']);
  });

  it('6. release ledger: filter by participant and period; CSV export with categories and counts, never values', async () => {
    await admin.goto(`${t.baseUrl}/admin/ledger`);
    expect(await admin.locator('#total').textContent()).to.equal('3');
    // How the data left: OpenID Connect with its client, SAML SSO, the API.
    expect(await admin.locator('#ledger tbody td:last-child').allTextContents()).to.have.members([
      'OpenID Connect (lp-admin-test)',
      'API',
      'SAML SSO',
    ]);
    const today = new Date().toISOString().slice(0, 10);
    await admin.getByLabel('Vanaf').fill('2020-01-01');
    await admin.getByLabel('Tot').fill('2020-12-31');
    await admin.getByRole('button', { name: 'Filteren' }).click();
    expect(await admin.locator('#total').textContent()).to.equal('0');
    await admin.getByLabel('Tot').fill(today);
    await admin.getByLabel('Uitgever').selectOption({ label: 'Uitgeverij A' });
    await admin.getByRole('button', { name: 'Filteren' }).click();
    expect(await admin.locator('#total').textContent()).to.equal('3');
    const download = admin.waitForEvent('download');
    await admin.locator('#csv').click();
    const csv = require('node:fs').readFileSync(await (await download).path(), 'utf8') as string;
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).to.equal('"datum_tijd_utc","uitgever","kanaal","dienst","categorieen","personen"');
    expect(lines).to.have.length(4);
    expect(csv).to.contain('"oidc","lp-admin-test","eckId","1"');
    expect(csv).to.contain('"firstName groupName","27"').and.not.contain('Fenna');
  });

  it('7. the school’s own audit log lists what happened, only for this school; the English switch translates the screen', async () => {
    await admin.goto(`${t.baseUrl}/admin/audit`);
    const text = await admin.locator('#audit').textContent();
    expect(text)
      .to.contain('agreement.accept')
      .and.contain('person.delete')
      .and.contain('activation.off')
      .and.contain('school.networks.set');
    expect(text).not.to.contain(otherIds.pupilId);
    await admin.getByRole('link', { name: 'English' }).click();
    expect(admin.url()).to.equal(`${t.baseUrl}/admin/audit`);
    expect(await admin.locator('h1').textContent()).to.equal('The school’s audit log');
    expect(await admin.locator('html').getAttribute('lang')).to.equal('en');
    await admin.getByRole('link', { name: 'Nederlands' }).click();
    expect(await admin.locator('h1').textContent()).to.equal('Logboek van de school');
  });

  it('8. tenant isolation: every route with another school’s ids answers 403/404 and shows none of its data; nothing of it changes', async () => {
    await admin.goto(`${t.baseUrl}/admin/settings`);
    const token = await csrf();
    const o = otherIds;
    const gets = [
      `/admin/people/${o.pupilId}`,
      `/admin/people/${o.pupilId}/export.json`,
      `/admin/people/${o.pupilId}/print`,
      `/admin/people?role=pupil&group=${o.groupId}`,
      `/admin/ledger?participant=${o.participantId}`,
    ];
    const posts: Array<[string, Record<string, string>]> = [
      [`/admin/people/${o.pupilId}/delete`, { confirm: 'VERWIJDER' }],
      [`/admin/people/${o.pupilId}/home-emails`, { add: 'x@example.nl' }],
      [`/admin/licences/${o.licenceId}/assign`, { group: o.groupId }],
      [`/admin/licences/${o.licenceId}/unassign`, { group: o.groupId }],
      [`/admin/licences/${(await t.hub.db.repositories.licences.listBySchool(schoolId))[0]!.id}/assign`, { group: o.groupId }],
      [`/admin/import/00000000-0000-4000-8000-000000000000/apply`, {}],
      [`/class/pupils/${o.pupilId}/password`, {}],
      [`/class/pupils/${o.pupilId}/pictures`, {}],
      [`/class/pupils/${o.pupilId}/card`, {}],
      [`/class/pupils/${o.pupilId}/cards/revoke`, {}],
    ];
    const snapshot = async () =>
      JSON.stringify(
        await t.hub.db.dataSource.query(
          'SELECT (SELECT count(*) FROM people WHERE school_id = $1) AS people, (SELECT count(*) FROM licence_assignments a JOIN licences l ON l.id = a.licence_id WHERE l.school_id = $1) AS assignments, (SELECT count(*) FROM pupil_home_emails) AS emails, (SELECT password_hash FROM credentials WHERE person_id = $2) AS hash',
          [o.schoolId, o.pupilId],
        ),
      );
    const before = await snapshot();
    for (const path of gets) {
      const r = await admin.request.get(`${t.baseUrl}${path}`);
      const body = await r.text();
      if (path.startsWith('/admin/people?') || path.startsWith('/admin/ledger?')) {
        expect(r.status(), path).to.equal(200);
        expect(await admin.goto(`${t.baseUrl}${path}`).then(() => admin.locator('tbody').textContent()), path).to.satisfy(
          (s: string) => s.includes('Geen') || s.includes('None'),
        );
      } else expect([403, 404], path).to.include(r.status());
      expect(body, path).not.to.contain('Geheime').and.not.to.contain('42EE');
    }
    for (const [path, form] of posts) {
      const r = await admin.request.post(`${t.baseUrl}${path}`, { form: { _csrf: token, ...form }, maxRedirects: 0 });
      expect([403, 404, 410], `${path} → ${r.status()}`).to.include(r.status());
      expect(await r.text(), path).not.to.contain('Geheime');
    }
    // Malformed ids are "not found" too, never a server error.
    for (const path of ['/admin/people/x', '/admin/people/x/export.json', '/admin/people/x/print'])
      expect((await admin.request.get(`${t.baseUrl}${path}`)).status(), path).to.equal(404);
    for (const path of [
      '/admin/people/x/delete',
      '/admin/people/x/home-emails',
      '/admin/people/x/reset-link',
      '/admin/licences/x/assign',
      '/admin/activations/x',
      '/admin/import/x/apply',
      '/class/pupils/x/card',
    ]) {
      const r = await admin.request.post(`${t.baseUrl}${path}`, {
        form: { _csrf: token, group: 'x', person: 'x', confirm: 'VERWIJDER' },
        maxRedirects: 0,
      });
      expect([404, 410], `${path} → ${r.status()}`).to.include(r.status());
    }
    const activation = await admin.request.post(`${t.baseUrl}/admin/activations/${o.participantId}`, {
      form: { _csrf: token, enabled: 'on' },
      maxRedirects: 0,
    });
    expect(activation.status(), 'switching a participant only ever changes this school').to.equal(303);
    expect((await t.hub.db.repositories.activations.find(o.schoolId, o.participantId))!.enabled).to.equal(true);
    expect(await snapshot()).to.equal(before);
  });

  it('9. CSRF and XSS: a form without the token changes nothing; a pupil named <script> renders as text; strict CSP and cookie flags', async () => {
    const dialogs: string[] = [];
    admin.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await admin.goto(`${t.baseUrl}/admin/people?role=pupil&q=Kind07`);
    expect(await admin.locator('#people tbody th').textContent()).to.contain(XSS);
    expect(await admin.content()).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
    await admin.locator('#people tbody th a').click();
    expect(await admin.locator('h1').textContent()).to.contain(XSS);
    expect(dialogs).to.deep.equal([]);

    const someone = (await t.hub.db.repositories.people.listBySchool(schoolId)).find((p) => p.firstName === 'Kind01')!;
    for (const form of [{}, { _csrf: 'forged' }] as Array<Record<string, string>>) {
      const r = await admin.request.post(`${t.baseUrl}/admin/people/${someone.id}/delete`, {
        form: { ...form, confirm: 'VERWIJDER' },
        maxRedirects: 0,
      });
      expect(r.status()).to.equal(403);
    }
    const settings = await admin.request.post(`${t.baseUrl}/admin/settings`, {
      form: { homeAccess: 'off', networks: '' },
      maxRedirects: 0,
    });
    expect(settings.status()).to.equal(403);
    expect(await t.hub.db.repositories.people.findById(someone.id)).not.to.equal(null);
    expect((await t.hub.db.repositories.schools.findById(schoolId))!.homeAccessEnabled).to.equal(true);

    const response = await admin.request.get(`${t.baseUrl}/admin`);
    const csp = response.headers()['content-security-policy']!;
    expect(csp)
      .to.contain("script-src 'self'")
      .and.contain("style-src 'self'")
      .and.contain("frame-ancestors 'none'")
      .and.contain("form-action 'self'");
    expect(csp).not.to.contain('unsafe-inline');
    expect(response.headers()['x-frame-options']).to.equal('SAMEORIGIN');
    const cookies = await adminContext.cookies();
    const sid = cookies.find((c) => c.name === 'leerpoort.sid')!;
    expect([sid.httpOnly, sid.sameSite]).to.deep.equal([true, 'Lax']);
    for (const c of cookies) expect(c.httpOnly, c.name).to.equal(true);
  });

  it('10. a teacher or pupil never reaches the screen; terminating with one month’s notice shows the destruction date', async () => {
    const teacher = await pool.newPage();
    await passwordLogin(teacher, t.baseUrl, school.teacher.username, school.teacher.password);
    // The school now requires two-step verification for teachers (flow 5): enrol, then try the screen.
    await enrolTotp(teacher);
    const refused = await teacher.goto(`${t.baseUrl}/admin/people?role=pupil`);
    expect(refused!.status()).to.equal(403);
    expect(await teacher.content()).not.to.contain('Kind01');

    await admin.goto(`${t.baseUrl}/admin/agreement`);
    await admin.getByRole('checkbox').check();
    await admin.getByRole('button', { name: 'Overeenkomst opzeggen' }).click();
    const notice = await admin.locator('#termination').textContent();
    const due = (await t.hub.db.repositories.agreements.termination(schoolId))!.destructionDueAt;
    const days = (due.getTime() - Date.now()) / 86_400_000;
    expect(days).to.be.within(27.9, 31.1);
    expect(notice).to.contain(
      due.toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' }),
    );
    expect((await t.hub.db.repositories.schools.findById(schoolId))!.status).to.equal('terminating');
    expect((await audit('agreement.terminate')).length).to.equal(1);
  });
  it('WCAG 2.1 AA: axe-core finds no violations on any page of the screen; everything is reachable by keyboard', async () => {
    const someone = (await t.hub.db.repositories.people.listBySchool(schoolId)).find((p) => p.role === 'pupil')!;
    const problems: string[] = [];
    for (const path of [
      '/admin',
      '/admin/agreement',
      '/admin/people?role=pupil',
      '/admin/people?role=staff',
      `/admin/people/${someone.id}`,
      '/admin/groups',
      '/admin/licences',
      '/admin/activations',
      '/admin/settings',
      '/admin/ledger',
      '/admin/import',
      '/admin/audit',
    ]) {
      await admin.goto(`${t.baseUrl}${path}`);
      const { violations, rulesPassed } = await wcagViolations(admin);
      expect(rulesPassed, `${path}: the rules really ran`).to.include.members(['color-contrast', 'html-has-lang', 'document-title']);
      problems.push(...violations.map((v) => `${path}: ${v}`));
    }
    expect(problems).to.deep.equal([]);
    // Keyboard: the skip link comes first, then the navigation.
    await admin.goto(`${t.baseUrl}/admin/licences`);
    await admin.keyboard.press('Tab');
    expect(await admin.evaluate(() => document.activeElement?.textContent)).to.equal('Naar de inhoud');
    await admin.keyboard.press('Enter');
    expect(admin.url()).to.contain('#main');
  });

  it('11. import (last: the file is the whole roster, so the others leave): upload a CSV, see the dry-run diff (nothing written), apply it, see the result and the login cards', async () => {
    const file = [
      'soort;key;achternaam;roepnaam;voorvoegsel;eckid;geboortedatum;geslacht;email;groep_key;groep_naam;jaargroep;samengestelde_groepen;bsn',
      'leerling;N1;Nieuw;Noor;;;2018-05-06;V;;G8;Groep 8;8;;123456789',
      'leerling;N2;Nieuw;Nout;;;2018-07-08;M;;G8;Groep 8;8;;987654321',
    ].join('\n');
    const before = (await t.hub.db.repositories.people.listBySchool(schoolId)).length;
    await admin.goto(`${t.baseUrl}/admin/import`);
    await admin.getByLabel('CSV').check();
    await admin.setInputFiles('#file', { name: 'las-export.csv', mimeType: 'text/csv', buffer: Buffer.from(file) });
    await admin.getByRole('button', { name: 'Controleren' }).click();
    expect(await admin.locator('#result-heading').textContent()).to.contain('nog niets opgeslagen');
    expect(await admin.locator('.people-added').textContent()).to.equal('2');
    expect(await admin.locator('main').textContent())
      .to.contain('bsn')
      .and.contain('is this the complete export?');
    expect((await t.hub.db.repositories.people.listBySchool(schoolId)).length, 'dry run wrote nothing').to.equal(before);
    await admin.getByRole('button', { name: /Doorvoeren/ }).click();
    expect(await admin.locator('#result-heading').textContent()).to.contain('Doorgevoerd');
    expect(await admin.locator('table.cards tbody tr').count()).to.equal(2);
    expect((await t.hub.db.repositories.people.listBySchool(schoolId)).length).to.equal(before + 2);
    expect(JSON.stringify(await t.hub.db.dataSource.query('SELECT * FROM people'))).not.to.contain('123456789');
    expect(
      Number((await t.hub.db.dataSource.query('SELECT count(*)::int AS n FROM import_uploads'))[0].n),
      'the upload is gone once applied',
    ).to.equal(0);
    await admin.goto(`${t.baseUrl}/admin/import`);
    await admin.getByLabel('EDEXML').check();
    await admin.setInputFiles('#file', { name: 'kapot.xml', mimeType: 'text/xml', buffer: Buffer.from('<EDEX><school>') });
    await admin.getByRole('button', { name: 'Controleren' }).click();
    expect(await admin.locator('[role=alert]').textContent()).to.match(/EDEXML/);
  });
});

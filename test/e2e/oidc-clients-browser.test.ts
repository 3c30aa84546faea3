import crypto from 'node:crypto';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { verifyOidcClientSecret } from '../../src/domain/federation/oidc-client';
import { enrolTotp, firstConsoleLogin, PagePool, passwordLogin, wcagViolations } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { ACTOR, createOperators, seedSchool } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';

const P = 'Uitgeverij Alleen OIDC';

/**
 * OpenID Connect clients in Debian's Chromium (issue 18). The dba registers a participant's client in
 * the console — a refused URI changes nothing, the secret is shown once and stored only as argon2id, a
 * new secret replaces the old, removal ends it; CSRF and escaping hold; helpdesk and security officer get
 * 403. The school's delegate sees, for that participant with no SAML SP at all, where data goes
 * ("OpenID Connect" and the redirect hosts) and what at most, and switches the transfer off and on.
 * Every page passes axe-core's WCAG 2.1 A/AA rules.
 */
describe('OIDC clients: the dba’s console page and the delegate’s activation summary (Debian Chromium, WCAG 2.1 AA)', function () {
  let t: TestHub;
  let browser: Browser;
  const pool = new PagePool(() => browser);
  let operatorIds: Record<string, string> = {};
  const PASSWORD = 'Console-Lamp-Vijver-8';
  const delegate = { username: 'beheer.45oc', password: 'Lantaarn-Schelp-Vork-5' };
  let participantId = '';
  let schoolId = '';

  before(async function () {
    browser = await launchChromium(this);
    t = await startTestHub(this, 'oidc_clients_browser');
    // A participant with a product, a licence and an activation — and no SAML SP.
    await seedSchool(t.hub, { brin: '45OC', participant: P });
    participantId = (await t.hub.db.repositories.participants.findByName(P))!.id;
    schoolId = (await t.hub.db.repositories.schools.findByBrin('45OC'))[0]!.id;
    operatorIds = await createOperators(
      t.hub,
      [
        ['dirk.ops', ['dba']],
        // A second dba: a second factor, once enrolled, is not enrolled again.
        ['dora.ops', ['dba']],
        ['hanna.ops', ['helpdesk']],
        ['sanne.ops', ['security_officer']],
      ],
      PASSWORD,
    );
    await t.hub.services.accounts.createPersonWithAccount(
      { schoolId, role: 'delegate', lasKey: 'D1', firstName: 'Daan', lastName: 'Beheer', staffEmail: 'daan@45oc.example.nl' },
      delegate.username,
      delegate.password,
      ACTOR,
    );
    await t.hub.services.agreements.publish(
      { version: '2026.1', body: 'Overeenkomst versie 2026.1.', effectiveFrom: new Date(Date.now() - 1000) },
      ACTOR,
    );
  });
  afterEach(async function () {
    await pool.afterEach(this);
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  const repos = () => t.hub.db.repositories;
  const verify = async (clientId: string, secret: string) =>
    verifyOidcClientSecret((await repos().oidcClients.findByClientId(clientId))!, secret, t.hub.passwordHasher);

  const operatorPage = (username: string) => firstConsoleLogin(pool, t.baseUrl, username, PASSWORD);

  it('dba: a refused URI changes nothing; a client is added with its secret shown once, a new secret replaces it, removal ends it — all audited', async () => {
    const { page, problems, check } = await operatorPage('dirk.ops');
    const pageUrl = `${t.baseUrl}/ops/participants/${participantId}/oidc-clients`;
    await page.getByRole('link', { name: /Deelnemers/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/participants`);
    await page.getByRole('link', { name: new RegExp(`beheren.*${P}`) }).click();
    await page.waitForURL(pageUrl);
    expect(await page.locator('h1').textContent()).to.contain(P);
    await check('/ops/participants/:id/oidc-clients (none)');

    await page.getByLabel(/^Redirect-URI's, één per regel/).fill('http://rp.alleen-oidc.example/cb');
    await page.getByLabel(/^Mag refresh tokens krijgen/).check();
    await page.getByRole('button', { name: /Toevoegen/ }).click();
    await page.waitForURL(pageUrl);
    expect(await page.locator('#oidc-error').textContent())
      .to.contain('er is niets gewijzigd')
      .and.to.contain('must use https');
    expect(await page.getByLabel(/^Redirect-URI's, één per regel/).inputValue(), 'kept as typed').to.equal(
      'http://rp.alleen-oidc.example/cb',
    );
    expect(await page.getByLabel(/^Mag refresh tokens krijgen/).isChecked()).to.equal(true);
    expect(await repos().oidcClients.list()).to.deep.equal([]);
    expect(await repos().audit.list({ action: 'oidc_client.add' })).to.deep.equal([]);
    await check('/ops/participants/:id/oidc-clients (refused)');

    // A URI with markup in its query: stored exactly, shown escaped.
    const tricky = 'https://rp.alleen-oidc.example/cb?next=<b>x</b>';
    await page.getByLabel(/^Redirect-URI's, één per regel/).fill(`https://rp.alleen-oidc.example/cb\n${tricky}`);
    await page.getByLabel(/^Redirect-URI's na uitloggen/).fill('https://rp.alleen-oidc.example/bye');
    const added = page.waitForResponse((r) => r.url() === pageUrl && r.request().method() === 'POST');
    await page.getByRole('button', { name: /Toevoegen/ }).click();
    const response = await added;
    expect(response.status()).to.equal(201);
    expect(response.headers()['cache-control']).to.equal('no-store');
    const clientId = (await page.locator('#issued-client-id').textContent())!;
    const secret = (await page.locator('#issued-client-secret').textContent())!;
    expect(clientId).to.match(/^lp-/);
    expect(secret).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(await page.locator('#oidc-issued').textContent()).to.contain('maar één keer getoond');
    expect(await verify(clientId, secret)).to.equal(true);
    const stored = (await repos().oidcClients.findByClientId(clientId))!;
    expect(stored).to.deep.include({
      participantId,
      redirectUris: ['https://rp.alleen-oidc.example/cb', tricky],
      postLogoutRedirectUris: ['https://rp.alleen-oidc.example/bye'],
      tokenEndpointAuthMethod: 'client_secret_basic',
      // Ticked before the refusal, kept in the form since.
      refreshTokensAllowed: true,
    });
    expect(await page.locator('#oidc-clients b').count(), 'escaped').to.equal(0);
    expect(await page.locator('#oidc-clients').textContent()).to.contain(tricky);
    await check('/ops/participants/:id/oidc-clients (secret shown)');

    // Shown once: the page again lists the client, never its secret.
    await page.goto(pageUrl);
    expect(await page.locator('#oidc-issued').count()).to.equal(0);
    expect(await page.content()).not.to.contain(secret);
    expect(await page.locator('#oidc-clients').textContent()).to.contain(clientId);

    // A forged form (no token) changes nothing.
    const forged = await page.request.post(pageUrl, { form: { redirectUris: 'https://evil.example/cb' } });
    expect(forged.status()).to.equal(403);
    const forgedRemove = await page.request.post(`${pageUrl}/remove`, { form: { clientId } });
    expect(forgedRemove.status()).to.equal(403);
    expect(await repos().oidcClients.list()).to.have.length(1);

    await page.getByRole('button', { name: `Nieuw geheim / New secret: ${clientId}` }).click();
    await page.waitForURL(`${pageUrl}/rotate-secret`);
    const rotated = (await page.locator('#issued-client-secret').textContent())!;
    expect(rotated).not.to.equal(secret);
    expect(await verify(clientId, secret), 'the old secret stopped').to.equal(false);
    expect(await verify(clientId, rotated)).to.equal(true);
    await check('/ops/participants/:id/oidc-clients (new secret)');

    await page.goto(pageUrl);
    await page.getByRole('button', { name: `Verwijderen / Remove: ${clientId}` }).click();
    await page.waitForURL(`${pageUrl}?done=removed`);
    expect(await page.locator('#oidc-notice').textContent()).to.contain('Client verwijderd');
    expect(await repos().oidcClients.findByClientId(clientId)).to.equal(null);
    for (const action of ['oidc_client.add', 'oidc_client.rotate_secret', 'oidc_client.remove']) {
      const [event] = await repos().audit.list({ action, targetId: clientId });
      expect(event?.actor, action).to.deep.include({ type: 'operator', id: operatorIds['dirk.ops'] });
    }
    expect(JSON.stringify(await repos().audit.list({ actorId: operatorIds['dirk.ops'] })))
      .not.to.contain(secret)
      .and.not.to.contain(rotated);
    await check('/ops/participants/:id/oidc-clients (removed)');
    expect(problems).to.deep.equal([]);
  });

  it('dba: a private_key_jwt client from pasted public keys gets no secret; a pasted private key is refused', async () => {
    const { page, problems, check } = await operatorPage('dora.ops');
    await page.goto(`${t.baseUrl}/ops/participants/${participantId}/oidc-clients`);
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await page.getByLabel(/^Redirect-URI's, één per regel/).fill('https://rp.alleen-oidc.example/cb');
    await page.getByLabel(/^Authenticatie bij het token-endpoint/).selectOption('private_key_jwt');
    await page.getByLabel(/^Publieke sleutels/).fill(JSON.stringify({ keys: [privateKey.export({ format: 'jwk' })] }));
    await page.getByRole('button', { name: /Toevoegen/ }).click();
    expect(await page.locator('#oidc-error').textContent()).to.contain('private key material');
    expect(await repos().oidcClients.list()).to.deep.equal([]);
    await page.getByLabel(/^Publieke sleutels/).fill(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'k1' }] }));
    await page.getByRole('button', { name: /Toevoegen/ }).click();
    await page.locator('#issued-client-id').waitFor();
    expect(await page.locator('#issued-client-secret').count()).to.equal(0);
    expect(await page.locator('#oidc-issued').textContent()).to.contain('private_key_jwt');
    const [client] = await repos().oidcClients.list();
    expect(client).to.deep.include({ tokenEndpointAuthMethod: 'private_key_jwt', secretHash: null });
    expect(await page.getByRole('button', { name: /Nieuw geheim/ }).count(), 'no secret to renew').to.equal(0);
    await check('/ops/participants/:id/oidc-clients (key client)');
    await t.hub.services.oidcClients.remove(client!.clientId, ACTOR);
    expect(problems).to.deep.equal([]);
  });

  it('delegate: a participant with OpenID Connect only shows where data goes and what at most; the transfer switches off and on', async () => {
    await t.hub.services.oidcClients.add(
      { name: P },
      { redirectUris: ['https://lezen.alleen-oidc.example/cb', 'https://lezen.alleen-oidc.example/cb2'] },
      ACTOR,
    );
    const page: Page = await pool.newPage();
    await passwordLogin(page, t.baseUrl, delegate.username, delegate.password);
    await enrolTotp(page);
    await page.getByRole('link', { name: /Verder/ }).click();
    await page.goto(`${t.baseUrl}/admin`);
    if (page.url().endsWith('/admin/agreement')) await page.getByRole('button', { name: 'Akkoord' }).click();
    await page.goto(`${t.baseUrl}/admin/activations`);
    const section = page.locator('section.participant', { hasText: P });
    expect(await section.locator('.recipients li').allTextContents()).to.deep.equal(['OpenID Connect: lezen.alleen-oidc.example']);
    expect(await section.locator('.summary-pupils').textContent())
      .to.contain('voornaam')
      .and.to.contain('pseudoniem')
      .and.not.to.contain('geboortedatum');
    expect(await section.locator('.oidc-note').textContent()).to.contain('hoogstens');
    expect(await section.textContent()).not.to.contain('nog geen koppeling');
    const problems = (await wcagViolations(page)).violations;

    await section.getByRole('button', { name: 'Uitzetten' }).click();
    await page.waitForURL(`${t.baseUrl}/admin/activations`);
    expect((await repos().activations.find(schoolId, participantId))!.enabled).to.equal(false);
    await page.locator('section.participant', { hasText: P }).getByRole('button', { name: 'Aanzetten' }).click();
    await page.waitForURL(`${t.baseUrl}/admin/activations`);
    expect((await repos().activations.find(schoolId, participantId))!.enabled).to.equal(true);
    expect(problems).to.deep.equal([]);
  });

  for (const username of ['hanna.ops', 'sanne.ops'])
    it(`${username === 'hanna.ops' ? 'helpdesk' : 'security officer'}: 403 on the OIDC client page and its forms`, async () => {
      const { page } = await operatorPage(username);
      const pageUrl = `${t.baseUrl}/ops/participants/${participantId}/oidc-clients`;
      // The session's own token (from the console's logout form): what refuses the POST is the role.
      const csrf = (await page.locator('input[name=_csrf]').first().getAttribute('value'))!;
      expect(await page.getByRole('link', { name: /Deelnemers/ }).count()).to.equal(0);
      expect((await page.goto(pageUrl))!.status()).to.equal(403);
      const post = await page.request.post(pageUrl, { form: { _csrf: csrf, redirectUris: 'https://rp.alleen-oidc.example/cb' } });
      expect(post.status()).to.equal(403);
      expect(await repos().oidcClients.list()).to.have.length(1);
    });
});

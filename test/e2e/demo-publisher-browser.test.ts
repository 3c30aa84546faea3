import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { type Hub, openHub } from '../../src/main';
import { PagePool } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { cliDatabase, runCli, startServe, stopChild } from '../support/cli';
import { ACTOR } from '../support/federation';
import { csrfOf, Browser as HttpBrowser, freePort, loginThroughSso } from '../support/hub';

const OUTPUT = path.resolve(__dirname, '../../../test-output');
const PUPIL = { username: 'demo.leerling1', password: 'zon-maan-7' };
const TEACHER = { username: 'demo.leerkracht', password: 'Krijtbord-Tulp-58' };
/** A pupil of a school that licensed the demo product but never switched data transfer on. */
const OTHER = { brin: '98ZY', username: 'mila.98zy', password: 'wolk-vis-8' };

/** Attribute names the privacy annex keeps from this participant (no recorded needs; LAS keys never). */
const FORBIDDEN = [
  'urn:oid:1.3.6.1.5.5.7.9.1', // dateOfBirth
  'urn:oid:1.3.6.1.5.5.7.9.3', // gender
  'urn:oid:0.9.2342.19200300.100.1.3', // mail
  'urn:mace:leerpoort.nl:attribute-def:leerlingKey',
  'urn:mace:leerpoort.nl:attribute-def:leerkrachtKey',
];

/**
 * The demo publisher as a person meets it after `npm start`: the built bin runs `serve --migrate --demo`
 * (which starts "Rekenrijk Demo" beside the hub and registers it from its metadata URL), and Debian's
 * Chromium clicks through SP-initiated SSO and Single Logout — samlify on the publisher's side, the hub
 * on the other, nothing shared but HTTP.
 */
describe('demo publisher "Rekenrijk Demo" in a real browser (Debian Chromium): npm start, SSO, attributes, SLO', function () {
  this.timeout(180_000);
  let env: Record<string, string>;
  let sql: Awaited<ReturnType<typeof cliDatabase>>['sql'];
  let browser: Browser;
  let serve: ChildProcess | null = null;
  let output = () => '';
  let hubUrl = '';
  let publisherUrl = '';
  const pool = new PagePool(() => browser);

  const shot = async (page: Page, name: string) => {
    fs.mkdirSync(OUTPUT, { recursive: true });
    const file = path.join(OUTPUT, `demo-publisher-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  };

  before(async function () {
    browser = await launchChromium(this);
    ({ env, sql } = await cliDatabase(this, '_demo_publisher', 'demo publisher in Chromium'));
    const [hubPort, publisherPort] = [await freePort(), await freePort()];
    // As `npm start` runs it: no BASE_URL (so http://localhost:PORT), the publisher on its own port.
    env = { ...env, PORT: String(hubPort), DEMO_PUBLISHER_PORT: String(publisherPort), WORKERS: '1', NODE_ENV: 'development' };
    hubUrl = `http://localhost:${hubPort}`;
    publisherUrl = `http://localhost:${publisherPort}`;
  });
  afterEach(async function () {
    await pool.afterEach(this);
  });
  after(async () => {
    await browser?.close();
    if (serve) await stopChild(serve);
  });

  it('`demo --json` registers the publisher from its metadata URL and names it; a second run changes nothing', async () => {
    const first = await runCli(['demo', '--json'], env);
    expect(first.code, first.stderr).to.equal(0);
    const demo = JSON.parse(first.stdout);
    expect(demo.sp).to.equal(`${publisherUrl}/saml/metadata`);
    expect(demo.publisherUrl).to.equal(publisherUrl);
    const second = await runCli(['demo', '--json'], env);
    expect(JSON.parse(second.stdout)).to.deep.equal(demo);
    const sps = JSON.parse((await runCli(['sp', 'list', '--json'], env)).stdout);
    expect(sps).to.have.length(1);
    expect(sps[0].entityId).to.equal(demo.sp);
    // The key pair was generated beside the hub's development keys, private.
    const key = path.join(env.CERTS_DIR!, 'demo-publisher', 'sp-signing.key');
    expect(fs.statSync(key).mode & 0o077).to.equal(0);
    const preview = JSON.parse((await runCli(['sp', 'preview', '--sp', demo.sp, '--school', '99ZZ', '--json'], env)).stdout);
    expect(preview.activated).to.equal(true);
  });

  it('`serve --migrate --demo` prints the publisher URL with the demo logins; it serves its metadata', async () => {
    ({ child: serve, output } = await startServe(['--migrate', '--demo'], env));
    expect(output()).to.contain(PUPIL.username).and.contain(`open ${publisherUrl}`);
    expect(output()).to.contain(`demo publisher "Rekenrijk Demo": ${publisherUrl}`);
    const metadata = await fetch(`${publisherUrl}/saml/metadata`);
    expect(metadata.headers.get('content-type')).to.contain('application/samlmetadata+xml');
    const xml = await metadata.text();
    expect(xml)
      .to.contain(`Location="${publisherUrl}/saml/acs"`)
      .and.contain('AuthnRequestsSigned="true"')
      .and.contain('RequestedAttribute');

    // Registered once, by the first `demo`; unchanged metadata is not registered again at every start.
    const spChanges = await sql("SELECT action FROM audit_events WHERE action LIKE 'sp.%' ORDER BY occurred_at");
    expect(spChanges.map((r) => r.action)).to.deep.equal(['sp.add']);

    // A second school licenses the product but never activates the participant.
    const hub = await testHub(env);
    try {
      await addSchoolWithoutActivation(hub);
    } finally {
      await hub.close();
    }
  });

  it('the demo pupil: "Inloggen via Leerpoort" → hub login → back with exactly the released attributes → "Uitloggen" ends both sessions', async () => {
    const page = await pool.newPage();
    await page.goto(publisherUrl);
    expect(await page.title()).to.contain('Rekenrijk Demo');
    console.log(`      screenshot: ${await shot(page, '1-home')}`);
    await page.getByRole('button', { name: 'Inloggen via Leerpoort' }).click();
    expect(page.url(), 'the hub asks for the login').to.match(new RegExp(`^${hubUrl}/login`));
    await logIn(page, PUPIL);
    await page.waitForURL(`${publisherUrl}/ingelogd`, { timeout: 15_000 });
    expect(await page.locator('#who').textContent()).to.equal('Ingelogd als Sanne de Vries');
    const attributes = await attributeTable(page);
    expect(attributes).to.deep.include({ name: 'urn:oid:2.5.4.42', values: ['Sanne'] });
    expect(attributes).to.deep.include({ name: 'urn:mace:leerpoort.nl:attribute-def:tussenvoegsel', values: ['de'] });
    expect(attributes).to.deep.include({ name: 'urn:oid:2.5.4.4', values: ['Vries'] });
    expect(attributes).to.deep.include({ name: 'urn:mace:leerpoort.nl:attribute-def:brin', values: ['99ZZ'] });
    expect(attributes).to.deep.include({ name: 'urn:mace:leerpoort.nl:attribute-def:groepNaam', values: ['Groep 5'] });
    expect(attributes).to.deep.include({ name: 'urn:mace:leerpoort.nl:attribute-def:jaargroep', values: ['5'] });
    expect(attributes).to.deep.include({
      name: 'urn:mace:leerpoort.nl:attribute-def:eckId',
      values: ['https://ketenid.nl/201703/demo-ll001'],
    });
    expect(attributes.find((a) => a.name === 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1')?.values).to.include('student');
    for (const name of FORBIDDEN)
      expect(
        attributes.map((a) => a.name),
        name,
      ).not.to.include(name);
    expect(await page.locator('#not-received').textContent())
      .to.contain('dateOfBirth')
      .and.contain('leerlingKey');
    const nameId = (await page.locator('#subject tr').first().locator('td').textContent())!.trim();
    expect(nameId, 'a pairwise pseudonym, never the username')
      .to.match(/^[\w-]{20,}$/)
      .and.not.contain('demo');
    console.log(`      screenshot: ${await shot(page, '2-pupil-attributes')}`);

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(new RegExp(`^${publisherUrl}/saml/slo`), { timeout: 15_000 });
    expect(await page.locator('h1').textContent()).to.equal('Je bent uitgelogd');
    console.log(`      screenshot: ${await shot(page, '3-pupil-logged-out')}`);
    await page.goto(`${publisherUrl}/ingelogd`);
    expect(page.url(), 'the publisher session is gone').to.equal(`${publisherUrl}/`);
    await page.goto(`${hubUrl}/portal`);
    expect(page.url(), 'the hub session is gone').to.match(new RegExp(`^${hubUrl}/login`));
  });

  it('the demo teacher: staff attributes, no e-mail and no LAS key (no recorded need), then Single Logout', async () => {
    const page = await pool.newPage();
    await page.goto(publisherUrl);
    await page.getByRole('button', { name: 'Inloggen via Leerpoort' }).click();
    await logIn(page, TEACHER);
    await page.waitForURL(`${publisherUrl}/ingelogd`, { timeout: 15_000 });
    expect(await page.locator('#who').textContent()).to.equal('Ingelogd als Anouk van Dijk');
    const attributes = await attributeTable(page);
    const names = attributes.map((a) => a.name);
    expect(attributes).to.deep.include({ name: 'urn:oid:2.5.4.42', values: ['Anouk'] });
    expect(attributes).to.deep.include({ name: 'urn:mace:leerpoort.nl:attribute-def:groepKey', values: ['G5'] });
    expect(attributes.find((a) => a.name === 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1')?.values).not.to.include('student');
    for (const name of FORBIDDEN) expect(names, name).not.to.include(name);
    console.log(`      screenshot: ${await shot(page, '4-teacher-attributes')}`);
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(new RegExp(`^${publisherUrl}/saml/slo`), { timeout: 15_000 });
    expect(await page.locator('#message').textContent()).to.contain('uitgelogd bij Rekenrijk en bij Leerpoort');
  });

  it('a pupil of a school without activation is refused with the hub’s page; the publisher gets a RequestDenied, no data', async () => {
    const page = await pool.newPage();
    await page.goto(publisherUrl);
    await page.getByRole('button', { name: 'Inloggen via Leerpoort' }).click();
    await logIn(page, OTHER);
    await page.waitForLoadState();
    expect(page.url(), 'still at the hub').to.match(new RegExp(`^${hubUrl}/`));
    expect(await page.locator('h1').textContent()).to.contain('Geen toegang tot dit lesmateriaal');
    expect(await page.locator('main').textContent()).to.contain('niet aangezet');
    console.log(`      screenshot: ${await shot(page, '5-not-activated-refused')}`);
    await page.getByRole('button', { name: /Terug naar de aanbieder/ }).click();
    await page.waitForURL(`${publisherUrl}/saml/acs`, { timeout: 15_000 });
    expect(await page.locator('h1').textContent()).to.contain('Leerpoort gaf geen toegang');
    expect(await page.locator('#message').textContent()).to.contain('RequestDenied');
    await page.goto(`${publisherUrl}/ingelogd`);
    expect(page.url()).to.equal(`${publisherUrl}/`);
  });

  it('samlify at the publisher refuses a Response changed on the way, and the same Response twice', async () => {
    const b = new HttpBrowser();
    const start = await b.request(`${publisherUrl}/login`, { method: 'POST', form: {} });
    const { form } = await loginThroughSso(b, start.location!, PUPIL.username, PUPIL.password);
    expect(form, 'the hub answered with a Response').not.to.equal(null);
    const xml = Buffer.from(form!.fields.SAMLResponse!, 'base64').toString('utf8');
    const changed = Buffer.from(xml.replace('>Sanne<', '>Mallory<')).toString('base64');
    expect(changed).not.to.equal(form!.fields.SAMLResponse);
    const forged = await b.request(form!.action, { form: { ...form!.fields, SAMLResponse: changed } });
    expect(forged.status).to.equal(400);
    expect(forged.body).to.contain('Inloggen geweigerd');
    const genuine = await b.request(form!.action, { form: form!.fields });
    expect(genuine.status, 'the untouched Response is accepted once').to.equal(303);
    const replay = await b.request(form!.action, { form: form!.fields });
    expect(replay.status).to.equal(400);
    expect(replay.body).to.contain('InResponseTo');
  });

  it('logging out at the hub (portal) ends the publisher session too: its signed LogoutRequest, the publisher’s signed answer', async () => {
    const b = new HttpBrowser();
    const start = await b.request(`${publisherUrl}/login`, { method: 'POST', form: {} });
    const { form } = await loginThroughSso(b, start.location!, TEACHER.username, TEACHER.password);
    expect((await b.request(form!.action, { form: form!.fields })).location).to.equal(`${publisherUrl}/ingelogd`);
    const portal = await b.request(`${hubUrl}/portal`);
    expect(portal.body, 'the tile opens the publisher').to.contain(`href="${publisherUrl}/"`);
    let r = await b.request(`${hubUrl}/logout`, { form: { _csrf: csrfOf(portal.body) } });
    expect(r.location).to.match(new RegExp(`^${publisherUrl}/saml/slo\\?SAMLRequest=.*&Signature=`));
    r = await b.request(r.location!);
    expect(r.location, 'the publisher answers the hub').to.match(new RegExp(`^${hubUrl}/saml/slo\\?SAMLResponse=.*&Signature=`));
    r = await b.request(r.location!);
    expect(r.status).to.equal(200);
    expect(r.body).to.contain('Je bent uitgelogd').and.contain('bij je lesmateriaal');
    expect((await b.request(`${publisherUrl}/ingelogd`)).location, 'publisher session ended').to.equal(`${publisherUrl}/`);
  });

  it('stopping the hub stops the publisher with it', async () => {
    expect(await stopChild(serve!)).to.equal(0);
    serve = null;
    const error = await fetch(publisherUrl).then(
      () => null,
      (e: Error) => e,
    );
    expect(error, 'nothing listens on the publisher port').to.be.instanceOf(Error);
  });

  it('production: `serve --demo` and `demo` are refused before the publisher listens', async () => {
    // A complete production configuration (the keys the hub generated are mounted), so only the demo is wrong.
    const production = { ...env, NODE_ENV: 'production', BASE_URL: 'https://leerpoort.example.nl', SESSION_SECRET: 'p'.repeat(40) };
    for (const args of [['serve', '--migrate', '--demo'], ['demo']]) {
      const r = await runCli(args, production);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).to.equal(2);
      expect(r.stderr).to.match(/not (run|seeded|registered) in production/);
    }
    const error = await fetch(publisherUrl).then(
      () => null,
      (e: Error) => e,
    );
    expect(error, 'the publisher never listened').to.be.instanceOf(Error);
  });

  async function logIn(page: Page, who: { username: string; password: string }) {
    await page.getByLabel(/Gebruikersnaam/).fill(who.username);
    await page.getByLabel(/Wachtwoord/).fill(who.password);
    await page.getByRole('button', { name: /Inloggen/ }).click();
  }
});

/** The attribute page's table, read back as the publisher shows it. */
async function attributeTable(page: Page): Promise<Array<{ name: string; values: string[] }>> {
  return page.locator('#attributes tbody tr').evaluateAll((rows) =>
    rows.map((r) => {
      const cells = r.querySelectorAll('td');
      return {
        name: cells[0]!.textContent!.trim(),
        values: [...cells[2]!.querySelectorAll('.value')].map((v) => v.textContent ?? ''),
      };
    }),
  );
}

/** The hub's own services on the database `serve` uses (PostgreSQL: two processes at once are fine). */
function testHub(env: Record<string, string>): Promise<Hub> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
  return openHub(config, createLogger(config, 2));
}

async function addSchoolWithoutActivation(hub: Hub): Promise<void> {
  const s = hub.services;
  const school = await s.schools.add({ brin: OTHER.brin, name: 'Basisschool Zonder Activatie' }, ACTOR);
  await s.schools.setNetworks(OTHER.brin, ['127.0.0.0/8', '::1/128'], ACTOR);
  const group = await hub.db.repositories.groups.insert({
    schoolId: school.id,
    lasKey: 'G4',
    name: 'Groep 4',
    yearGroup: 4,
    kind: 'stamgroep',
  });
  const { person } = await s.accounts.createPersonWithAccount(
    { schoolId: school.id, role: 'pupil', lasKey: 'L9', firstName: 'Mila', lastName: 'Smit' },
    OTHER.username,
    OTHER.password,
    ACTOR,
  );
  await hub.db.repositories.groups.addMember({ groupId: group.id, personId: person.id, roleInGroup: 'member' });
  await s.licences.grant(
    { brin: OTHER.brin, productName: 'Rekenrijk Demo', participantName: 'Demo Uitgeverij', target: { all: true } },
    ACTOR,
  );
}

"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const chai_1 = require("chai");
const config_1 = require("../../src/config");
const logger_1 = require("../../src/logger");
const main_1 = require("../../src/main");
const browser_pages_1 = require("../support/browser-pages");
const chromium_1 = require("../support/chromium");
const cli_1 = require("../support/cli");
const federation_1 = require("../support/federation");
const hub_1 = require("../support/hub");
const OUTPUT = node_path_1.default.resolve(__dirname, '../../../test-output');
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
    let env;
    let sql;
    let browser;
    let serve = null;
    let output = () => '';
    let hubUrl = '';
    let publisherUrl = '';
    const pool = new browser_pages_1.PagePool(() => browser);
    const shot = async (page, name) => {
        node_fs_1.default.mkdirSync(OUTPUT, { recursive: true });
        const file = node_path_1.default.join(OUTPUT, `demo-publisher-${name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        return file;
    };
    before(async function () {
        browser = await (0, chromium_1.launchChromium)(this);
        ({ env, sql } = await (0, cli_1.cliDatabase)(this, '_demo_publisher', 'demo publisher in Chromium'));
        const [hubPort, publisherPort] = [await (0, hub_1.freePort)(), await (0, hub_1.freePort)()];
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
        if (serve)
            await (0, cli_1.stopChild)(serve);
    });
    it('`demo --json` registers the publisher from its metadata URL and names it; a second run changes nothing', async () => {
        const first = await (0, cli_1.runCli)(['demo', '--json'], env);
        (0, chai_1.expect)(first.code, first.stderr).to.equal(0);
        const demo = JSON.parse(first.stdout);
        (0, chai_1.expect)(demo.sp).to.equal(`${publisherUrl}/saml/metadata`);
        (0, chai_1.expect)(demo.publisherUrl).to.equal(publisherUrl);
        const second = await (0, cli_1.runCli)(['demo', '--json'], env);
        (0, chai_1.expect)(JSON.parse(second.stdout)).to.deep.equal(demo);
        const sps = JSON.parse((await (0, cli_1.runCli)(['sp', 'list', '--json'], env)).stdout);
        (0, chai_1.expect)(sps).to.have.length(1);
        (0, chai_1.expect)(sps[0].entityId).to.equal(demo.sp);
        // The key pair was generated beside the hub's development keys, private.
        const key = node_path_1.default.join(env.CERTS_DIR, 'demo-publisher', 'sp-signing.key');
        (0, chai_1.expect)(node_fs_1.default.statSync(key).mode & 0o077).to.equal(0);
        const preview = JSON.parse((await (0, cli_1.runCli)(['sp', 'preview', '--sp', demo.sp, '--school', '99ZZ', '--json'], env)).stdout);
        (0, chai_1.expect)(preview.activated).to.equal(true);
    });
    it('`serve --migrate --demo` prints the publisher URL with the demo logins; it serves its metadata', async () => {
        ({ child: serve, output } = await (0, cli_1.startServe)(['--migrate', '--demo'], env));
        (0, chai_1.expect)(output()).to.contain(PUPIL.username).and.contain(`open ${publisherUrl}`);
        (0, chai_1.expect)(output()).to.contain(`demo publisher "Rekenrijk Demo": ${publisherUrl}`);
        const metadata = await fetch(`${publisherUrl}/saml/metadata`);
        (0, chai_1.expect)(metadata.headers.get('content-type')).to.contain('application/samlmetadata+xml');
        const xml = await metadata.text();
        (0, chai_1.expect)(xml)
            .to.contain(`Location="${publisherUrl}/saml/acs"`)
            .and.contain('AuthnRequestsSigned="true"')
            .and.contain('RequestedAttribute');
        // Registered once, by the first `demo`; unchanged metadata is not registered again at every start.
        const spChanges = await sql("SELECT action FROM audit_events WHERE action LIKE 'sp.%' ORDER BY occurred_at");
        (0, chai_1.expect)(spChanges.map((r) => r.action)).to.deep.equal(['sp.add']);
        // A second school licenses the product but never activates the participant.
        const hub = await testHub(env);
        try {
            await addSchoolWithoutActivation(hub);
        }
        finally {
            await hub.close();
        }
    });
    it('the demo pupil: "Inloggen via Leerpoort" → hub login → back with exactly the released attributes → "Uitloggen" ends both sessions', async () => {
        const page = await pool.newPage();
        await page.goto(publisherUrl);
        (0, chai_1.expect)(await page.title()).to.contain('Rekenrijk Demo');
        console.log(`      screenshot: ${await shot(page, '1-home')}`);
        await page.getByRole('button', { name: 'Inloggen via Leerpoort' }).click();
        (0, chai_1.expect)(page.url(), 'the hub asks for the login').to.match(new RegExp(`^${hubUrl}/login`));
        await logIn(page, PUPIL);
        await page.waitForURL(`${publisherUrl}/ingelogd`, { timeout: 15_000 });
        (0, chai_1.expect)(await page.locator('#who').textContent()).to.equal('Ingelogd als Sanne de Vries');
        const attributes = await attributeTable(page);
        (0, chai_1.expect)(attributes).to.deep.include({ name: 'urn:oid:2.5.4.42', values: ['Sanne'] });
        (0, chai_1.expect)(attributes).to.deep.include({ name: 'urn:mace:leerpoort.nl:attribute-def:tussenvoegsel', values: ['de'] });
        (0, chai_1.expect)(attributes).to.deep.include({ name: 'urn:oid:2.5.4.4', values: ['Vries'] });
        (0, chai_1.expect)(attributes).to.deep.include({ name: 'urn:mace:leerpoort.nl:attribute-def:brin', values: ['99ZZ'] });
        (0, chai_1.expect)(attributes).to.deep.include({ name: 'urn:mace:leerpoort.nl:attribute-def:groepNaam', values: ['Groep 5'] });
        (0, chai_1.expect)(attributes).to.deep.include({ name: 'urn:mace:leerpoort.nl:attribute-def:jaargroep', values: ['5'] });
        (0, chai_1.expect)(attributes).to.deep.include({
            name: 'urn:mace:leerpoort.nl:attribute-def:eckId',
            values: ['https://ketenid.nl/201703/demo-ll001'],
        });
        (0, chai_1.expect)(attributes.find((a) => a.name === 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1')?.values).to.include('student');
        for (const name of FORBIDDEN)
            (0, chai_1.expect)(attributes.map((a) => a.name), name).not.to.include(name);
        (0, chai_1.expect)(await page.locator('#not-received').textContent())
            .to.contain('dateOfBirth')
            .and.contain('leerlingKey');
        const nameId = (await page.locator('#subject tr').first().locator('td').textContent()).trim();
        (0, chai_1.expect)(nameId, 'a pairwise pseudonym, never the username')
            .to.match(/^[\w-]{20,}$/)
            .and.not.contain('demo');
        console.log(`      screenshot: ${await shot(page, '2-pupil-attributes')}`);
        await page.getByRole('button', { name: 'Uitloggen' }).click();
        await page.waitForURL(new RegExp(`^${publisherUrl}/saml/slo`), { timeout: 15_000 });
        (0, chai_1.expect)(await page.locator('h1').textContent()).to.equal('Je bent uitgelogd');
        console.log(`      screenshot: ${await shot(page, '3-pupil-logged-out')}`);
        await page.goto(`${publisherUrl}/ingelogd`);
        (0, chai_1.expect)(page.url(), 'the publisher session is gone').to.equal(`${publisherUrl}/`);
        await page.goto(`${hubUrl}/portal`);
        (0, chai_1.expect)(page.url(), 'the hub session is gone').to.match(new RegExp(`^${hubUrl}/login`));
    });
    it('the demo teacher: staff attributes, no e-mail and no LAS key (no recorded need), then Single Logout', async () => {
        const page = await pool.newPage();
        await page.goto(publisherUrl);
        await page.getByRole('button', { name: 'Inloggen via Leerpoort' }).click();
        await logIn(page, TEACHER);
        await page.waitForURL(`${publisherUrl}/ingelogd`, { timeout: 15_000 });
        (0, chai_1.expect)(await page.locator('#who').textContent()).to.equal('Ingelogd als Anouk van Dijk');
        const attributes = await attributeTable(page);
        const names = attributes.map((a) => a.name);
        (0, chai_1.expect)(attributes).to.deep.include({ name: 'urn:oid:2.5.4.42', values: ['Anouk'] });
        (0, chai_1.expect)(attributes).to.deep.include({ name: 'urn:mace:leerpoort.nl:attribute-def:groepKey', values: ['G5'] });
        (0, chai_1.expect)(attributes.find((a) => a.name === 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1')?.values).not.to.include('student');
        for (const name of FORBIDDEN)
            (0, chai_1.expect)(names, name).not.to.include(name);
        console.log(`      screenshot: ${await shot(page, '4-teacher-attributes')}`);
        await page.getByRole('button', { name: 'Uitloggen' }).click();
        await page.waitForURL(new RegExp(`^${publisherUrl}/saml/slo`), { timeout: 15_000 });
        (0, chai_1.expect)(await page.locator('#message').textContent()).to.contain('uitgelogd bij Rekenrijk en bij Leerpoort');
    });
    it('a pupil of a school without activation is refused with the hub’s page; the publisher gets a RequestDenied, no data', async () => {
        const page = await pool.newPage();
        await page.goto(publisherUrl);
        await page.getByRole('button', { name: 'Inloggen via Leerpoort' }).click();
        await logIn(page, OTHER);
        await page.waitForLoadState();
        (0, chai_1.expect)(page.url(), 'still at the hub').to.match(new RegExp(`^${hubUrl}/`));
        (0, chai_1.expect)(await page.locator('h1').textContent()).to.contain('Geen toegang tot dit lesmateriaal');
        (0, chai_1.expect)(await page.locator('main').textContent()).to.contain('niet aangezet');
        console.log(`      screenshot: ${await shot(page, '5-not-activated-refused')}`);
        await page.getByRole('button', { name: /Terug naar de aanbieder/ }).click();
        await page.waitForURL(`${publisherUrl}/saml/acs`, { timeout: 15_000 });
        (0, chai_1.expect)(await page.locator('h1').textContent()).to.contain('Leerpoort gaf geen toegang');
        (0, chai_1.expect)(await page.locator('#message').textContent()).to.contain('RequestDenied');
        await page.goto(`${publisherUrl}/ingelogd`);
        (0, chai_1.expect)(page.url()).to.equal(`${publisherUrl}/`);
    });
    it('samlify at the publisher refuses a Response changed on the way, and the same Response twice', async () => {
        const b = new hub_1.Browser();
        const start = await b.request(`${publisherUrl}/login`, { method: 'POST', form: {} });
        const { form } = await (0, hub_1.loginThroughSso)(b, start.location, PUPIL.username, PUPIL.password);
        (0, chai_1.expect)(form, 'the hub answered with a Response').not.to.equal(null);
        const xml = Buffer.from(form.fields.SAMLResponse, 'base64').toString('utf8');
        const changed = Buffer.from(xml.replace('>Sanne<', '>Mallory<')).toString('base64');
        (0, chai_1.expect)(changed).not.to.equal(form.fields.SAMLResponse);
        const forged = await b.request(form.action, { form: { ...form.fields, SAMLResponse: changed } });
        (0, chai_1.expect)(forged.status).to.equal(400);
        (0, chai_1.expect)(forged.body).to.contain('Inloggen geweigerd');
        const genuine = await b.request(form.action, { form: form.fields });
        (0, chai_1.expect)(genuine.status, 'the untouched Response is accepted once').to.equal(303);
        const replay = await b.request(form.action, { form: form.fields });
        (0, chai_1.expect)(replay.status).to.equal(400);
        (0, chai_1.expect)(replay.body).to.contain('InResponseTo');
    });
    it('logging out at the hub (portal) ends the publisher session too: its signed LogoutRequest, the publisher’s signed answer', async () => {
        const b = new hub_1.Browser();
        const start = await b.request(`${publisherUrl}/login`, { method: 'POST', form: {} });
        const { form } = await (0, hub_1.loginThroughSso)(b, start.location, TEACHER.username, TEACHER.password);
        (0, chai_1.expect)((await b.request(form.action, { form: form.fields })).location).to.equal(`${publisherUrl}/ingelogd`);
        const portal = await b.request(`${hubUrl}/portal`);
        (0, chai_1.expect)(portal.body, 'the tile opens the publisher').to.contain(`href="${publisherUrl}/"`);
        let r = await b.request(`${hubUrl}/logout`, { form: { _csrf: (0, hub_1.csrfOf)(portal.body) } });
        (0, chai_1.expect)(r.location).to.match(new RegExp(`^${publisherUrl}/saml/slo\\?SAMLRequest=.*&Signature=`));
        r = await b.request(r.location);
        (0, chai_1.expect)(r.location, 'the publisher answers the hub').to.match(new RegExp(`^${hubUrl}/saml/slo\\?SAMLResponse=.*&Signature=`));
        r = await b.request(r.location);
        (0, chai_1.expect)(r.status).to.equal(200);
        (0, chai_1.expect)(r.body).to.contain('Je bent uitgelogd').and.contain('bij je lesmateriaal');
        (0, chai_1.expect)((await b.request(`${publisherUrl}/ingelogd`)).location, 'publisher session ended').to.equal(`${publisherUrl}/`);
    });
    it('stopping the hub stops the publisher with it', async () => {
        (0, chai_1.expect)(await (0, cli_1.stopChild)(serve)).to.equal(0);
        serve = null;
        const error = await fetch(publisherUrl).then(() => null, (e) => e);
        (0, chai_1.expect)(error, 'nothing listens on the publisher port').to.be.instanceOf(Error);
    });
    it('production: `serve --demo` and `demo` are refused before the publisher listens', async () => {
        // A complete production configuration (the keys the hub generated are mounted), so only the demo is wrong.
        const production = { ...env, NODE_ENV: 'production', BASE_URL: 'https://leerpoort.example.nl', SESSION_SECRET: 'p'.repeat(40) };
        for (const args of [['serve', '--migrate', '--demo'], ['demo']]) {
            const r = await (0, cli_1.runCli)(args, production);
            (0, chai_1.expect)(r.code, `${args.join(' ')}: ${r.stderr}`).to.equal(2);
            (0, chai_1.expect)(r.stderr).to.match(/not (run|seeded|registered) in production/);
        }
        const error = await fetch(publisherUrl).then(() => null, (e) => e);
        (0, chai_1.expect)(error, 'the publisher never listened').to.be.instanceOf(Error);
    });
    async function logIn(page, who) {
        await page.getByLabel(/Gebruikersnaam/).fill(who.username);
        await page.getByLabel(/Wachtwoord/).fill(who.password);
        await page.getByRole('button', { name: /Inloggen/ }).click();
    }
});
/** The attribute page's table, read back as the publisher shows it. */
async function attributeTable(page) {
    return page.locator('#attributes tbody tr').evaluateAll((rows) => rows.map((r) => {
        const cells = r.querySelectorAll('td');
        return {
            name: cells[0].textContent.trim(),
            values: [...cells[2].querySelectorAll('.value')].map((v) => v.textContent ?? ''),
        };
    }));
}
/** The hub's own services on the database `serve` uses (PostgreSQL: two processes at once are fine). */
function testHub(env) {
    const config = (0, config_1.loadConfig)({ ...env, LOG_LEVEL: 'silent' });
    return (0, main_1.openHub)(config, (0, logger_1.createLogger)(config, 2));
}
async function addSchoolWithoutActivation(hub) {
    const s = hub.services;
    const school = await s.schools.add({ brin: OTHER.brin, name: 'Basisschool Zonder Activatie' }, federation_1.ACTOR);
    await s.schools.setNetworks(OTHER.brin, ['127.0.0.0/8', '::1/128'], federation_1.ACTOR);
    const group = await hub.db.repositories.groups.insert({
        schoolId: school.id,
        lasKey: 'G4',
        name: 'Groep 4',
        yearGroup: 4,
        kind: 'stamgroep',
    });
    const { person } = await s.accounts.createPersonWithAccount({ schoolId: school.id, role: 'pupil', lasKey: 'L9', firstName: 'Mila', lastName: 'Smit' }, OTHER.username, OTHER.password, federation_1.ACTOR);
    await hub.db.repositories.groups.addMember({ groupId: group.id, personId: person.id, roleInGroup: 'member' });
    await s.licences.grant({ brin: OTHER.brin, productName: 'Rekenrijk Demo', participantName: 'Demo Uitgeverij', target: { all: true } }, federation_1.ACTOR);
}
//# sourceMappingURL=demo-publisher-browser.test.js.map
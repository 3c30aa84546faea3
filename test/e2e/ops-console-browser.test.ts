import crypto from 'node:crypto';
import fs from 'node:fs';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { verifyCertificate } from '../../src/domain/retention/destruction-certificate';
import { PagePool, wcagViolations, firstLoginWithTotp } from '../support/browser-pages';
import { launchChromium } from '../support/chromium';
import { ACTOR, seedSchool } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * The dba's data-protection actions in the operator console, in Debian's Chromium (issue 15: what the
 * CLI does, a person does in the console too): a participant's privacy annex (annex 1 D, DPA art. 13.3)
 * and destroying a school's data on its written request (DPA art. 12), with the signed certificate to
 * download. Both go through the CLI's services; a refusal changes nothing. Helpdesk and security officer
 * are refused (403). Every page passes axe-core's WCAG 2.1 A/AA rules.
 */
describe('operator console: privacy annex and destruction on written request (Debian Chromium, dba; WCAG 2.1 AA)', function () {
  let t: TestHub;
  let browser: Browser;
  const pool = new PagePool(() => browser);
  const operatorIds: Record<string, string> = {};
  const PASSWORD = 'Console-Lamp-Vijver-8';

  before(async function () {
    browser = await launchChromium(this);
    t = await startTestHub(this, 'ops_console_browser');
    await seedSchool(t.hub, { brin: '61AA', participant: 'Uitgeverij Annex' });
    await seedSchool(t.hub, { brin: '62BB', participant: 'Uitgeverij Rest' });
    for (const [username, roles] of [
      ['dirk.ops', ['dba']],
      // A second dba: a second factor, once enrolled, is not enrolled again.
      ['dora.ops', ['dba']],
      ['hanna.ops', ['helpdesk']],
      ['sanne.ops', ['security_officer']],
    ] as const) {
      const { operator } = await t.hub.services.accounts.createOperator(
        { displayName: username, email: `${username}@leerpoort.example`, roles },
        username,
        PASSWORD,
        ACTOR,
      );
      operatorIds[username] = operator.id;
    }
  });
  afterEach(async function () {
    await pool.afterEach(this);
  });
  after(async () => {
    await browser?.close();
    await t?.stop();
  });

  async function operatorPage(username: string) {
    const page = await pool.newPage();
    await firstLoginWithTotp(page, t.baseUrl, username, PASSWORD, `${t.baseUrl}/ops`);
    const problems: string[] = [];
    const check = async (what: string) => problems.push(...(await wcagViolations(page)).violations.map((v) => `${what}: ${v}`));
    return { page, problems, check };
  }

  it('dba: an empty purpose is refused beside the form and changes nothing; a full annex is saved through the annex service, audited and published', async () => {
    const { page, problems, check } = await operatorPage('dirk.ops');
    const participant = (await t.hub.db.repositories.participants.findByName('Uitgeverij Annex'))!;
    expect(participant.annex).to.equal(null);
    await page.getByRole('link', { name: /Deelnemers/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/participants`);
    await check('/ops/participants');
    await page.getByRole('link', { name: /bewerken.*Uitgeverij Annex/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/participants/${participant.id}/annex`);
    await check('/ops/participants/:id/annex (not declared)');
    // Without an annex the categories in force are ticked; birth date is not among them.
    expect(await page.getByLabel(/^voornaam/).isChecked()).to.equal(true);
    expect(await page.getByLabel(/^geboortedatum/).isChecked()).to.equal(false);

    await page.getByLabel(/^geboortedatum/).check();
    await page.getByLabel(/^Opslaglocatie/).fill('Nederland (EU)');
    await page.getByRole('button', { name: /Opslaan/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/participants/${participant.id}/annex`);
    expect(await page.locator('#annex-error').textContent())
      .to.contain('er is niets gewijzigd')
      .and.to.contain('at least one purpose');
    // What the operator typed stays in the form; nothing was written or audited.
    expect(await page.getByLabel(/^geboortedatum/).isChecked()).to.equal(true);
    expect(await page.getByLabel(/^Opslaglocatie/).inputValue()).to.equal('Nederland (EU)');
    expect((await t.hub.db.repositories.participants.findById(participant.id))!.annex).to.equal(null);
    expect(await t.hub.db.repositories.audit.list({ action: 'participant.annex' })).to.deep.equal([]);
    await check('/ops/participants/:id/annex (refused)');

    await page.getByLabel(/^Doelen/).fill('Rekenlessen geven\nVoortgang tonen aan de leerkracht');
    await page.getByLabel(/^Subverwerkers/).fill('Hosting BV | opslag | Amsterdam <NL>');
    await page.getByRole('button', { name: /Opslaan/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/participants/${participant.id}/annex`);
    expect(await page.locator('#annex-notice').textContent())
      .to.contain('Privacybijlage opgeslagen')
      .and.to.contain('birthDate');
    // The school activated the participant before: the widening waits for its delegate (DPA art. 13.3).
    expect(await page.locator('#schools-to-accept').textContent()).to.equal('1');
    // Escaped, shown back as typed.
    expect(await page.getByLabel(/^Subverwerkers/).inputValue()).to.equal('Hosting BV | opslag | Amsterdam <NL>');
    await check('/ops/participants/:id/annex (saved)');

    const annex = (await t.hub.db.repositories.participants.findById(participant.id))!.annex!;
    expect(annex.purposes).to.deep.equal(['Rekenlessen geven', 'Voortgang tonen aan de leerkracht']);
    expect(annex.subProcessors).to.deep.equal([{ name: 'Hosting BV', purpose: 'opslag', location: 'Amsterdam <NL>' }]);
    expect(annex.storageLocation).to.equal('Nederland (EU)');
    expect(annex.categories).to.include('birthDate').and.to.include('firstName');
    const [audit] = await t.hub.db.repositories.audit.list({ action: 'participant.annex' });
    expect(audit).to.deep.include({ targetType: 'participant', targetId: participant.id });
    expect(audit!.actor).to.deep.include({ type: 'operator', id: operatorIds['dirk.ops'] });

    // The published leaflet shows it.
    await page.locator('#leaflet-link').click();
    await page.waitForURL(`${t.baseUrl}/privacy/${participant.id}`);
    expect(await page.locator('main').textContent())
      .to.contain('Rekenlessen geven')
      .and.to.contain('Hosting BV');
    expect(problems).to.deep.equal([]);
  });

  it('dba: destroys a school on its written request (typed BRIN confirmation); the downloaded certificate verifies and the school’s rows are gone', async () => {
    const { page, problems, check } = await operatorPage('dora.ops');
    const school = (await t.hub.db.repositories.schools.list()).find((s) => s.brin === '62BB')!;
    const before = await t.hub.db.repositories.retention.countSchoolRows(school.id);
    expect(before.people).to.be.greaterThan(0);
    await page.getByRole('link', { name: /Vernietiging op schriftelijk verzoek/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/destructions`);
    await check('/ops/destructions (none)');

    const received = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel(/^BRIN van de school/).fill('62BB');
    await page.getByLabel(/^Kenmerk van het verzoek/).fill('Brief 2026/118');
    await page.getByLabel(/^Datum van ontvangst/).fill(received);
    await page.getByLabel(/^Typ ter bevestiging/).fill('61AA');
    await page.getByRole('button', { name: /vernietigen/ }).click();
    await page.waitForURL(`${t.baseUrl}/ops/destructions`);
    expect(await page.locator('#destruction-error').textContent()).to.contain('er is niets vernietigd');
    expect(await t.hub.db.repositories.schools.findById(school.id)).not.to.equal(null);
    expect(await t.hub.db.repositories.audit.list({ action: 'school.destruction_request' })).to.deep.equal([]);
    await check('/ops/destructions (refused)');

    await page.getByLabel(/^Typ ter bevestiging/).fill('62bb');
    await page.getByRole('button', { name: /vernietigen/ }).click();
    await page.waitForURL(/\/ops\/destructions\/[0-9a-f-]{36}\?done=destroyed$/);
    expect(await page.locator('#destruction-notice').textContent()).to.contain('School 62BB');
    const total = Number(await page.locator('#total-rows').textContent());
    expect(total).to.equal(Object.values(before).reduce((a, b) => a + b, 0));
    expect(await page.locator('#certificate-tables').textContent()).to.contain('people');
    await check('/ops/destructions/:id');

    const download = page.waitForEvent('download');
    await page.locator('#certificate-download').click();
    const text = fs.readFileSync((await (await download).path())!, 'utf8');
    const verdict = await verifyCertificate(text, t.hub.signer);
    expect(verdict.ok, JSON.stringify(verdict)).to.equal(true);
    if (!verdict.ok) return;
    expect(verdict.certificate).to.deep.include({ reason: 'written-request', totalRows: total });
    expect(verdict.certificate.school).to.deep.equal({ id: school.id, brin: '62BB', name: 'School 62BB' });
    expect(verdict.certificate.writtenRequest).to.deep.equal({ reference: 'Brief 2026/118', receivedAt: `${received}T00:00:00.000Z` });

    // Gone: the school and every row hanging off it; the other school untouched.
    expect(await t.hub.db.repositories.schools.findById(school.id)).to.equal(null);
    const after = await t.hub.db.repositories.retention.countSchoolRows(school.id);
    expect(
      Object.values(after).every((n) => n === 0),
      JSON.stringify(after),
    ).to.equal(true);
    expect((await t.hub.db.repositories.schools.list()).map((s) => s.brin)).to.include('61AA');
    const [audit] = await t.hub.db.repositories.audit.list({ action: 'school.destroy' });
    expect(audit!.actor).to.deep.include({ type: 'operator', id: operatorIds['dora.ops'] });

    await page.goto(`${t.baseUrl}/ops/destructions`);
    const list = (await page.locator('#certificates').textContent())!;
    expect(list).to.contain('62BB').and.to.contain('Brief 2026/118');
    await check('/ops/destructions (one certificate)');
    expect(problems).to.deep.equal([]);
  });

  for (const username of ['hanna.ops', 'sanne.ops'])
    it(`${username === 'hanna.ops' ? 'helpdesk' : 'security officer'}: no link to, and 403 on, the annex and destruction pages`, async () => {
      const { page } = await operatorPage(username);
      expect(await page.getByRole('link', { name: /Vernietiging|Deelnemers/ }).count()).to.equal(0);
      const participant = (await t.hub.db.repositories.participants.findByName('Uitgeverij Annex'))!;
      // The dba's certificate from the test before (the role check refuses before any lookup, so any id would do).
      const [certificate] = await t.hub.db.repositories.retention.listCertificates();
      const certificateId = certificate?.id ?? crypto.randomUUID();
      for (const path of [
        `/ops/participants/${participant.id}/annex`,
        '/ops/destructions',
        `/ops/destructions/${certificateId}`,
        `/ops/destructions/${certificateId}/certificate`,
      ]) {
        const res = await page.goto(`${t.baseUrl}${path}`);
        expect(res!.status(), path).to.equal(403);
      }
    });
});

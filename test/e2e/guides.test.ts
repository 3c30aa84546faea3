import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SAML } from '@node-saml/node-saml';
import { expect } from 'chai';
import { totpCode } from '../support/browser-pages';
import { cliDatabase, runCli } from '../support/cli';
import { ACTOR, testSpKeys } from '../support/federation';
import { GUIDES, documentedHubPaths, guideBlocks, leerpoortArgs } from '../support/guides';
import { Browser, csrfOf, startTestHub, type TestHub } from '../support/hub';

const PUBLISHER = 'https://rekenen.uitgeverij.example/saml';

/** The publisher of docs/publishers.md: node-saml's metadata with the attributes it asks for. */
async function publisherMetadata(): Promise<string> {
  const keys = await testSpKeys();
  const xml = new SAML({
    entryPoint: 'https://hub.invalid/saml/sso',
    issuer: PUBLISHER,
    callbackUrl: `${PUBLISHER}/acs`,
    idpCert: keys.signing.certificatePem,
    audience: PUBLISHER,
  }).generateServiceProviderMetadata(null, keys.signing.certificatePem);
  const requested = [
    'urn:oid:2.5.4.42',
    'urn:mace:dir:attribute-def:nlEduPersonHomeOrganizationId',
    'urn:oasis:names:tc:SAML:attribute:pairwise-id',
  ]
    .map((n) => `<md:RequestedAttribute NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" Name="${n}"/>`)
    .join('');
  const at = xml.lastIndexOf('</SPSSODescriptor>');
  return `${xml.slice(0, at)}<md:AttributeConsumingService xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" index="1"><md:ServiceName xml:lang="nl">Rekenen Plus</md:ServiceName>${requested}</md:AttributeConsumingService>${xml.slice(at)}`;
}

/** The guides' `sh run` blocks, run in order with the built bin, each guide on a fresh PostgreSQL database. */
describe('guides: the `sh run` commands work as written (built bin, PostgreSQL)', function () {
  this.timeout(600_000);

  for (const guide of ['publishers.md', 'operators.md'] as const) {
    it(`${guide}: every command of its run blocks succeeds, in order`, async function () {
      const { env } = await cliDatabase(this, `_guide_${guide.replace('.md', '')}`, `guides ${guide}`);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-guide-'));
      fs.writeFileSync(path.join(dir, 'sp-metadata.xml'), await publisherMetadata());
      const outputs: string[] = [];
      for (const block of guideBlocks(guide).filter((b) => b.kind === 'run'))
        for (const line of block.lines) {
          const args = leerpoortArgs(line);
          expect(args, `${guide}: a run block holds only leerpoort commands: ${line}`).not.to.equal(null);
          // Files the guide names are the reader's own; here they are the test's fixtures.
          const resolved = args!.map((a) => (a === 'sp-metadata.xml' ? path.join(dir, a) : a));
          const r = await runCli(resolved, env);
          expect(r.code, `${guide}: \`${line}\`\n${r.stderr}`).to.equal(0);
          outputs.push(r.stdout);
        }
      expect(outputs.length).to.be.at.least(guide === 'publishers.md' ? 9 : 10);
      if (guide === 'publishers.md') {
        // The preview names the standard attributes the publisher asked for, and the credentials were issued.
        const preview = outputs.find((o) => o.includes('pairwise-id'));
        expect(preview, 'sp preview output').to.contain('urn:mace:dir:attribute-def:nlEduPersonHomeOrganizationId');
        expect(outputs.join('\n')).to.match(/secret/i);
      }
    });
  }
});

/** Every hub URL and screen the guides name answers (screens: for a logged-in delegate of an accepted school). */
describe('guides: the documented URLs and screens answer (HTTP, PostgreSQL)', function () {
  let t: TestHub;
  const browser = new Browser();

  before(async function () {
    t = await startTestHub(this, 'guides_urls');
    const s = t.hub.services;
    const school = await s.schools.add({ brin: '12AB', name: 'Basisschool De Linde' }, ACTOR);
    const { person } = await s.accounts.createPersonWithAccount(
      { schoolId: school.id, role: 'delegate', lasKey: 'D1', firstName: 'Dirk', lastName: 'Beheer', staffEmail: 'dirk@12ab.example.nl' },
      'beheer.12ab',
      'Sleutelbos-Fiets-91',
      ACTOR,
    );
    const { version } = await s.agreements.publish(
      {
        version: 'g-1',
        body: 'Overeenkomst versie g-1 — de volledige tekst van de product- en dienstenovereenkomst.',
        effectiveFrom: new Date(Date.now() - 1000),
      },
      ACTOR,
    );
    await s.agreements.accept(school, version.id, person.id, '127.0.0.1');
    // The delegate logs in as a browser would: password, then TOTP enrolment.
    const login = await browser.passwordLogin(t.baseUrl, 'beheer.12ab', 'Sleutelbos-Fiets-91');
    expect(login.location).to.equal(`${t.baseUrl}/login/2fa/setup`);
    const setup = await browser.request(`${t.baseUrl}/login/2fa/setup`);
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(setup.body)![1]!;
    const enrolled = await browser.request(`${t.baseUrl}/login/2fa/setup`, { form: { _csrf: csrfOf(setup.body), code: totpCode(secret) } });
    expect(enrolled.status, enrolled.body.slice(0, 300)).to.equal(200);
    expect(enrolled.body, 'enrolled: the recovery codes are shown').to.contain('herstelcodes');
  });
  after(async () => t?.stop());

  for (const guide of GUIDES) {
    it(`${guide}: every documented path on the hub answers`, async () => {
      const paths = documentedHubPaths(guide);
      expect(paths.length, guide).to.be.at.least(guide === 'operators.md' ? 4 : 3);
      for (const { path: p, method } of paths) {
        const res = await browser.request(`${t.baseUrl}${p}`, method === 'POST' ? { form: { grant_type: 'client_credentials' } } : {});
        if (p.startsWith('/admin') || p === '/class' || p === '/portal')
          expect(res.status, `${guide}: ${p} for the delegate`).to.equal(200);
        else expect(res.status, `${guide}: ${p}`).to.be.within(200, 499).and.not.equal(404);
      }
    });
  }
});

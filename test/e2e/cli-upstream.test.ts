import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { buildUpstreamSpMetadata } from '../../src/saml/upstream/sp-metadata';
import { cliDatabase, runCli } from '../support/cli';
import { hasXmlsec1, requireTool, xmlsec1Verify } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';
import { pysaml2Available } from '../support/pysaml2';
import { type SchoolIdp, startSchoolIdp, testHubSp } from '../support/upstream-idp';

describe('CLI: upstream add / list / refresh / remove (built bin, PostgreSQL, pysaml2 metadata)', function () {
  let env: Record<string, string>;
  let sql: (q: string, p?: unknown[]) => Promise<Array<Record<string, unknown>>>;
  let idp: SchoolIdp;
  let rolled: SchoolIdp;
  let server: http.Server;
  let served: string;
  let dir: string;

  before(async function () {
    requireTool(this, pysaml2Available(), 'python3-pysaml2');
    ({ env, sql } = await cliDatabase(this, '_cli_upstream', 'CLI upstream'));
    const hub = await testHubSp();
    const sp = buildUpstreamSpMetadata(hub.endpoints, { active: hub.signing, next: null, previous: null }, hub.encryption);
    idp = await startSchoolIdp({
      entityId: 'https://idp.obs-regenboog.example/idp',
      ssoUrl: 'https://idp.obs-regenboog.example/sso',
      spMetadata: [sp],
    });
    rolled = await startSchoolIdp({
      entityId: 'https://idp.obs-regenboog.example/idp',
      ssoUrl: 'https://idp.obs-regenboog.example/sso',
      spMetadata: [sp],
    });
    served = idp.metadataXml;
    server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(served));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-cli-upstream-'));
    expect((await runCli(['migrate'], env)).code).to.equal(0);
    expect((await runCli(['school', 'add', '--brin', '12AB', '--name', 'OBS De Regenboog'], env)).code).to.equal(0);
  });
  after(async () => {
    idp?.stop();
    rolled?.stop();
    await new Promise((r) => server?.close(r));
  });

  const metadataUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/metadata`;

  it('add from a URL (--json), list, refresh after the key rollover, remove — each audited', async () => {
    const add = await runCli(['upstream', 'add', '--school', '12AB', '--metadata', metadataUrl(), '--match', 'email', '--json'], env);
    expect(add.code, add.stderr).to.equal(0);
    expect(JSON.parse(add.stdout)).to.deep.include({
      created: true,
      school: '12AB',
      entityId: idp.entityId,
      ssoUrl: idp.ssoUrl,
      roles: 'staff',
      identifier: 'nameid',
      match: 'email',
      signingCertificates: 1,
      metadataUrl: metadataUrl(),
    });
    const list = await runCli(['upstream', 'list'], env);
    expect(list.stdout).to.contain(`12AB  ${idp.entityId}  roles=staff nameid→email`);

    served = rolled.metadataXml;
    const refresh = await runCli(['upstream', 'refresh', '--school', '12AB', '--json'], env);
    expect(refresh.code, refresh.stderr).to.equal(0);
    expect(JSON.parse(refresh.stdout)).to.deep.include({ certificatesChanged: true, signingCertificates: 1 });
    const [row] = await sql('SELECT signing_certificates FROM upstream_idps');
    expect(row!.signing_certificates).to.deep.equal([rolled.key.certificatePem.replace(/-----[^-]+-----|\s/g, '')]);

    const remove = await runCli(['upstream', 'remove', '--school', '12AB'], env);
    expect(remove.code, remove.stderr).to.equal(0);
    expect(remove.stdout).to.contain(`IdP of school 12AB removed: ${idp.entityId}`);
    const actions = await sql("SELECT action FROM audit_events WHERE action LIKE 'upstream.%' ORDER BY occurred_at");
    expect(actions.map((a) => a.action)).to.deep.equal(['upstream.add', 'upstream.refresh', 'upstream.remove']);
    expect((await runCli(['upstream', 'list', '--json'], env)).stdout.trim()).to.equal('[]');
  });

  it('bad input: exit code and one-line reason, nothing written', async () => {
    const file = path.join(dir, 'idp.xml');
    fs.writeFileSync(file, idp.metadataXml);
    const badMatch = await runCli(['upstream', 'add', '--school', '12AB', '--metadata', file, '--match', 'bsn'], env);
    expect(badMatch.code).to.equal(2);
    expect(badMatch.stderr).to.contain('--match must be one of email, employee_number, las_key, eck_id');
    const expired = path.join(dir, 'expired.xml');
    fs.writeFileSync(
      expired,
      idp.metadataXml.replace('<ns0:EntityDescriptor ', '<ns0:EntityDescriptor validUntil="2020-01-01T00:00:00Z" '),
    );
    const old = await runCli(['upstream', 'add', '--school', '12AB', '--metadata', expired, '--match', 'email', '--json'], env);
    expect(old.code).to.equal(2);
    expect(JSON.parse(old.stdout)).to.deep.include({ error: 'validation' });
    expect(JSON.parse(old.stdout).message).to.match(/metadata expired at 2020-01-01/);
    const unknown = await runCli(['upstream', 'add', '--school', '99ZZ', '--metadata', file, '--match', 'email'], env);
    expect(unknown.code).to.equal(3);
    const fromFile = await runCli(
      ['upstream', 'add', '--school', '12AB', '--metadata', file, '--match', 'employee_number', '--roles', 'staff_and_pupils'],
      env,
    );
    expect(fromFile.code, fromFile.stderr).to.equal(0);
    const refresh = await runCli(['upstream', 'refresh', '--school', '12AB'], env);
    expect(refresh.code).to.equal(2);
    expect(refresh.stderr).to.contain('registered from a file');
    expect(await sql('SELECT roles, match_on FROM upstream_idps')).to.deep.equal([
      { roles: 'staff_and_pupils', match_on: 'employee_number' },
    ]);
  });
});

describe('GET /saml/upstream/metadata: the hub as SP towards school IdPs', function () {
  let t: TestHub;
  before(async function () {
    t = await startTestHub(this, 'upstream_md', {}, 'pglite');
  });
  after(async () => t?.stop());

  it('is signed (verified by xmlsec1), names the ACS and the Single Logout endpoint, and carries signing and encryption keys', async function () {
    const res = await fetch(`${t.baseUrl}/saml/upstream/metadata`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.contain('application/samlmetadata+xml');
    const xml = await res.text();
    expect(xml).to.contain(`entityID="${t.baseUrl}/saml/upstream/metadata"`);
    expect(xml).to.contain(`Location="${t.baseUrl}/saml/upstream/acs"`);
    // Single Logout with the school's IdP: both bindings at one URL (before NameIDFormat, as the schema orders it).
    for (const binding of ['HTTP-Redirect', 'HTTP-POST'])
      expect(xml).to.contain(
        `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:${binding}" Location="${t.baseUrl}/saml/upstream/slo"/>`,
      );
    expect(xml.indexOf('SingleLogoutService')).to.be.lessThan(xml.indexOf('NameIDFormat'));
    expect(xml).to.contain('AuthnRequestsSigned="true"');
    expect(xml).to.contain('<md:KeyDescriptor use="signing">');
    expect(xml).to.contain('<md:KeyDescriptor use="encryption">');
    requireTool(this, hasXmlsec1(), 'xmlsec1');
    const verified = await xmlsec1Verify(
      xml,
      t.hub.secrets.samlSigningKeys.active.certificatePem,
      'urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor',
      "/*[local-name()='EntityDescriptor']/*[local-name()='Signature']",
    );
    expect(verified.ok, verified.output).to.equal(true);
  });
});

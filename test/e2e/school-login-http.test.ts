import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { generateKeyPair } from '../../src/crypto/secrets';
import { buildUpstreamSpMetadata } from '../../src/saml/upstream/sp-metadata';
import { signElement } from '../../src/saml/xml/signature';
import { ACTOR, requireTool, seedDelegate, seedSchool } from '../support/federation';
import { Browser, csrfOf, decodeHtml, loginEnrollingTotp, startTestHub, type TestHub } from '../support/hub';
import { pysaml2Available } from '../support/pysaml2';
import { type SchoolIdp, startSchoolIdp, testHubSp } from '../support/upstream-idp';

const PAGE = '/admin/school-login';
const fingerprint = (pem: string) => new crypto.X509Certificate(pem).fingerprint256;
const body = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');

/**
 * "Inloggen met schoolaccount" in the management screen over real HTTP on PostgreSQL: only the school's
 * delegate after the second factor reaches it, for the own school only; registration from a metadata URL
 * (a loopback server serving pysaml2's metadata) and from an uploaded file goes through the same service
 * and checks as `leerpoort upstream add`, audited as the delegate; bad metadata is refused beside the form
 * with the reason and writes nothing; refresh takes the school's rolled-over key and a failed refresh keeps
 * the old one; remove needs a confirmation. Forms without the CSRF token are refused.
 */
describe('management screen: the school registers its own IdP (HTTP, PostgreSQL, pysaml2 metadata)', function () {
  let t: TestHub;
  let idp: SchoolIdp;
  let rolled: SchoolIdp;
  let server: http.Server;
  let served: { status: number; xml: string };
  let delegate: Browser;
  let otherDelegate: Browser;
  let schoolId: string;
  let delegateId: string;
  const url = (path: string) => `${t.baseUrl}${path}`;
  const metadataUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/idp-metadata.xml`;
  const rows = () => t.hub.db.dataSource.query('SELECT * FROM upstream_idps WHERE school_id = $1', [schoolId]);
  const audits = async (action: string) => t.hub.db.repositories.audit.list({ schoolId, action });
  const register = async (b: Browser, fields: Record<string, string>, file?: { name: string; content: string | Buffer }) => {
    const page = await b.request(url(PAGE));
    return b.upload(
      url(PAGE),
      { _csrf: csrfOf(page.body), roles: 'staff', identifier: 'nameid', match: 'email', ...fields },
      file && { field: 'file', ...file },
    );
  };

  before(async function () {
    requireTool(this, pysaml2Available(), 'python3-pysaml2');
    t = await startTestHub(this, 'school_login_http');
    const sp = await testHubSp(t.baseUrl);
    const spXml = buildUpstreamSpMetadata(sp.endpoints, { active: sp.signing, next: null, previous: null }, sp.encryption);
    idp = await startSchoolIdp({
      entityId: 'https://idp.obs-zonnebloem.example/idp',
      ssoUrl: 'https://idp.obs-zonnebloem.example/sso',
      spMetadata: [spXml],
    });
    // The same IdP after the school's key rollover: a new key pair, the same entity.
    rolled = await startSchoolIdp({ entityId: idp.entityId, ssoUrl: idp.ssoUrl, spMetadata: [spXml] });
    served = { status: 200, xml: idp.metadataXml };
    server = http.createServer((_req, res) =>
      res.writeHead(served.status, { 'content-type': 'application/samlmetadata+xml' }).end(served.xml),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));

    await seedSchool(t.hub, { brin: '81AA', participant: 'Uitgeverij S' });
    await seedSchool(t.hub, { brin: '82BB', participant: 'Uitgeverij S' });
    ({ schoolId, personId: delegateId } = await seedDelegate(t.hub, '81AA', { username: 'beheer.81aa', password: 'Sleutelbos-Fiets-91' }));
    await seedDelegate(t.hub, '81AA', { username: 'half.81aa', password: 'Sleutelbos-Fiets-92' });
    await seedDelegate(t.hub, '82BB', { username: 'beheer.82bb', password: 'Sleutelbos-Fiets-93' });
    delegate = (await loginEnrollingTotp(t.baseUrl, 'beheer.81aa', 'Sleutelbos-Fiets-91')).browser;
    otherDelegate = (await loginEnrollingTotp(t.baseUrl, 'beheer.82bb', 'Sleutelbos-Fiets-93')).browser;
  });
  after(async () => {
    idp?.stop();
    rolled?.stop();
    await new Promise((r) => server?.close(r));
    await t?.stop();
  });

  it('registers from a metadata URL: shows the registration and what the school configures; audited as the delegate', async () => {
    const empty = await delegate.request(url(PAGE));
    expect(empty.status).to.equal(200);
    expect(empty.body)
      .to.contain('id="idp-none"')
      .and.contain(`${t.baseUrl}/saml/upstream/acs`)
      .and.contain(`${t.baseUrl}/saml/upstream/metadata`);

    const saved = await register(delegate, { source: 'url', url: metadataUrl(), roles: 'staff_and_pupils', match: 'email' });
    expect(saved.status, saved.body.slice(0, 600)).to.equal(303);
    expect(saved.location).to.equal(url(`${PAGE}?done=registered`));
    const [row] = await rows();
    expect(row).to.deep.include({
      entity_id: idp.entityId,
      sso_url: idp.ssoUrl,
      metadata_url: metadataUrl(),
      roles: 'staff_and_pupils',
      match_on: 'email',
    });
    expect(row.signing_certificates).to.deep.equal([body(idp.key.certificatePem)]);

    const page = decodeHtml((await delegate.request(url(`${PAGE}?done=registered`))).body);
    expect(page)
      .to.contain('Uw IdP is gekoppeld.')
      .and.contain(idp.entityId)
      .and.contain(idp.ssoUrl)
      .and.contain(fingerprint(idp.key.certificatePem))
      .and.contain('leerkrachten, beheerders en leerlingen')
      .and.contain('Nu vernieuwen');
    const [added] = await audits('upstream.add');
    expect(added).to.deep.include({ outcome: 'success', targetId: row.id });
    expect(added!.actor).to.deep.include({ type: 'person', id: delegateId });
    expect(added!.details).to.deep.include({ entityId: idp.entityId, fromUrl: true, matchOn: 'email' });
  });

  it('only the delegate after the second factor, for the own school: half-way login, teacher, pupil, no session, other school refused', async () => {
    const half = new Browser();
    const step = await half.passwordLogin(t.baseUrl, 'half.81aa', 'Sleutelbos-Fiets-92');
    expect(step.location, 'the password step leads to the second factor').to.equal(url('/login/2fa/setup'));
    const halfCsrf = csrfOf((await half.request(url('/login/2fa/setup'))).body);
    const teacher = new Browser();
    expect((await teacher.passwordLogin(t.baseUrl, 'gerrit.81aa', 'Appelboom-Kaas-27')).status).to.equal(303);
    const teacherCsrf = csrfOf((await teacher.request(url('/login'))).body);
    const pupil = new Browser();
    expect((await pupil.passwordLogin(t.baseUrl, 'fenna.81aa', 'vis-boom-3')).status).to.equal(303);
    const pupilCsrf = csrfOf((await pupil.request(url('/login'))).body);
    const nobody = new Browser();
    const before = JSON.stringify(await rows());

    for (const [who, b, csrf] of [
      ['half-way login', half, halfCsrf],
      ['teacher', teacher, teacherCsrf],
      ['pupil', pupil, pupilCsrf],
      ['no session', nobody, ''],
    ] as const) {
      const get = await b.request(url(PAGE));
      const refused = (r: { status: number; location: string | null }) =>
        r.status === 403 || (r.status === 303 && (r.location ?? '').startsWith(url('/login')));
      expect(refused(get), `${who}: GET ${get.status} ${get.location}`).to.equal(true);
      expect(get.body, who).not.to.contain(idp.entityId);
      for (const [path, form] of [
        [`${PAGE}/remove`, { _csrf: csrf, confirm: 'yes' }],
        [`${PAGE}/refresh`, { _csrf: csrf }],
      ] as const) {
        const r = await b.request(url(path), { form });
        expect(refused(r), `${who}: POST ${path} ${r.status}`).to.equal(true);
      }
      const up = await b.upload(url(PAGE), { _csrf: csrf, source: 'url', url: metadataUrl(), roles: 'staff', match: 'eck_id' });
      expect(refused(up), `${who}: POST ${PAGE} ${up.status}`).to.equal(true);
    }
    expect(await teacher.request(url(PAGE)).then((r) => r.body)).to.contain('Alleen voor beheerders van de school');

    // Another school's delegate sees and changes only their own school: nothing of 81AA.
    const other = await otherDelegate.request(url(PAGE));
    expect(other.status).to.equal(200);
    expect(other.body).to.contain('id="idp-none"').and.not.contain(idp.entityId);
    const csrf = csrfOf(other.body);
    const removeOther = await otherDelegate.request(url(`${PAGE}/remove`), { form: { _csrf: csrf, confirm: 'yes' } });
    expect(removeOther.status).to.equal(404);
    expect(JSON.stringify(await rows()), 'nothing of 81AA changed').to.equal(before);
    expect(await audits('upstream.remove')).to.deep.equal([]);
  });

  it('forged posts without the CSRF token are refused (403) and change nothing', async () => {
    const before = JSON.stringify(await rows());
    expect((await delegate.request(url(`${PAGE}/remove`), { form: { confirm: 'yes' } })).status).to.equal(403);
    expect((await delegate.request(url(`${PAGE}/refresh`), { form: { _csrf: 'x'.repeat(43) } })).status).to.equal(403);
    const forged = await delegate.upload(url(PAGE), { source: 'url', url: metadataUrl(), roles: 'staff', match: 'eck_id' });
    expect(forged.status).to.equal(403);
    expect(JSON.stringify(await rows())).to.equal(before);
  });

  it('bad metadata or settings: refused beside the form with the specific reason (NL + EN), nothing written', async () => {
    const before = JSON.stringify(await rows());
    const auditsBefore = (await t.hub.db.repositories.audit.list({ schoolId })).length;
    const expired = idp.metadataXml.replace('<ns0:EntityDescriptor ', '<ns0:EntityDescriptor validUntil="2020-01-01T00:00:00Z" ');
    const cases: Array<[string, Record<string, string>, { name: string; content: string | Buffer } | undefined, RegExp]> = [
      [
        'expired file',
        { source: 'file' },
        { name: 'idp.xml', content: expired },
        /metadata expired at 2020-01-01T00:00:00.000Z \(validUntil\)/,
      ],
      ['no file', { source: 'file' }, undefined, /Kies het metadatabestand van uw IdP\. \/ Choose your IdP’s metadata file\./],
      ['not XML', { source: 'file' }, { name: 'idp.xml', content: 'not xml at all' }, /metadata/],
      [
        'too large',
        { source: 'file' },
        { name: 'big.xml', content: Buffer.alloc(600 * 1024, 0x20) },
        /groter dan 512 kB\. \/ The metadata file is larger than 512 kB/,
      ],
      [
        'unsigned but a certificate given',
        { source: 'file', trustCertificate: idp.key.certificatePem },
        { name: 'idp.xml', content: idp.metadataXml },
        /metadata is not signed, but a trust certificate was given/,
      ],
      [
        'not a certificate',
        { source: 'file', trustCertificate: 'hello' },
        { name: 'idp.xml', content: idp.metadataXml },
        /trust certificate is not a valid X\.509 certificate/,
      ],
      [
        'unknown match',
        { source: 'file', match: 'bsn' },
        { name: 'idp.xml', content: idp.metadataXml },
        /match must be one of email, employee_number, las_key, eck_id/,
      ],
      [
        'identifier with spaces',
        { source: 'file', identifier: 'two words' },
        { name: 'idp.xml', content: idp.metadataXml },
        /identifier must be 'nameid' or an attribute name/,
      ],
      ['no URL', { source: 'url', url: '' }, undefined, /Geef de metadata-URL van uw IdP/],
      [
        'unreachable URL',
        { source: 'url', url: 'http://127.0.0.1:1/md.xml' },
        undefined,
        /cannot fetch metadata from http:\/\/127\.0\.0\.1:1\/md\.xml/,
      ],
      ['ftp URL', { source: 'url', url: 'ftp://idp.example/md.xml' }, undefined, /must use https/],
    ];
    for (const [what, fields, file, reason] of cases) {
      const r = await register(delegate, fields, file);
      expect(r.status, what).to.equal(400);
      const text = decodeHtml(r.body);
      expect(text, what).to.match(reason);
      expect(text, what).to.contain('Niet opgeslagen, er is niets veranderd.').and.contain('Not saved');
    }
    // A signed document whose signature is not the school's certificate's.
    const other = await generateKeyPair('not the school');
    const id = '_md1';
    const signed = signElement(
      idp.metadataXml.replace(/^<\?xml[^>]*>/, '').replace('<ns0:EntityDescriptor ', `<ns0:EntityDescriptor ID="${id}" `),
      'EntityDescriptor',
      id,
      other,
      { firstChild: true },
    );
    const wrongSigner = await register(
      delegate,
      { source: 'file', trustCertificate: idp.key.certificatePem },
      { name: 'signed.xml', content: signed },
    );
    expect(wrongSigner.status).to.equal(400);
    expect(decodeHtml(wrongSigner.body)).to.match(/signature does not verify/);
    // What was typed stays in the form; HTML in it is escaped.
    const xss = await register(delegate, { source: 'url', url: 'https://"><script>alert(1)</script>' });
    expect(xss.status).to.equal(400);
    expect(xss.body).not.to.contain('<script>alert(1)</script>');
    expect(xss.body).to.contain('&lt;script&gt;');

    expect(JSON.stringify(await rows())).to.equal(before);
    expect((await t.hub.db.repositories.audit.list({ schoolId })).length, 'no audit entry for a refused registration').to.equal(
      auditsBefore,
    );
  });

  it('refresh takes the rolled-over key; a failed refresh keeps the old metadata, shows why and is audited', async () => {
    served = { status: 200, xml: rolled.metadataXml };
    let page = await delegate.request(url(PAGE));
    const refreshed = await delegate.request(url(`${PAGE}/refresh`), { form: { _csrf: csrfOf(page.body) } });
    expect(refreshed.status).to.equal(303);
    expect(refreshed.location).to.equal(url(`${PAGE}?done=refreshed`));
    let [row] = await rows();
    expect(row.signing_certificates).to.deep.equal([body(rolled.key.certificatePem)]);
    expect(row.refresh_error).to.equal(null);
    page = await delegate.request(url(`${PAGE}?done=refreshed`));
    expect(decodeHtml(page.body)).to.contain(fingerprint(rolled.key.certificatePem)).and.not.contain(fingerprint(idp.key.certificatePem));
    expect((await audits('upstream.refresh'))[0]!.details).to.deep.include({ certificatesChanged: true });

    served = { status: 500, xml: 'down' };
    const failed = await delegate.request(url(`${PAGE}/refresh`), { form: { _csrf: csrfOf(page.body) } });
    expect(failed.status).to.equal(400);
    expect(decodeHtml(failed.body)).to.contain('id="idp-action-error"').and.contain('HTTP 500').and.contain('mislukt');
    [row] = await rows();
    expect(row.signing_certificates, 'the old metadata stays').to.deep.equal([body(rolled.key.certificatePem)]);
    expect(row.refresh_error).to.match(/HTTP 500/);
    const [failure] = (await audits('upstream.refresh')).filter((a) => a.outcome === 'failure');
    expect(failure!.actor).to.deep.include({ type: 'person', id: delegateId });
    expect(failure!.details)
      .to.have.property('reason')
      .that.matches(/HTTP 500/);
  });

  it('e-mail domains are shown to the delegate but set only by an operator (who checks the school owns them): the page has no form for them', async () => {
    await t.hub.services.upstreamIdps.setDomains('81AA', ['obs-zonnebloem.example.nl'], ACTOR);
    const page = await delegate.request(url(PAGE));
    expect(decodeHtml(page.body))
      .to.contain('<code>obs-zonnebloem.example.nl</code>')
      .and.contain('alleen door de beheerder van Leerpoort vastgelegd')
      .and.not.contain('/admin/school-login/domains');
    const posted = await delegate.request(url(`${PAGE}/domains`), { form: { _csrf: csrfOf(page.body), domains: 'hotmail.nl' } });
    expect(posted.status).to.equal(404);
    const rows = await t.hub.db.dataSource.query('SELECT domain FROM upstream_idp_domains WHERE school_id = $1', [schoolId]);
    expect(rows).to.deep.equal([{ domain: 'obs-zonnebloem.example.nl' }]);
    await t.hub.services.upstreamIdps.setDomains('81AA', [], ACTOR);
  });

  it('replaces from an uploaded file (then no refresh), and removes only after the confirmation, audited', async () => {
    const saved = await register(delegate, { source: 'file', match: 'employee_number' }, { name: 'idp.xml', content: idp.metadataXml });
    expect(saved.status, saved.body.slice(0, 600)).to.equal(303);
    expect(saved.location).to.equal(url(`${PAGE}?done=replaced`));
    const [row] = await rows();
    expect(row).to.deep.include({ metadata_url: null, match_on: 'employee_number', roles: 'staff', refresh_error: null });
    expect(row.signing_certificates).to.deep.equal([body(idp.key.certificatePem)]);
    const page = await delegate.request(url(`${PAGE}?done=replaced`));
    expect(page.body).not.to.contain('Nu vernieuwen');
    expect((await audits('upstream.update'))[0]!.actor).to.deep.include({ type: 'person', id: delegateId });
    const refresh = await delegate.request(url(`${PAGE}/refresh`), { form: { _csrf: csrfOf(page.body) } });
    expect(refresh.status).to.equal(400);
    expect(refresh.body).to.contain('registered from a file');

    const unconfirmed = await delegate.request(url(`${PAGE}/remove`), { form: { _csrf: csrfOf(page.body) } });
    expect(unconfirmed.status).to.equal(400);
    expect(decodeHtml(unconfirmed.body)).to.contain('Vink aan dat u de koppeling wilt verwijderen.');
    expect(await rows()).to.have.length(1);
    const removed = await delegate.request(url(`${PAGE}/remove`), { form: { _csrf: csrfOf(page.body), confirm: 'yes' } });
    expect(removed.status).to.equal(303);
    expect(await rows()).to.deep.equal([]);
    const [audit] = await audits('upstream.remove');
    expect(audit!.actor).to.deep.include({ type: 'person', id: delegateId });
    expect(audit!.details).to.deep.equal({ entityId: idp.entityId });
    expect((await delegate.request(url(`${PAGE}?done=removed`))).body)
      .to.contain('De koppeling is verwijderd.')
      .and.contain('id="idp-none"');
  });
});

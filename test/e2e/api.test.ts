import crypto from 'node:crypto';
import SwaggerParser from '@apidevtools/swagger-parser';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { expect } from 'chai';
import { SignJWT } from 'jose';
import { deriveApiTokenKey } from '../../src/api/tokens';
import { OPENAPI_DOCUMENT } from '../../src/api/openapi';
import { pairwisePseudonym } from '../../src/crypto/field-cipher';
import { NAMEID_FORMAT } from '../../src/saml/xml/namespaces';
import { runCli } from '../support/cli';
import { TEST_KEYRING_TEXT } from '../support/env';
import { ACTOR, nodeSamlLogin, registerSp, seedSchool, type SeededSchool } from '../support/federation';
import { startTestHub, type TestHub } from '../support/hub';

describe('participant roster API (/api/v1, OAuth2 client credentials, PostgreSQL)', function () {
  let t: TestHub;
  let api: string;
  let school: SeededSchool;
  let creds: { clientId: string; clientSecret: string };
  let token: string;
  let unlicensedPupilId: string;
  const entityId = 'https://sp.uitgeverij-r.example/sp';

  const call = async (path: string, init: { method?: string; body?: unknown; raw?: string; auth?: string | null } = {}) => {
    const headers: Record<string, string> = {};
    if (init.auth !== null) headers.authorization = init.auth ?? `Bearer ${token}`;
    if (init.body !== undefined || init.raw !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${api}${path}`, {
      method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
      headers,
      body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : null };
  };
  const tokenFor = async (form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${api}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });

  before(async function () {
    t = await startTestHub(this, 'api');
    api = `${t.baseUrl}/api/v1`;
    school = await seedSchool(t.hub, { brin: '11AA', participant: 'Uitgeverij R' });
    await seedSchool(t.hub, { brin: '22BB', participant: 'Uitgeverij R', activate: false });
    const repos = t.hub.db.repositories;
    const s11 = (await repos.schools.findByBrin('11AA'))[0]!;
    const loner = await repos.people.insert({ schoolId: s11.id, role: 'pupil', lasKey: 'L9', firstName: 'Loner', lastName: 'Zonder' });
    unlicensedPupilId = loner.id;
    const sp = new SAML({
      entryPoint: `${t.baseUrl}/saml/sso`,
      issuer: entityId,
      callbackUrl: 'http://127.0.0.1:9/r/acs',
      idpCert: t.hub.secrets.samlSigning.certificatePem,
      audience: entityId,
      wantAssertionsSigned: true,
      validateInResponseTo: ValidateInResponseTo.never,
      identifierFormat: NAMEID_FORMAT.persistent,
      disableRequestedAuthnContext: true,
    });
    await registerSp(t.hub, 'Uitgeverij R', sp.generateServiceProviderMetadata(null), {
      attributes: [
        'givenName',
        'sn',
        'tussenvoegsel',
        'groepNaam',
        'groepKey',
        'jaargroep',
        'brin',
        'eduPersonAffiliation',
        'eckId',
        'dateOfBirth',
      ],
    });
    (this as Mocha.Context & { sp?: SAML }).sp = sp;
    creds = await t.hub.services.apiClients.issue('Uitgeverij R', ACTOR);
    const res = await tokenFor({ grant_type: 'client_credentials', client_id: creds.clientId, client_secret: creds.clientSecret });
    token = (await res.json()).access_token;
  });
  after(async () => t?.stop());

  it('publishes an OpenAPI 3 document that validates', async () => {
    const res = await call('/openapi.json', { auth: null });
    expect(res.status).to.equal(200);
    expect(res.json).to.deep.equal(JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)));
    const validated = await SwaggerParser.validate(structuredClone(res.json));
    expect((validated as { openapi?: string }).openapi).to.equal('3.0.3');
  });

  it('issues short-lived tokens under the API’s own key for valid client credentials only (form or Basic), secret stored hashed', async () => {
    const ok = await tokenFor(
      { grant_type: 'client_credentials' },
      { authorization: `Basic ${Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64')}` },
    );
    expect(ok.status).to.equal(200);
    const body = await ok.json();
    expect(body).to.include({ token_type: 'Bearer', expires_in: 300 });
    expect(JSON.parse(Buffer.from(body.access_token.split('.')[0], 'base64url').toString())).to.include({ alg: 'HS256', typ: 'at+jwt' });
    expect((await tokenFor({ grant_type: 'client_credentials', client_id: creds.clientId, client_secret: 'wrong' })).status).to.equal(401);
    expect((await tokenFor({ grant_type: 'client_credentials', client_id: 'lp_unknown', client_secret: 'x' })).status).to.equal(401);
    expect((await tokenFor({ grant_type: 'password', client_id: creds.clientId, client_secret: creds.clientSecret })).status).to.equal(400);
    const stored = JSON.stringify(await t.hub.db.dataSource.query('SELECT * FROM api_clients'));
    expect(stored).not.to.contain(creds.clientSecret);
    expect(stored).to.contain('$argon2id$');
  });

  it('refuses missing, forged and expired tokens (401), and one signed with the SAML signing key', async () => {
    expect((await call('/schools', { auth: null })).status).to.equal(401);
    expect((await call('/schools', { auth: 'Bearer not.a.token' })).status).to.equal(401);
    const participant = (await t.hub.db.repositories.participants.findByName('Uitgeverij R'))!;
    const claims = () =>
      new SignJWT({ pid: participant.id })
        .setIssuer(t.hub.config.idpEntityId)
        .setAudience(`${t.baseUrl}/api/v1`)
        .setSubject(creds.clientId);
    const stranger = await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    );
    const forged = await claims().setProtectedHeader({ alg: 'RS256', typ: 'at+jwt' }).setExpirationTime('5m').sign(stranger.privateKey);
    expect((await call('/schools', { auth: `Bearer ${forged}` })).status).to.equal(401);
    // The SAML signing key signs assertions only: a token made with it is worth nothing here.
    const samlKey = crypto.createPrivateKey(t.hub.secrets.samlSigning.privateKeyPem);
    const samlKid = crypto
      .createHash('sha256')
      .update(new crypto.X509Certificate(t.hub.secrets.samlSigning.certificatePem).raw)
      .digest('base64url')
      .slice(0, 16);
    const withSamlKey = await claims()
      .setProtectedHeader({ alg: 'RS256', kid: samlKid, typ: 'at+jwt' })
      .setExpirationTime('5m')
      .sign(samlKey);
    expect((await call('/schools', { auth: `Bearer ${withSamlKey}` })).status).to.equal(401);
    const wrongHmac = await claims()
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a guessed secret of thirty-two bytes!'));
    expect((await call('/schools', { auth: `Bearer ${wrongHmac}` })).status).to.equal(401);
    const apiKey = deriveApiTokenKey(t.hub.secrets.sessionSecret);
    const valid = await claims().setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).setExpirationTime('5m').sign(apiKey);
    expect((await call('/schools', { auth: `Bearer ${valid}` })).status, 'the same claims under the API key pass').to.equal(200);
    const expired = await claims()
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuedAt(Math.floor(Date.now() / 1000) - 900)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 600)
      .sign(apiKey);
    const res = await call('/schools', { auth: `Bearer ${expired}` });
    expect(res.status).to.equal(401);
    expect(res.headers.get('www-authenticate')).to.equal('Bearer');
  });

  it('lists only schools that activated the participant; another school is a 404 with no data', async () => {
    const res = await call('/schools');
    expect(res.json.schools.map((s: { brin: string }) => s.brin)).to.deep.equal(['11AA']);
    for (const path of [
      '/schools/22BB',
      '/schools/22BB/pupils',
      '/schools/22BB/staff',
      '/schools/22BB/groups',
      '/schools/22BB/licences',
      '/schools/99XX',
      '/schools/bogus',
    ]) {
      const r = await call(path);
      expect(r.status, path).to.equal(404);
      expect(r.text).not.to.contain('Fenna').and.not.to.contain('Groep');
    }
    const ledger = await t.hub.db.dataSource.query(
      "SELECT count(*)::int AS n FROM release_ledger l JOIN schools s ON s.id = l.school_id WHERE s.brin = '22BB'",
    );
    expect(ledger[0].n).to.equal(0);
  });

  it('an SSO assertion and an API response for the same pupil carry the same pseudonym and exactly the same categories', async function () {
    const sp = (this.test!.parent as unknown as { ctx: { sp: SAML } }).ctx.sp;
    const profile = await nodeSamlLogin(sp, school.pupil);
    const [ssoRow] = await t.hub.db.dataSource.query(
      "SELECT categories FROM release_ledger WHERE channel = 'sso' ORDER BY id DESC LIMIT 1",
    );

    const res = await call('/schools/11AA/pupils');
    expect(res.status).to.equal(200);
    expect(res.json.paging).to.deep.equal({ limit: 100, offset: 0, total: 1 });
    const [pupil] = res.json.users;
    expect(pupil.sourcedId).to.equal(profile!.nameID);
    expect(pupil).to.deep.include({ role: 'student', givenName: 'Fenna', middleName: 'ter', familyName: 'Horst', grades: ['6'] });
    expect(pupil.classes).to.deep.equal([{ sourcedId: 'G6', title: 'Groep 6' }]);
    expect(pupil.userIds).to.deep.equal([{ type: 'ECK iD', identifier: 'https://ketenid.nl/201703/11aa' }]);
    expect(pupil).not.to.have.any.keys('birthDate', 'sex', 'email');
    const [apiRow] = await t.hub.db.dataSource.query(
      "SELECT categories, people_count, api_client_id FROM release_ledger WHERE channel = 'api' ORDER BY id DESC LIMIT 1",
    );
    expect([...apiRow.categories].sort()).to.deep.equal([...ssoRow.categories].sort());
    expect(apiRow.people_count).to.equal(1);
    expect(apiRow.api_client_id).to.equal(creds.clientId);
    expect(res.text).not.to.contain('Loner');
  });

  it('lists licensed staff, groups, licences and the permission feed', async () => {
    const staff = await call('/schools/11AA/staff');
    expect(staff.json.users.map((u: { givenName: string; role: string }) => [u.givenName, u.role])).to.deep.equal([['Gerrit', 'teacher']]);
    const groups = await call('/schools/11AA/groups');
    expect(groups.json.classes).to.deep.equal([{ sourcedId: 'G6', title: 'Groep 6', grades: ['6'], classType: 'homeroom' }]);
    const licences = await call('/schools/11AA/licences');
    expect(licences.json.licences).to.have.length(1);
    expect(licences.json.licences[0]).to.deep.include({
      scope: 'assigned',
      seats: null,
      seatsUsed: 2,
      assignedClasses: ['G6'],
      assignedUsers: [],
    });
    const permissions = await call('/permissions?since=2000-01-01T00:00:00Z');
    expect(permissions.json.permissions.map((p: { school: string; granted: boolean }) => [p.school, p.granted])).to.deep.equal([
      ['11AA', true],
    ]);
    expect((await call('/permissions')).status).to.equal(400);
  });

  it('pages with limits and refuses bad query parameters', async () => {
    expect((await call('/schools/11AA/staff?limit=1&offset=0')).json.paging).to.deep.equal({ limit: 1, offset: 0, total: 1 });
    expect((await call('/schools/11AA/staff?offset=5')).json.users).to.deep.equal([]);
    for (const q of ['limit=0', 'limit=501', 'offset=-1', 'limit=abc', 'changedSince=yesterday', 'shoeSize=42']) {
      const r = await call(`/schools/11AA/pupils?${q}`);
      expect(r.status, q).to.equal(400);
      expect(r.json.error).to.equal('validation');
    }
    expect(
      (await call(`/schools/11AA/pupils?changedSince=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`)).json.users,
    ).to.deep.equal([]);
  });

  it('hosted licence office: creates and updates products, grants and revokes access in bulk, all or nothing', async () => {
    const created = await call('/products', { body: { name: 'Leesmap', launchUrl: 'https://r.example/lees', isTeacherApp: false } });
    expect(created.status, created.text).to.equal(201);
    expect((await call('/products', { body: { name: 'Leesmap' } })).status).to.equal(409);
    expect((await call('/products', { body: { name: 'X', price: 3 } })).status, 'unknown field').to.equal(400);
    expect((await call('/products', { raw: '{"name": ' })).json.message).to.match(/^malformed JSON/);
    expect((await call('/products', { body: { name: 'Y', launchUrl: 'javascript:alert(1)' } })).status).to.equal(400);
    const patched = await call(`/products/${created.json.product.id}`, { method: 'PATCH', body: { method: 'Lezen' } });
    expect(patched.json.product).to.deep.include({ name: 'Leesmap', method: 'Lezen' });
    expect((await call('/products/00000000-0000-4000-8000-000000000000', { method: 'PATCH', body: { method: 'x' } })).status).to.equal(404);

    const [licence] = (await call('/schools/11AA/licences')).json.licences;
    const index = await call('/schools/11AA/pupils');
    expect(index.json.users).to.have.length(1);
    const participant = (await t.hub.db.repositories.participants.findByName('Uitgeverij R'))!;
    const lonerPseudonym = pairwisePseudonym(t.hub.secrets.keyring, participant.id, unlicensedPupilId);

    const bad = await call(`/schools/11AA/licences/${licence.sourcedId}/grants`, {
      body: { users: [{ sourcedId: lonerPseudonym }, { sourcedId: 'nobody' }] },
    });
    expect(bad.status).to.equal(400);
    expect(bad.json.message).to.contain('nobody');
    expect((await call('/schools/11AA/pupils')).json.users, 'nothing written').to.have.length(1);

    const granted = await call(`/schools/11AA/licences/${licence.sourcedId}/grants`, { body: { users: [{ sourcedId: lonerPseudonym }] } });
    expect(granted.json).to.deep.equal({ licence: licence.sourcedId, granted: 1 });
    expect((await call('/schools/11AA/pupils')).json.users.map((u: { givenName: string }) => u.givenName).sort()).to.deep.equal([
      'Fenna',
      'Loner',
    ]);
    const revoked = await call(`/schools/11AA/licences/${licence.sourcedId}/revocations`, {
      body: { users: [{ sourcedId: lonerPseudonym }] },
    });
    expect(revoked.json.revoked).to.equal(1);
    expect((await call('/schools/11AA/pupils')).json.users).to.have.length(1);
    expect((await call(`/schools/11AA/licences/${licence.sourcedId}/grants`, { body: { users: [] } })).status).to.equal(400);
    expect((await call(`/schools/22BB/licences/${licence.sourcedId}/grants`, { body: { users: [{ eckId: 'x' }] } })).status).to.equal(404);

    // seats: a one-seat licence cannot take two people, and takes neither
    const s11 = (await t.hub.db.repositories.schools.findByBrin('11AA'))[0]!;
    const small = await t.hub.db.repositories.licences.insert({
      schoolId: s11.id,
      productId: created.json.product.id,
      validFrom: new Date(Date.now() - 1000),
      validUntil: new Date(Date.now() + 86400_000),
      seats: 1,
      scope: 'assigned',
    });
    const over = await call(`/schools/11AA/licences/${small.id}/grants`, {
      body: { users: [{ sourcedId: lonerPseudonym }, { eckId: 'https://ketenid.nl/201703/11aa' }] },
    });
    expect(over.status).to.equal(409);
    expect(await t.hub.db.repositories.licences.assignments(small.id)).to.deep.equal([]);
  });

  it('rate-limits per client (429 with Retry-After), counted in the database', async () => {
    const now = Date.now();
    await t.hub.db.dataSource.query(
      'INSERT INTO api_rate_windows (client_id, window_start, hits) VALUES ($1, $2, 600) ON CONFLICT (client_id, window_start) DO UPDATE SET hits = 600',
      [creds.clientId, new Date(now - (now % 60_000))],
    );
    const res = await call('/schools');
    if (Date.now() - (Date.now() % 60_000) !== now - (now % 60_000)) return; // crossed a minute boundary: the window reset
    expect(res.status).to.equal(429);
    expect(Number(res.headers.get('retry-after'))).to.be.within(1, 60);
    expect(res.json.error).to.equal('rate_limited');
  });

  it('`participant credentials` issues a working client from the CLI', async () => {
    const env = {
      DATABASE_URL: t.hub.config.databaseUrl!,
      CERTS_DIR: t.certsDir,
      DATA_ENCRYPTION_KEY: TEST_KEYRING_TEXT,
      LOG_LEVEL: 'warn',
    };
    const r = await runCli(['participant', 'credentials', '--name', 'Uitgeverij R', '--json'], env);
    expect(r.code, r.stderr).to.equal(0);
    const c = JSON.parse(r.stdout);
    expect((await tokenFor({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret })).status).to.equal(
      200,
    );
    expect((await runCli(['participant', 'credentials', '--name', 'Niemand'], env)).code).to.equal(3);
  });
});

/**
 * Benchmark (not a test): signed SAML Responses per second for a user with a live session —
 * AuthnRequest in over HTTP, licence gate, release, signed Response out, ledger and audit written to a
 * real database — beside raw RSA-2048/SHA-256 signatures per second measured in the same run.
 *
 *   npm run bench:sso                       (PostgreSQL at BENCH_DATABASE_URL, default local; else PGlite)
 *   BENCH_REQUESTS=1000 npm run bench:sso
 *
 * Runs on one core (sequential requests), so the ratio is per core.
 */
import 'reflect-metadata';
import crypto from 'node:crypto';
import os from 'node:os';
import zlib from 'node:zlib';
import { freshBenchDatabase, startBenchHub } from './support';
import { validateAuthnRequest, decodeAuthnRequest } from '../../src/saml/authn-request';
import type { IdpContext } from '../../src/saml/idp-context';
import { issueResponse } from '../../src/saml/issue-response';
import { buildSuccessResponse } from '../../src/saml/response/build-response';
import { parseSpMetadata, registrationFromMetadata } from '../../src/saml/metadata/sp-metadata';
import { NAMEID_FORMAT } from '../../src/saml/xml/namespaces';
import { certificateBody } from '../../src/saml/xml/signature';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ACS = 'http://127.0.0.1:9/bench/acs';

function rate(n: number, ms: number) {
  return (n / ms) * 1000;
}

function pickDatabase(): Promise<string | undefined> {
  return freshBenchDatabase(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leerpoort_bench');
}

function rawSignsPerSecond(key: string, ms = 2000): number {
  const data = crypto.randomBytes(600);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    crypto.sign('RSA-SHA256', data, key);
    n++;
  }
  return rate(n, performance.now() - start);
}

function spMetadata(entityId: string, cert: string) {
  return (
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">` +
    `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="false">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBody(cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${ACS}" index="0"/>` +
    `<md:AttributeConsumingService index="0"><md:ServiceName xml:lang="nl">b</md:ServiceName><md:RequestedAttribute Name="urn:oid:2.5.4.42"/><md:RequestedAttribute Name="urn:oid:2.5.4.4"/><md:RequestedAttribute Name="urn:oid:1.3.6.1.4.1.5923.1.1.1.1"/></md:AttributeConsumingService>` +
    '</md:SPSSODescriptor></md:EntityDescriptor>'
  );
}

function requestQuery(entityId: string, sso: string): string {
  const xml =
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${crypto.randomBytes(16).toString('hex')}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${sso}" AssertionConsumerServiceURL="${ACS}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">` +
    `<saml:Issuer>${entityId}</saml:Issuer></samlp:AuthnRequest>`;
  return `SAMLRequest=${encodeURIComponent(zlib.deflateRawSync(Buffer.from(xml)).toString('base64'))}`;
}

async function main() {
  const databaseUrl = await pickDatabase();
  const { config, hub, server } = await startBenchHub(databaseUrl);
  const actor = { type: 'cli' as const, id: 'bench' };
  const s = hub.services;
  await s.schools.add({ brin: '77GG', name: 'Benchschool' }, actor);
  // The bench runs on this machine: it is the school network (pupils log in only from there).
  await s.schools.setNetworks('77GG', ['127.0.0.0/8', '::1/128'], actor);
  const school = (await hub.db.repositories.schools.findByBrin('77GG'))[0]!;
  const group = await hub.db.repositories.groups.insert({ schoolId: school.id, lasKey: 'G1', name: 'Groep 1', yearGroup: 1, kind: 'stamgroep' });
  const { person } = await s.accounts.createPersonWithAccount({ schoolId: school.id, role: 'pupil', firstName: 'Bench', lastName: 'Leerling' }, 'bench.user', 'bench-pw-1', actor);
  await hub.db.repositories.groups.addMember({ groupId: group.id, personId: person.id, roleInGroup: 'member' });
  await s.participants.add({ name: 'Bench' }, actor);
  await s.participants.addProduct('Bench', { name: 'BenchProduct' }, actor);
  await s.licences.grant({ brin: '77GG', productName: 'BenchProduct', target: { all: true } }, actor);
  await s.licences.setActivation({ brin: '77GG', participantName: 'Bench', enabled: true }, actor);

  const register = async (entityId: string, signResponse: boolean) => {
    const xml = spMetadata(entityId, hub.secrets.samlEncryption.certificatePem);
    return s.serviceProviders.register('Bench', registrationFromMetadata(xml, parseSpMetadata(xml), { signResponse }), actor);
  };
  await register('https://bench.example/both', true);
  await register('https://bench.example/assertion-only', false);

  // Log in once; keep the session cookie.
  const base = config.baseUrl;
  const loginPage = await fetch(`${base}/login`);
  const sessionCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('leerpoort.sid='))!.split(';')[0]!;
  const cookie1 = sessionCookie(loginPage);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await loginPage.text())![1]!;
  const login = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { cookie: cookie1, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, username: 'bench.user', password: 'bench-pw-1', return: '/portal' }).toString() });
  if (login.status !== 303) throw new Error(`bench login failed: HTTP ${login.status}`);
  const cookie = sessionCookie(login);

  const sso = `${base}/saml/sso`;
  const one = async (entityId: string) => {
    const res = await fetch(`${sso}?${requestQuery(entityId, sso)}`, { headers: { cookie } });
    const body = await res.text();
    if (res.status !== 200 || !body.includes('SAMLResponse')) throw new Error(`unexpected answer ${res.status}`);
  };
  /** Responses per second, and CPU milliseconds of this process (hub and client together) per response. */
  const endToEnd = async (entityId: string, concurrency = 1) => {
    for (let i = 0; i < 20; i++) await one(entityId); // warm-up
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next++ < REQUESTS) await one(entityId);
    }));
    const cpu = process.cpuUsage(cpu0);
    return { perSecond: rate(REQUESTS, performance.now() - start), cpuMs: (cpu.user + cpu.system) / 1000 / REQUESTS };
  };

  const raw = rawSignsPerSecond(hub.secrets.samlSigning.privateKeyPem);
  const both = (await endToEnd('https://bench.example/both')).perSecond;
  const assertionOnly = (await endToEnd('https://bench.example/assertion-only')).perSecond;
  const concurrent = await endToEnd('https://bench.example/assertion-only', CONCURRENCY);
  const rawAfter = rawSignsPerSecond(hub.secrets.samlSigning.privateKeyPem);
  const rawMean = (raw + rawAfter) / 2;

  // Where the time goes: the same work in process, phase by phase (assertion-only SP).
  const ctx: IdpContext = {
    idpEntityId: config.idpEntityId,
    ssoUrl: sso,
    sloUrl: `${base}/saml/slo`,
    signingKeys: hub.secrets.samlSigningKeys,
    encryptionKey: hub.secrets.samlEncryption,
    keyring: hub.secrets.keyring,
    repos: hub.db.repositories,
    logger: hub.logger,
  };
  const sp = (await hub.db.repositories.serviceProviders.findByEntityId('https://bench.example/assertion-only'))!;
  const phase = { validate: 0, issue: 0, signOnly: 0 };
  const n = Math.min(REQUESTS, 200);
  for (let i = 0; i < n; i++) {
    const q = requestQuery(sp.entityId, sso);
    let t0 = performance.now();
    await validateAuthnRequest(ctx, await decodeAuthnRequest('redirect', q));
    phase.validate += performance.now() - t0;
    t0 = performance.now();
    await issueResponse(ctx, { sp, acsUrl: ACS, inResponseTo: '_x', nameIdFormat: NAMEID_FORMAT.persistent }, { credentialId: 'x', personId: person.id, authnInstant: new Date() });
    phase.issue += performance.now() - t0;
    t0 = performance.now();
    await buildSuccessResponse(
      { idpEntityId: ctx.idpEntityId, spEntityId: sp.entityId, acsUrl: ACS, inResponseTo: '_x', nameId: { value: 'p', format: NAMEID_FORMAT.persistent }, sessionIndex: '_s', authnInstant: new Date(), attributes: [{ name: 'urn:oid:2.5.4.42', friendlyName: 'givenName', values: ['Bench'] }] },
      { signing: ctx.signingKeys.active, signResponse: false },
    );
    phase.signOnly += performance.now() - t0;
  }
  const perRequestMs = 1000 / assertionOnly;
  const ms = (x: number) => (x / n).toFixed(3);

  console.log(`Leerpoort SSO benchmark — ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, database: ${databaseUrl ? 'PostgreSQL' : 'PGlite'}, ${REQUESTS} sequential requests per case`);
  console.log(`raw RSA-2048 SHA-256 signatures/s (same run, mean of before/after): ${rawMean.toFixed(0)}`);
  console.log(`signed Responses/s, assertion signed only:       ${assertionOnly.toFixed(1)}   ratio ${(assertionOnly / rawMean).toFixed(3)} (1 RSA signature per response)`);
  console.log(`signed Responses/s, assertion + Response signed: ${both.toFixed(1)}   ratio ${(both / rawMean).toFixed(3)} (2 RSA signatures; ceiling 0.5)`);
  console.log(`signed Responses/s, assertion only, ${CONCURRENCY} in flight:    ${concurrent.perSecond.toFixed(1)}   ratio ${(concurrent.perSecond / rawMean).toFixed(3)}; node CPU per response ${concurrent.cpuMs.toFixed(2)} ms (hub + bench client; raw sign ${(1000 / rawMean).toFixed(2)} ms) → CPU-bound ratio ${(1000 / concurrent.cpuMs / rawMean).toFixed(3)}`);
  console.log('where the time goes (assertion-only, per request, in process):');
  console.log(`  decode + validate AuthnRequest (incl. replay-cache insert):  ${ms(phase.validate)} ms`);
  console.log(`  licence gate + release + build + sign + ledger/audit writes: ${ms(phase.issue)} ms`);
  console.log(`    of which building and signing the XML:                    ${ms(phase.signOnly)} ms (raw RSA sign: ${(1000 / rawMean).toFixed(3)} ms)`);
  console.log(`  HTTP, session load/save, page render (rest of ${perRequestMs.toFixed(3)} ms): ${(perRequestMs - (phase.validate + phase.issue) / n).toFixed(3)} ms`);

  await server.stop();
  await hub.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

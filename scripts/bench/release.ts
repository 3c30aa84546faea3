/**
 * Benchmark (not a test): (1) release-chain evaluations per second; (2) the roster API's pupils
 * endpoint for a generated 1,000-pupil school — time and bytes — beside the raw JSON serialisation of
 * the same rows measured in the same run.
 *
 *   npm run bench:release      (PostgreSQL at BENCH_DATABASE_URL, default local; else PGlite)
 */
import 'reflect-metadata';
import os from 'node:os';
import { freshBenchDatabase, startBenchHub } from './support';
import type { Group, Participant, Person, School } from '../../src/domain/model';
import { CATEGORIES, type Category } from '../../src/release/categories';
import { release } from '../../src/release/pipeline';
import { parseSpMetadata, registrationFromMetadata } from '../../src/saml/metadata/sp-metadata';

const PUPILS = Number(process.env.BENCH_PUPILS ?? 1000);

function pickDatabase(): Promise<string | undefined> {
  return freshBenchDatabase(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leerpoort_bench_release');
}

function chainRate(): number {
  const school: School = {
    id: 's',
    brin: '12AB',
    dependanceCode: '00',
    name: 'S',
    assuNumber: null,
    visitingAddress: null,
    status: 'active',
    agreementState: 'accepted',
    homeAccessEnabled: false,
    teacher2faRequired: false,
    suspendedAt: null,
    createdAt: new Date(),
  };
  const group: Group = { id: 'g', schoolId: 's', lasKey: 'G5', name: 'Groep 5', yearGroup: 5, kind: 'stamgroep' };
  const participant: Participant = {
    id: 'p',
    name: 'P',
    needsBirthDate: true,
    needsGender: false,
    needsEmail: false,
    annex: null,
    createdAt: new Date(),
  };
  const person: Person = {
    id: 'x',
    schoolId: 's',
    role: 'pupil',
    lasKey: 'K',
    eckId: 'E',
    firstName: 'A',
    infix: null,
    lastName: 'B',
    birthDate: '2016-01-01',
    gender: 'V',
    staffEmail: null,
    status: 'active',
  };
  const requested = new Set<Category>(CATEGORIES);
  const n = 200_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    release({
      person,
      school,
      groups: [group],
      participant,
      requested,
      access: { allowed: true, acceptedCategories: null, productIds: ['p'] },
    });
  return (n / (performance.now() - t0)) * 1000;
}

async function main() {
  const databaseUrl = await pickDatabase();
  const { config, hub, server } = await startBenchHub(databaseUrl);
  const actor = { type: 'cli' as const, id: 'bench' };
  const s = hub.services;
  const repos = hub.db.repositories;
  const school = await s.schools.add({ brin: '88HH', name: 'Grote school' }, actor);
  const groups: Group[] = [];
  for (let g = 0; g < 40; g++)
    groups.push(
      await repos.groups.insert({
        schoolId: school.id,
        lasKey: `G${g}`,
        name: `Groep ${(g % 8) + 1}${String.fromCharCode(65 + Math.floor(g / 8))}`,
        yearGroup: (g % 8) + 1,
        kind: 'stamgroep',
      }),
    );
  const seedStart = performance.now();
  await hub.db.unitOfWork.run(async (tx) => {
    for (let i = 0; i < PUPILS; i++) {
      const p = await tx.people.insert({
        schoolId: school.id,
        role: 'pupil',
        lasKey: `L${i}`,
        eckId: `https://ketenid.nl/201703/bench${i}`,
        firstName: `Voornaam${i}`,
        infix: i % 3 ? null : 'van',
        lastName: `Achternaam${i}`,
        birthDate: '2016-05-05',
        gender: i % 2 ? 'M' : 'V',
      });
      await tx.groups.addMember({ groupId: groups[i % groups.length]!.id, personId: p.id, roleInGroup: 'member' });
    }
  });
  const seedMs = performance.now() - seedStart;
  await s.participants.add({ name: 'Bench' }, actor);
  await s.participants.addProduct('Bench', { name: 'Alles' }, actor);
  await s.licences.grant({ brin: '88HH', productName: 'Alles', target: { all: true } }, actor);
  await s.licences.setActivation({ brin: '88HH', participantName: 'Bench', enabled: true }, actor);
  const xml =
    '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://bench.example/sp"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">' +
    '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://bench.example/acs" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>';
  await s.serviceProviders.register(
    'Bench',
    registrationFromMetadata(xml, parseSpMetadata(xml, { httpOnLoopback: true }), {
      attributeAllowList: [
        'givenName',
        'sn',
        'tussenvoegsel',
        'groepNaam',
        'groepKey',
        'jaargroep',
        'brin',
        'eckId',
        'eduPersonAffiliation',
      ],
    }),
    actor,
  );
  const creds = await s.apiClients.issue('Bench', actor);
  const api = `${config.baseUrl}/api/v1`;
  const token = (
    await (
      await fetch(`${api}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: creds.clientId,
          client_secret: creds.clientSecret,
        }).toString(),
      })
    ).json()
  ).access_token;

  const fetchAll = async () => {
    let bytes = 0;
    let users = 0;
    for (let offset = 0; offset < PUPILS; offset += 500) {
      const res = await fetch(`${api}/schools/88HH/pupils?limit=500&offset=${offset}`, { headers: { authorization: `Bearer ${token}` } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
      bytes += Buffer.byteLength(text);
      users += JSON.parse(text).users.length;
    }
    return { bytes, users };
  };
  await fetchAll(); // warm-up
  const runs = 5;
  let t0 = performance.now();
  let last = { bytes: 0, users: 0 };
  for (let i = 0; i < runs; i++) last = await fetchAll();
  const apiMs = (performance.now() - t0) / runs;

  // Reference: the same people as rows (decrypted, as the hub loads them), serialised raw.
  const rows = await repos.people.listBySchool(school.id);
  t0 = performance.now();
  let rawBytes = 0;
  for (let i = 0; i < runs; i++) rawBytes = Buffer.byteLength(JSON.stringify(rows));
  const rawMs = (performance.now() - t0) / runs;
  t0 = performance.now();
  for (let i = 0; i < runs; i++) await repos.people.listBySchool(school.id);
  const loadMs = (performance.now() - t0) / runs;

  console.log(
    `Leerpoort release benchmark — ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, database: ${databaseUrl ? 'PostgreSQL' : 'PGlite'}`,
  );
  console.log(`release chain (7 filters + final check), one pupil: ${chainRate().toFixed(0)} evaluations/s`);
  console.log(`generated school: ${PUPILS} pupils in 40 groups (seeded in ${(seedMs / 1000).toFixed(1)} s, one transaction)`);
  console.log(
    `GET /schools/88HH/pupils, all ${last.users} pupils in pages of 500: ${apiMs.toFixed(1)} ms, ${(last.bytes / 1024).toFixed(0)} KiB`,
  );
  console.log(
    `reference — load + decrypt the same rows: ${loadMs.toFixed(1)} ms; raw JSON.stringify of them: ${rawMs.toFixed(2)} ms, ${(rawBytes / 1024).toFixed(0)} KiB`,
  );
  console.log(
    `ratio API time / raw serialisation: ${(apiMs / rawMs).toFixed(0)}×; API time / (load + serialise): ${(apiMs / (loadMs + rawMs)).toFixed(1)}×`,
  );
  await server.stop();
  await hub.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

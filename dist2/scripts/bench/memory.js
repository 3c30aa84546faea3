"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * Benchmark (not a test): resident memory of each `serve` worker with 10,000 live sessions, and over
 * 1,000,000 SSO responses — sampled along the way, so growth shows as a trend, not a single figure.
 * Sessions come from real password logins; the SSO requests are HTTP-POST AuthnRequests (fresh IDs)
 * from 8 concurrent clients, round-robin over the sessions, each answered with a signed Response.
 *
 *   npm run bench:memory                                   (PostgreSQL at BENCH_DATABASE_URL)
 *   BENCH_SESSIONS=2000 BENCH_SSO_TOTAL=100000 npm run bench:memory
 */
require("reflect-metadata");
const node_crypto_1 = __importDefault(require("node:crypto"));
const node_http_1 = __importDefault(require("node:http"));
const node_os_1 = __importDefault(require("node:os"));
const password_hasher_1 = require("../../src/crypto/password-hasher");
const config_1 = require("../../src/config");
const logger_1 = require("../../src/logger");
const main_1 = require("../../src/main");
const secrets_1 = require("../../src/crypto/secrets");
const sp_metadata_1 = require("../../src/saml/metadata/sp-metadata");
const signature_1 = require("../../src/saml/xml/signature");
const serve_process_1 = require("./serve-process");
const support_1 = require("./support");
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 10_000);
const TOTAL = Number(process.env.BENCH_SSO_TOTAL ?? 1_000_000);
const CONCURRENCY = 8;
const SP_ENTITY = 'https://memory.bench.example/sp';
const ACS = 'http://127.0.0.1:9/memory/acs';
const PASSWORD = 'Geheugen-Bench-2026';
function spMetadata(cert) {
    return (`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${SP_ENTITY}">` +
        `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="false" WantAssertionsSigned="true">` +
        `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${(0, signature_1.certificateBody)(cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
        `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${ACS}" index="0"/>` +
        `<md:AttributeConsumingService index="0"><md:ServiceName xml:lang="nl">m</md:ServiceName><md:RequestedAttribute Name="urn:oid:2.5.4.42"/><md:RequestedAttribute Name="urn:mace:leerpoort.nl:attribute-def:groepNaam"/></md:AttributeConsumingService>` +
        '</md:SPSSODescriptor></md:EntityDescriptor>');
}
function authnRequestBody(sso) {
    const xml = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${node_crypto_1.default.randomBytes(16).toString('hex')}" Version="2.0" ` +
        `IssueInstant="${new Date().toISOString()}" Destination="${sso}" AssertionConsumerServiceURL="${ACS}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>${SP_ENTITY}</saml:Issuer></samlp:AuthnRequest>`;
    return `SAMLRequest=${encodeURIComponent(Buffer.from(xml).toString('base64'))}`;
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
async function main() {
    const databaseUrl = await (0, support_1.freshBenchDatabase)(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leerpoort_bench_memory');
    if (!databaseUrl)
        throw new Error('bench:memory needs PostgreSQL (BENCH_DATABASE_URL)');
    const env = (0, serve_process_1.serveEnv)(databaseUrl);
    // Seed: one school, SESSIONS pupils with accounts (one argon2id hash shared: seeding is not what is measured), a licence, an SP.
    const config = (0, config_1.loadConfig)(env);
    const hub = await (0, main_1.openHub)(config, (0, logger_1.createLogger)(config, 2));
    await hub.db.migrate();
    const actor = { type: 'cli', id: 'bench' };
    const s = hub.services;
    const school = await s.schools.add({ brin: '55EE', name: 'Geheugenschool' }, actor);
    await s.schools.setNetworks('55EE', ['127.0.0.0/8', '::1/128'], actor);
    const hash = await new password_hasher_1.Argon2idPasswordHasher().hash(PASSWORD);
    await hub.db.unitOfWork.run(async (repos) => {
        const [group] = await repos.groups.insertMany([
            { schoolId: school.id, lasKey: 'G1', name: 'Groep 5', yearGroup: 5, kind: 'stamgroep' },
        ]);
        const ids = await repos.people.insertMany(Array.from({ length: SESSIONS }, (_, i) => ({
            schoolId: school.id,
            role: 'pupil',
            lasKey: `M${i}`,
            firstName: `Leerling${i}`,
            lastName: 'Geheugen',
        })));
        await repos.groups.addMemberships(ids.map((personId) => ({ groupId: group.id, personId, roleInGroup: 'member' })));
        for (let i = 0; i < ids.length; i++)
            await repos.credentials.insert({ personId: ids[i], username: `geheugen${i}`, passwordHash: hash });
    });
    await s.participants.add({ name: 'Geheugen' }, actor);
    await s.participants.addProduct('Geheugen', { name: 'GeheugenProduct' }, actor);
    await s.licences.grant({ brin: '55EE', productName: 'GeheugenProduct', target: { groupKey: 'G1' } }, actor);
    await s.licences.setActivation({ brin: '55EE', participantName: 'Geheugen', enabled: true }, actor);
    const spKeys = await (0, secrets_1.generateKeyPair)('memory bench SP');
    const xml = spMetadata(spKeys.certificatePem);
    await s.serviceProviders.register('Geheugen', (0, sp_metadata_1.registrationFromMetadata)(xml, (0, sp_metadata_1.parseSpMetadata)(xml, { httpOnLoopback: true }), { signResponse: true }), actor);
    await hub.close();
    const workers = node_os_1.default.availableParallelism();
    const server = await (0, serve_process_1.startServeProcess)(env, workers);
    const base = env.BASE_URL;
    const rows = [];
    const sample = async (label) => {
        const rss = await (0, serve_process_1.workerRssMiB)(server.pid);
        rows.push({ label, rss });
        process.stderr.write(`  ${label}: ${rss.map((r) => `${r.toFixed(0)} MiB`).join(', ')}\n`);
    };
    try {
        await sample('started, no sessions');
        const cookies = [];
        let nextLogin = 0;
        await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
            while (nextLogin < SESSIONS) {
                const i = nextLogin++;
                cookies[i] = await (0, serve_process_1.loginCookie)(base, `geheugen${i}`, PASSWORD);
            }
        }));
        await sample(`${SESSIONS} live sessions`);
        const agent = new node_http_1.default.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
        const sso = `${base}/saml/sso`;
        const one = (i) => new Promise((resolve, reject) => {
            const body = authnRequestBody(sso);
            const req = node_http_1.default.request(sso, {
                method: 'POST',
                agent,
                headers: {
                    cookie: cookies[i % cookies.length],
                    'content-type': 'application/x-www-form-urlencoded',
                    'content-length': Buffer.byteLength(body),
                },
            }, (res) => {
                let text = '';
                res.setEncoding('utf8');
                res.on('data', (d) => (text += d));
                res.on('end', () => res.statusCode === 200 && text.includes('SAMLResponse')
                    ? resolve()
                    : reject(new Error(`SSO answered HTTP ${res.statusCode}: ${text.slice(0, 200)}`)));
            });
            req.on('error', reject);
            req.end(body);
        });
        let sent = 0;
        let done = 0;
        const start = performance.now();
        const checkpoints = new Set(Array.from({ length: 10 }, (_, k) => Math.round((TOTAL * (k + 1)) / 10)));
        await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
            while (sent < TOTAL) {
                await one(sent++);
                done++;
                if (checkpoints.has(done))
                    await sample(`${done.toLocaleString('en')} SSO responses (${(done / ((performance.now() - start) / 1000)).toFixed(0)}/s)`);
            }
        }));
        agent.destroy();
    }
    finally {
        await (0, serve_process_1.stopServeProcess)(server);
    }
    console.log(`Leerpoort memory benchmark — ${node_os_1.default.cpus()[0]?.model ?? 'cpu'} × ${node_os_1.default.availableParallelism()}, node ${process.version}, PostgreSQL, serve with ${workers} workers`);
    console.log('moment                                          RSS per worker (MiB)           mean');
    for (const r of rows)
        console.log(`${r.label.padEnd(48)}${r.rss.map((x) => x.toFixed(0).padStart(6)).join('')}${''.padEnd(Math.max(0, 31 - 6 * r.rss.length))}${mean(r.rss).toFixed(0).padStart(6)}`);
    const after = rows.slice(-8).map((r) => mean(r.rss));
    console.log(`growth over the last 80 % of the responses: ${(after[after.length - 1] - after[0]).toFixed(0)} MiB (mean per worker)`);
}
main().then(() => process.exit(0), (e) => {
    console.error(e);
    process.exit(1);
});
//# sourceMappingURL=memory.js.map
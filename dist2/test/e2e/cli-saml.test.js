"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_saml_1 = require("@node-saml/node-saml");
const chai_1 = require("chai");
const config_1 = require("../../src/config");
const secrets_1 = require("../../src/crypto/secrets");
const idp_metadata_1 = require("../../src/saml/metadata/idp-metadata");
const cli_1 = require("../support/cli");
const env_1 = require("../support/env");
const federation_1 = require("../support/federation");
const postgres_1 = require("../support/postgres");
const tmp = (p) => node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), p));
describe('CLI: sp add / list / remove and keys rotate (built bin, PostgreSQL)', function () {
    const url = (0, postgres_1.siblingDatabaseUrl)('_cli_saml');
    let env;
    let dir;
    let keys;
    const spMetadata = (entityId, extra = {}) => new node_saml_1.SAML({
        issuer: entityId,
        callbackUrl: 'https://sp.example.nl/acs',
        idpCert: keys.signing.certificatePem,
        privateKey: keys.signing.privateKeyPem,
        publicCert: keys.signing.certificatePem,
        signatureAlgorithm: 'sha256',
        digestAlgorithm: 'sha256',
        ...extra,
    }).generateServiceProviderMetadata(null, keys.signing.certificatePem);
    const write = (name, content) => {
        const f = node_path_1.default.join(dir, name);
        node_fs_1.default.writeFileSync(f, content);
        return f;
    };
    before(async function () {
        const problem = await (0, postgres_1.postgresProblem)();
        if (problem) {
            if (env_1.testEnv.isCI)
                throw new Error(`CI=true requires PostgreSQL: ${problem}`);
            postgres_1.skippedSuites.add(`CLI sp/keys: ${problem}`);
            this.skip();
        }
        await (0, postgres_1.resetPostgresDatabase)(url);
        keys = await (0, federation_1.testSpKeys)();
        dir = tmp('lp-cli-saml-');
        env = { DATABASE_URL: url, CERTS_DIR: tmp('lp-certs-'), DATA_ENCRYPTION_KEY: env_1.TEST_KEYRING_TEXT, LOG_LEVEL: 'warn' };
        (0, chai_1.expect)((await (0, cli_1.runCli)(['migrate'], env)).code).to.equal(0);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['participant', 'add', '--name', 'Uitgeverij C'], env)).code).to.equal(0);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['product', 'add', '--participant', 'Uitgeverij C', '--name', 'Lezen'], env)).code).to.equal(0);
    });
    it('sp add registers from a file, audits, and re-adding updates', async () => {
        const file = write('sp1.xml', spMetadata('https://sp1.example.nl/sp'));
        const r = await (0, cli_1.runCli)(['sp', 'add', '--participant', 'Uitgeverij C', '--metadata', file, '--attributes', 'givenName,sn', '--product', 'Lezen', '--json'], env);
        (0, chai_1.expect)(r.code, r.stderr).to.equal(0);
        const out = JSON.parse(r.stdout);
        (0, chai_1.expect)(out).to.deep.include({ created: true, entityId: 'https://sp1.example.nl/sp', authnRequestsSigned: true });
        (0, chai_1.expect)(out.acs).to.deep.equal([
            { binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', location: 'https://sp.example.nl/acs', index: 1, isDefault: true },
        ]);
        const again = await (0, cli_1.runCli)(['sp', 'add', '--participant', 'Uitgeverij C', '--metadata', file, '--allow-unsolicited', '--json'], env);
        (0, chai_1.expect)(JSON.parse(again.stdout)).to.deep.include({ created: false, allowUnsolicited: true });
        const list = await (0, cli_1.runCli)(['sp', 'list', '--json'], env);
        (0, chai_1.expect)(JSON.parse(list.stdout).map((s) => s.entityId)).to.deep.equal(['https://sp1.example.nl/sp']);
        const audit = await (0, cli_1.runCli)(['sp', 'list'], env);
        (0, chai_1.expect)(audit.stdout).to.contain('https://sp.example.nl/acs');
    });
    it('verifies a metadata signature against --trust-cert and refuses a forged one', async () => {
        const signed = write('signed.xml', spMetadata('https://sp2.example.nl/sp', { signMetadata: true }));
        const trust = write('trust.pem', keys.signing.certificatePem);
        const ok = await (0, cli_1.runCli)(['sp', 'add', '--participant', 'Uitgeverij C', '--metadata', signed, '--trust-cert', trust, '--json'], env);
        (0, chai_1.expect)(ok.code, ok.stderr).to.equal(0);
        (0, chai_1.expect)(JSON.parse(ok.stdout).signatureVerified).to.equal(true);
        const forged = write('forged.xml', node_fs_1.default.readFileSync(signed, 'utf8').replace('https://sp.example.nl/acs', 'https://evil.example/acs'));
        const bad = await (0, cli_1.runCli)(['sp', 'add', '--participant', 'Uitgeverij C', '--metadata', forged, '--trust-cert', trust], env);
        (0, chai_1.expect)(bad.code).to.equal(2);
        (0, chai_1.expect)(bad.stderr).to.contain('signature does not verify');
        const unsigned = await (0, cli_1.runCli)([
            'sp',
            'add',
            '--participant',
            'Uitgeverij C',
            '--metadata',
            write('u.xml', spMetadata('https://sp3.example.nl/sp')),
            '--trust-cert',
            trust,
        ], env);
        (0, chai_1.expect)(unsigned.code).to.equal(2);
        (0, chai_1.expect)(unsigned.stderr).to.contain('not signed');
    });
    it('refuses expired, malformed and unsafe metadata with a clear reason and writes nothing', async () => {
        const cases = [
            [
                'expired',
                spMetadata('https://x1.example.nl/sp').replace('<EntityDescriptor ', '<EntityDescriptor validUntil="2020-01-01T00:00:00Z" '),
                /expired at 2020-01-01/,
            ],
            ['not xml', 'hello', /not well-formed/],
            ['doctype', `<!DOCTYPE x>${spMetadata('https://x2.example.nl/sp')}`, /DOCTYPE/],
            [
                'http acs',
                spMetadata('https://x3.example.nl/sp').replace('https://sp.example.nl/acs', 'http://sp.example.nl/acs'),
                /must use https/,
            ],
            [
                'no sp',
                '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://x4.example.nl"/>',
                /exactly one SPSSODescriptor/,
            ],
        ];
        for (const [name, xml, reason] of cases) {
            const r = await (0, cli_1.runCli)(['sp', 'add', '--participant', 'Uitgeverij C', '--metadata', write(`${name.replace(/ /g, '-')}.xml`, xml)], env);
            (0, chai_1.expect)(r.code, name).to.equal(2);
            (0, chai_1.expect)(r.stderr, name).to.match(reason);
        }
        (0, chai_1.expect)((await (0, cli_1.runCli)(['sp', 'add', '--participant', 'Niemand', '--metadata', write('ok.xml', spMetadata('https://x5.example.nl/sp'))], env))
            .code).to.equal(3);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['sp', 'add', '--participant', 'Uitgeverij C', '--metadata', node_path_1.default.join(dir, 'missing.xml')], env)).code).to.equal(2);
        (0, chai_1.expect)((await (0, cli_1.runCli)([
            'sp',
            'add',
            '--participant',
            'Uitgeverij C',
            '--metadata',
            write('ok2.xml', spMetadata('https://x6.example.nl/sp')),
            '--attributes',
            'shoeSize',
        ], env)).stderr).to.contain('unknown attribute name');
        const list = JSON.parse((await (0, cli_1.runCli)(['sp', 'list', '--json'], env)).stdout);
        (0, chai_1.expect)(list).to.have.length(2);
    });
    it('sp add fetches metadata from a URL (http only on loopback) and reports an unreachable one', async () => {
        const http = await import('node:http');
        const body = spMetadata('https://sp-url.example.nl/sp');
        let hugeBytesSent = 0;
        let hugeClosed = () => undefined;
        const hugeDone = new Promise((r) => (hugeClosed = r));
        const server = http.createServer((req, res) => {
            if (req.url === '/metadata.xml')
                res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(body);
            else if (req.url === '/huge.xml') {
                // 50 MiB without a Content-Length: the reader must stop at its cap, not read it all and then refuse.
                res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' });
                const chunk = Buffer.alloc(64 * 1024, ' ');
                const pump = () => {
                    while (hugeBytesSent < 50 * 1024 * 1024 && !res.destroyed) {
                        hugeBytesSent += chunk.length;
                        if (!res.write(chunk))
                            return void res.once('drain', pump);
                    }
                    res.end();
                };
                res.on('close', () => hugeClosed());
                pump();
            }
            else
                res.writeHead(404).end();
        });
        await new Promise((r) => server.listen(0, '127.0.0.1', r));
        const port = server.address().port;
        try {
            const ok = await (0, cli_1.runCli)(['sp', 'add', '--participant', 'Uitgeverij C', '--metadata', `http://127.0.0.1:${port}/metadata.xml`, '--json'], env);
            (0, chai_1.expect)(ok.code, ok.stderr).to.equal(0);
            (0, chai_1.expect)(JSON.parse(ok.stdout).entityId).to.equal('https://sp-url.example.nl/sp');
            const missing = await (0, cli_1.runCli)(['sp', 'add', '--participant', 'Uitgeverij C', '--metadata', `http://127.0.0.1:${port}/nope.xml`], env);
            (0, chai_1.expect)(missing.code).to.equal(2);
            (0, chai_1.expect)(missing.stderr).to.contain('HTTP 404');
            const huge = await (0, cli_1.runCli)(['sp', 'add', '--participant', 'Uitgeverij C', '--metadata', `http://127.0.0.1:${port}/huge.xml`], env);
            (0, chai_1.expect)(huge.code).to.equal(2);
            (0, chai_1.expect)(huge.stderr).to.contain('larger than 512 KiB');
            await hugeDone;
            (0, chai_1.expect)(hugeBytesSent, 'the connection was closed near the cap').to.be.below(8 * 1024 * 1024);
            const plain = await (0, cli_1.runCli)(['sp', 'add', '--participant', 'Uitgeverij C', '--metadata', 'http://metadata.example.nl/sp.xml'], env);
            (0, chai_1.expect)(plain.code).to.equal(2);
            (0, chai_1.expect)(plain.stderr).to.contain('must use https');
        }
        finally {
            server.close();
        }
        (0, chai_1.expect)((await (0, cli_1.runCli)(['sp', 'remove', '--entity-id', 'https://sp-url.example.nl/sp'], env)).code).to.equal(0);
    });
    it('sp remove removes and audits; an unknown SP is exit 3', async () => {
        (0, chai_1.expect)((await (0, cli_1.runCli)(['sp', 'remove', '--entity-id', 'https://sp2.example.nl/sp'], env)).code).to.equal(0);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['sp', 'remove', '--entity-id', 'https://sp2.example.nl/sp'], env)).code).to.equal(3);
        const { Client } = await import('pg');
        const c = new Client({ connectionString: url });
        await c.connect();
        const actions = (await c.query("SELECT action FROM audit_events WHERE action LIKE 'sp.%' ORDER BY id")).rows.map((r) => r.action);
        await c.end();
        (0, chai_1.expect)(actions).to.deep.equal(['sp.add', 'sp.update', 'sp.add', 'sp.add', 'sp.remove', 'sp.remove']);
    });
    it('keys rotate stages, activates and retires signing keys; the metadata lists what is published', async () => {
        const config = (0, config_1.loadConfig)({ CERTS_DIR: env.CERTS_DIR, DATA_ENCRYPTION_KEY: env_1.TEST_KEYRING_TEXT, BASE_URL: 'https://hub.example.nl' });
        const signingCerts = async () => {
            const s = await (0, secrets_1.loadSecrets)(config);
            const xml = (0, idp_metadata_1.buildIdpMetadata)({ entityId: config.idpEntityId, ssoUrl: 'https://hub.example.nl/saml/sso', sloUrl: 'https://hub.example.nl/saml/slo' }, s.samlSigningKeys, s.samlEncryption);
            return { count: xml.match(/use="signing"/g).length, active: s.samlSigningKeys.active.certificatePem };
        };
        const before = await signingCerts();
        (0, chai_1.expect)(before.count).to.equal(1);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['keys', 'rotate', '--activate'], env)).code, 'nothing staged').to.equal(3);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['keys', 'rotate'], env)).code).to.equal(0);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['keys', 'rotate'], env)).code, 'staged twice').to.equal(4);
        const staged = await signingCerts();
        (0, chai_1.expect)(staged.count).to.equal(2);
        (0, chai_1.expect)(staged.active).to.equal(before.active);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['keys', 'rotate', '--activate'], env)).code).to.equal(0);
        const activated = await signingCerts();
        (0, chai_1.expect)(activated.count).to.equal(2);
        (0, chai_1.expect)(activated.active).not.to.equal(before.active);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['keys', 'rotate', '--retire'], env)).code).to.equal(0);
        (0, chai_1.expect)((await signingCerts()).count).to.equal(1);
        (0, chai_1.expect)((await (0, cli_1.runCli)(['keys', 'rotate', '--retire'], env)).code).to.equal(3);
    });
});
//# sourceMappingURL=cli-saml.test.js.map
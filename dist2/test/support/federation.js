"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.RESPONSE_SIGNATURE = exports.ASSERTION_SIGNATURE = exports.hasXmlsec1 = exports.ACTOR = void 0;
exports.seedSchool = seedSchool;
exports.registerSp = registerSp;
exports.testSpKeys = testSpKeys;
exports.requireTool = requireTool;
exports.xmlsec1Verify = xmlsec1Verify;
const node_child_process_1 = require("node:child_process");
const node_fs_1 = __importDefault(require("node:fs"));
const node_os_1 = __importDefault(require("node:os"));
const node_path_1 = __importDefault(require("node:path"));
const node_util_1 = require("node:util");
const secrets_1 = require("../../src/crypto/secrets");
const sp_metadata_1 = require("../../src/saml/metadata/sp-metadata");
const env_1 = require("./env");
const postgres_1 = require("./postgres");
const run = (0, node_util_1.promisify)(node_child_process_1.execFile);
exports.ACTOR = { type: 'cli', id: 'test' };
/** A school with a group, a pupil and a teacher; a participant with a product licensed to the group and activated. */
async function seedSchool(hub, opts) {
    const s = hub.services;
    const school = await s.schools.add({ brin: opts.brin, name: `School ${opts.brin}` }, exports.ACTOR);
    const group = await hub.db.repositories.groups.insert({
        schoolId: school.id,
        lasKey: 'G6',
        name: 'Groep 6',
        yearGroup: 6,
        kind: 'stamgroep',
    });
    // The test machine is the school network (pupils log in only from it while home access is off).
    await s.schools.setNetworks(opts.brin, ['127.0.0.0/8', '::1/128'], exports.ACTOR);
    const suffix = opts.brin.toLowerCase();
    const pupil = await s.accounts.createPersonWithAccount({
        schoolId: school.id,
        role: 'pupil',
        lasKey: 'L1',
        eckId: `https://ketenid.nl/201703/${suffix}`,
        firstName: opts.pupilFirstName ?? 'Fenna',
        infix: 'ter',
        lastName: 'Horst',
        birthDate: '2015-04-01',
        gender: 'V',
    }, `fenna.${suffix}`, 'vis-boom-3', exports.ACTOR);
    const teacher = await s.accounts.createPersonWithAccount({
        schoolId: school.id,
        role: 'teacher',
        lasKey: 'T1',
        firstName: 'Gerrit',
        lastName: 'Zwaan',
        staffEmail: `g.zwaan@${suffix}.example.nl`,
    }, `gerrit.${suffix}`, 'Appelboom-Kaas-27', exports.ACTOR);
    await hub.db.repositories.groups.addMember({ groupId: group.id, personId: pupil.person.id, roleInGroup: 'member' });
    await hub.db.repositories.groups.addMember({ groupId: group.id, personId: teacher.person.id, roleInGroup: 'teacher' });
    if (!(await hub.db.repositories.participants.findByName(opts.participant))) {
        await s.participants.add({ name: opts.participant }, exports.ACTOR);
        await s.participants.addProduct(opts.participant, { name: `${opts.participant} Rekenen`, launchUrl: 'https://example.invalid/start' }, exports.ACTOR);
    }
    if (opts.licence !== false)
        await s.licences.grant({ brin: opts.brin, productName: `${opts.participant} Rekenen`, participantName: opts.participant, target: { groupKey: 'G6' } }, exports.ACTOR);
    if (opts.activate !== false)
        await s.licences.setActivation({ brin: opts.brin, participantName: opts.participant, enabled: true }, exports.ACTOR);
    return {
        brin: opts.brin,
        pupil: { username: `fenna.${suffix}`, password: 'vis-boom-3', personId: pupil.person.id },
        teacher: { username: `gerrit.${suffix}`, password: 'Appelboom-Kaas-27', personId: teacher.person.id },
    };
}
/** Registers an SP from its metadata, as `leerpoort sp add` does. */
async function registerSp(hub, participant, metadataXml, opts = {}) {
    const settings = {
        attributeAllowList: opts.attributes ?? null,
        signResponse: opts.signResponse ?? true,
        encryptAssertion: !!opts.encrypt,
        allowUnsolicited: !!opts.allowUnsolicited,
    };
    return hub.services.serviceProviders.register(participant, (0, sp_metadata_1.registrationFromMetadata)(metadataXml, (0, sp_metadata_1.parseSpMetadata)(metadataXml, { httpOnLoopback: true }), settings), exports.ACTOR, opts.products ?? []);
}
let spKeys = null;
function testSpKeys() {
    spKeys ??= (async () => ({
        signing: await (0, secrets_1.generateKeyPair)('test SP signing'),
        encryption: await (0, secrets_1.generateKeyPair)('test SP encryption'),
    }))();
    return spKeys;
}
const hasXmlsec1 = () => node_fs_1.default.existsSync('/usr/bin/xmlsec1');
exports.hasXmlsec1 = hasXmlsec1;
function requireTool(ctx, present, what) {
    if (present)
        return;
    if (env_1.testEnv.isCI)
        throw new Error(`CI=true requires ${what}`);
    postgres_1.skippedSuites.add(`${ctx.test?.parent?.title ?? what}: ${what} not installed`);
    ctx.skip();
}
/**
 * Verifies one signature in a document with xmlsec1 (an implementation we did not write), trusting
 * only the given certificate. `signatureXPath` selects which signature.
 */
async function xmlsec1Verify(xml, certificatePem, idAttr, signatureXPath) {
    const dir = node_fs_1.default.mkdtempSync(node_path_1.default.join(node_os_1.default.tmpdir(), 'lp-xmlsec-'));
    const doc = node_path_1.default.join(dir, 'doc.xml');
    const cert = node_path_1.default.join(dir, 'cert.pem');
    node_fs_1.default.writeFileSync(doc, xml);
    node_fs_1.default.writeFileSync(cert, certificatePem);
    try {
        const { stdout, stderr } = await run('xmlsec1', [
            '--verify',
            '--pubkey-cert-pem',
            cert,
            '--id-attr:ID',
            idAttr,
            '--node-xpath',
            signatureXPath,
            doc,
        ]);
        return { ok: true, output: stdout + stderr };
    }
    catch (e) {
        const err = e;
        return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
    }
    finally {
        node_fs_1.default.rmSync(dir, { recursive: true, force: true });
    }
}
exports.ASSERTION_SIGNATURE = "//*[local-name()='Assertion']/*[local-name()='Signature']";
exports.RESPONSE_SIGNATURE = "/*[local-name()='Response']/*[local-name()='Signature']";
//# sourceMappingURL=federation.js.map
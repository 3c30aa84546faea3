"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.rotateSigningKey = rotateSigningKey;
exports.rotateSigningKeyAudited = rotateSigningKeyAudited;
exports.signingKeyStatus = signingKeyStatus;
const node_crypto_1 = require("node:crypto");
const node_fs_1 = __importDefault(require("node:fs"));
const node_path_1 = __importDefault(require("node:path"));
const errors_1 = require("../domain/errors");
const secrets_1 = require("./secrets");
/**
 * SAML signing-key rollover in three steps, each a separate operator decision:
 *   stage     a new key is generated as `next`; the metadata publishes both certificates, SPs refresh.
 *   activate  `next` becomes the signing key; the old one stays published as `previous`.
 *   retire    `previous` is removed from the metadata and the disk.
 * Hub processes read keys at start: restart (or roll) them after each step.
 */
const file = (dir, name) => node_path_1.default.join(dir, name);
const exists = (dir, name) => node_fs_1.default.existsSync(file(dir, name));
async function rotateSigningKey(certsDir, step) {
    const f = secrets_1.SECRET_FILES;
    switch (step) {
        case 'stage': {
            if (exists(certsDir, f.nextSigningKey))
                throw new errors_1.ConflictError('a new signing key is already staged; run `keys rotate --activate` to use it');
            (0, secrets_1.writeKeyPair)(certsDir, f.nextSigningKey, f.nextSigningCert, await (0, secrets_1.generateKeyPair)('signing'));
            return 'new signing key staged; both certificates are now in the metadata. Let SPs refresh, then run `keys rotate --activate`.';
        }
        case 'activate': {
            if (!exists(certsDir, f.nextSigningKey))
                throw new errors_1.NotFoundError('no staged signing key; run `keys rotate` first');
            if (exists(certsDir, f.previousSigningKey))
                throw new errors_1.ConflictError('an old signing key is still published; run `keys rotate --retire` first');
            node_fs_1.default.renameSync(file(certsDir, f.signingKey), file(certsDir, f.previousSigningKey));
            node_fs_1.default.renameSync(file(certsDir, f.signingCert), file(certsDir, f.previousSigningCert));
            node_fs_1.default.renameSync(file(certsDir, f.nextSigningKey), file(certsDir, f.signingKey));
            node_fs_1.default.renameSync(file(certsDir, f.nextSigningCert), file(certsDir, f.signingCert));
            return 'the staged key now signs; the old certificate stays in the metadata until `keys rotate --retire`. Restart the hub.';
        }
        case 'retire': {
            if (!exists(certsDir, f.previousSigningKey))
                throw new errors_1.NotFoundError('there is no old signing key to retire');
            node_fs_1.default.rmSync(file(certsDir, f.previousSigningKey));
            node_fs_1.default.rmSync(file(certsDir, f.previousSigningCert), { force: true });
            return 'the old signing key is removed from the metadata and the disk. Restart the hub.';
        }
    }
}
/**
 * One rotation step and its audit entry: the one home for `keys rotate` and the console's key page. The
 * audit is written after the files changed; a step that fails is audited as a failure and rethrown.
 */
async function rotateSigningKeyAudited(certsDir, step, audit, actor) {
    try {
        const message = await rotateSigningKey(certsDir, step);
        await audit.record({ actor, action: `keys.rotate.${step}`, outcome: 'success' });
        return message;
    }
    catch (e) {
        if ((0, errors_1.isAppError)(e))
            await audit.record({ actor, action: `keys.rotate.${step}`, outcome: 'failure', details: { reason: e.publicMessage } });
        throw e;
    }
}
/** Which signing keys are on disk (what the metadata publishes after a restart); certificates only, never keys. */
function signingKeyStatus(certsDir) {
    const f = secrets_1.SECRET_FILES;
    const slots = [
        ['current', f.signingCert],
        ['next', f.nextSigningCert],
        ['previous', f.previousSigningCert],
    ];
    return slots.flatMap(([slot, name]) => {
        if (!exists(certsDir, name))
            return [];
        const cert = new node_crypto_1.X509Certificate(node_fs_1.default.readFileSync(file(certsDir, name)));
        return [{ slot, fingerprint: cert.fingerprint256, validTo: new Date(cert.validTo) }];
    });
}
//# sourceMappingURL=key-rotation.js.map
"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildAndSign = void 0;
const node_crypto_1 = __importDefault(require("node:crypto"));
const field_cipher_1 = require("../../crypto/field-cipher");
const flow_1 = require("../flow");
const build_response_1 = require("../response/build-response");
const namespaces_1 = require("../xml/namespaces");
const signature_1 = require("../xml/signature");
/**
 * The assertion — pairwise pseudonym per participant (or a transient NameID), the SessionIndex this hub
 * session already uses for the SP — signed, encrypted when the SP asked, inside a (signed) Response.
 */
exports.buildAndSign = (0, flow_1.step)('build-and-sign', async (ctx, s) => {
    const sp = s.sp;
    const target = s.target;
    const nameId = target.nameIdFormat === namespaces_1.NAMEID_FORMAT.transient
        ? `_${node_crypto_1.default.randomBytes(20).toString('hex')}`
        : (0, field_cipher_1.pairwisePseudonym)(ctx.keyring, s.participant.id, s.person.id);
    const sessionIndex = s.sessionIndexFor(sp.entityId, target.nameIdFormat) ?? (0, build_response_1.newId)();
    const encryptTo = sp.encryptAssertion ? sp.encryptionCertificates[0] : undefined;
    s.xml = await (0, build_response_1.buildSuccessResponse)({
        idpEntityId: ctx.idpEntityId,
        spEntityId: sp.entityId,
        acsUrl: target.acsUrl,
        inResponseTo: target.inResponseTo,
        nameId: { value: nameId, format: target.nameIdFormat },
        sessionIndex,
        authnInstant: s.user.authnInstant,
        attributes: s.attributes,
        now: s.now,
    }, { signing: ctx.signingKeys.active, signResponse: sp.signResponse, encryptTo: encryptTo ? (0, signature_1.toPem)(encryptTo) : undefined });
    s.entry = { spEntityId: sp.entityId, nameId, nameIdFormat: target.nameIdFormat, sessionIndex };
});
//# sourceMappingURL=build-and-sign.js.map
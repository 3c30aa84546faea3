"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.spMetadataXml = spMetadataXml;
exports.fuzzKeys = fuzzKeys;
exports.fuzzEnv = fuzzEnv;
exports.openFuzzEnvironment = openFuzzEnvironment;
const icon_fetcher_1 = require("../../src/net/icon-fetcher");
const selfsigned_1 = require("selfsigned");
const field_cipher_1 = require("../../src/crypto/field-cipher");
const secrets_1 = require("../../src/crypto/secrets");
const service_provider_service_1 = require("../../src/domain/federation/service-provider.service");
const participant_service_1 = require("../../src/domain/licensing/participant.service");
const logger_1 = require("../../src/logger");
const data_source_1 = require("../../src/persistence/data-source");
const sp_metadata_1 = require("../../src/saml/metadata/sp-metadata");
const signature_1 = require("../../src/saml/xml/signature");
const HUB = 'https://hub.fuzz.example';
const ACS = 'http://127.0.0.1:9/fuzz/acs';
const ACTOR = { type: 'cli', id: 'fuzz' };
function spMetadataXml(entityId, signingCertificatePem, authnRequestsSigned) {
    return (`<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">` +
        `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="${authnRequestsSigned}">` +
        `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${(0, signature_1.certificateBody)(signingCertificatePem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
        '<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="http://127.0.0.1:9/fuzz/slo"/>' +
        '<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="http://127.0.0.1:9/fuzz/slo-post"/>' +
        `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${ACS}" index="0" isDefault="true"/>` +
        '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact" Location="http://127.0.0.1:9/fuzz/artifact" index="1"/>' +
        '</md:SPSSODescriptor></md:EntityDescriptor>');
}
/** The keys and names the arbitraries need; shared with the HTTP-level test, which registers its own SPs. */
async function fuzzKeys() {
    const [key, stranger, idp] = await Promise.all([
        (0, secrets_1.generateKeyPair)('fuzz SP'),
        (0, secrets_1.generateKeyPair)('fuzz stranger'),
        (0, secrets_1.generateKeyPair)('fuzz IdP'),
    ]);
    const weak = await (0, selfsigned_1.generate)([{ name: 'commonName', value: 'fuzz weak' }], { keySize: 1024, algorithm: 'sha256' });
    return { key, stranger, idp, weakCertificatePem: weak.cert };
}
/** The arbitraries' environment without a database (enough for the metadata target). */
function fuzzEnv(keys, now = new Date()) {
    return {
        now,
        ssoUrl: `${HUB}/saml/sso`,
        sloUrl: `${HUB}/saml/slo`,
        optionalSp: 'https://sp.fuzz.example/optional',
        signedSp: 'https://sp.fuzz.example/signed',
        acsUrl: ACS,
        key: keys.key,
        stranger: keys.stranger,
        weakCertificatePem: keys.weakCertificatePem,
    };
}
async function openFuzzEnvironment(now = new Date()) {
    const keyring = (0, field_cipher_1.parseKeyring)(`f1:${Buffer.alloc(32, 9).toString('base64')}`);
    const db = await (0, data_source_1.openDatabase)({ kind: 'pglite', dataDir: null }, new field_cipher_1.FieldCipher(keyring));
    await db.migrate();
    const keys = await fuzzKeys();
    const env = fuzzEnv(keys, now);
    await new participant_service_1.ParticipantService(db.unitOfWork, new icon_fetcher_1.HttpIconFetcher(false)).add({ name: 'Fuzz' }, ACTOR);
    const sps = new service_provider_service_1.ServiceProviderService(db.unitOfWork);
    for (const [entityId, signed] of [
        [env.optionalSp, false],
        [env.signedSp, true],
    ]) {
        const xml = spMetadataXml(entityId, keys.key.certificatePem, signed);
        await sps.register('Fuzz', (0, sp_metadata_1.registrationFromMetadata)(xml, (0, sp_metadata_1.parseSpMetadata)(xml, { now, httpOnLoopback: true })), ACTOR);
    }
    const ctx = {
        idpEntityId: `${HUB}/saml/metadata`,
        ssoUrl: env.ssoUrl,
        sloUrl: env.sloUrl,
        signingKeys: { active: keys.idp, next: null, previous: null },
        encryptionKey: keys.idp,
        keyring,
        repos: db.repositories,
        recorder: db.recorder,
        logger: (0, logger_1.createLogger)({ logLevel: 'silent' }),
    };
    return {
        env,
        ctx,
        db,
        clearReplayCache: async () => void (await db.dataSource.query('TRUNCATE saml_message_ids')),
        close: () => db.close(),
    };
}
//# sourceMappingURL=environment.js.map
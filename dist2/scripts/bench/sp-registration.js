"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.registerBenchSp = registerBenchSp;
const sp_metadata_1 = require("../../src/saml/metadata/sp-metadata");
const saml_sp_1 = require("./saml-sp");
async function registerBenchSp(hub, participantName, sp, certificatePem, actor) {
    const xml = (0, saml_sp_1.spMetadata)(sp, certificatePem);
    await hub.services.serviceProviders.register(participantName, (0, sp_metadata_1.registrationFromMetadata)(xml, (0, sp_metadata_1.parseSpMetadata)(xml, { httpOnLoopback: true }), { signResponse: true }), actor);
}
//# sourceMappingURL=sp-registration.js.map
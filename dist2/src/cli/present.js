"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.describeSchool = describeSchool;
exports.describeSp = describeSp;
/** JSON shape of a school in CLI output. */
function describeSchool(s) {
    return {
        id: s.id,
        brin: s.brin,
        dependanceCode: s.dependanceCode,
        name: s.name,
        assuNumber: s.assuNumber,
        visitingAddress: s.visitingAddress,
        status: s.status,
        agreementState: s.agreementState,
        homeAccessEnabled: s.homeAccessEnabled,
        teacher2faRequired: s.teacher2faRequired,
    };
}
/** JSON shape of a service provider in CLI output (certificates counted, not printed). */
function describeSp(sp) {
    return {
        entityId: sp.entityId,
        participantId: sp.participantId,
        acs: sp.acsEndpoints.map((e) => ({ binding: e.binding, location: e.location, index: e.index, isDefault: e.isDefault })),
        slo: sp.sloEndpoints,
        signingCertificates: sp.signingCertificates.length,
        encryptionCertificates: sp.encryptionCertificates.length,
        authnRequestsSigned: sp.authnRequestsSigned,
        wantAssertionsSigned: sp.wantAssertionsSigned,
        signResponse: sp.signResponse,
        encryptAssertion: sp.encryptAssertion,
        allowUnsolicited: sp.allowUnsolicited,
        nameIdFormat: sp.nameIdFormat,
        requestedAttributes: sp.requestedAttributes.map((a) => a.name),
        attributeAllowList: sp.attributeAllowList,
        metadataValidUntil: sp.metadataValidUntil?.toISOString() ?? null,
    };
}
//# sourceMappingURL=present.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.friendlyNameOf = exports.REQUESTED_ATTRIBUTES = void 0;
exports.withRequestedAttributes = withRequestedAttributes;
/**
 * What Rekenrijk asks for in its metadata (RequestedAttribute), by the names in the hub's public
 * attribute table. The publisher keeps its own copy on purpose: it is an outside party and knows the
 * hub only from its documentation. It asks for more than the privacy annex lets the demo school give
 * (birth date, gender, e-mail, LAS keys), so the attribute page shows the hub leaving those out.
 */
exports.REQUESTED_ATTRIBUTES = [
    { name: 'urn:oid:2.5.4.42', friendlyName: 'givenName' },
    { name: 'urn:mace:leerpoort.nl:attribute-def:tussenvoegsel', friendlyName: 'tussenvoegsel' },
    { name: 'urn:oid:2.5.4.4', friendlyName: 'sn' },
    { name: 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1', friendlyName: 'eduPersonAffiliation' },
    { name: 'urn:mace:leerpoort.nl:attribute-def:eckId', friendlyName: 'eckId' },
    { name: 'urn:mace:leerpoort.nl:attribute-def:brin', friendlyName: 'brin' },
    { name: 'urn:mace:leerpoort.nl:attribute-def:groepKey', friendlyName: 'groepKey' },
    { name: 'urn:mace:leerpoort.nl:attribute-def:groepNaam', friendlyName: 'groepNaam' },
    { name: 'urn:mace:leerpoort.nl:attribute-def:jaargroep', friendlyName: 'jaargroep' },
    { name: 'urn:mace:leerpoort.nl:attribute-def:leerlingKey', friendlyName: 'leerlingKey' },
    { name: 'urn:mace:leerpoort.nl:attribute-def:leerkrachtKey', friendlyName: 'leerkrachtKey' },
    { name: 'urn:oid:1.3.6.1.5.5.7.9.1', friendlyName: 'dateOfBirth' },
    { name: 'urn:oid:1.3.6.1.5.5.7.9.3', friendlyName: 'gender' },
    { name: 'urn:oid:0.9.2342.19200300.100.1.3', friendlyName: 'mail' },
];
const friendlyNameOf = (name) => exports.REQUESTED_ATTRIBUTES.find((a) => a.name === name)?.friendlyName ?? null;
exports.friendlyNameOf = friendlyNameOf;
const escapeAttr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
/**
 * Adds an AttributeConsumingService to samlify's SP metadata (samlify does not write one). It goes last
 * in the SPSSODescriptor, after the AssertionConsumerService elements, as saml-schema-metadata-2.0 orders it.
 */
function withRequestedAttributes(metadataXml, serviceName) {
    const close = /<\/((?:[A-Za-z_][\w.-]*:)?)SPSSODescriptor>/.exec(metadataXml);
    if (!close)
        throw new Error('SP metadata without SPSSODescriptor');
    const p = close[1];
    const requested = exports.REQUESTED_ATTRIBUTES.map((a) => `<${p}RequestedAttribute Name="${escapeAttr(a.name)}" FriendlyName="${escapeAttr(a.friendlyName)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" isRequired="false"/>`).join('');
    const service = `<${p}AttributeConsumingService index="0" isDefault="true"><${p}ServiceName xml:lang="nl">${escapeAttr(serviceName)}</${p}ServiceName>${requested}</${p}AttributeConsumingService>`;
    return metadataXml.slice(0, close.index) + service + metadataXml.slice(close.index);
}
//# sourceMappingURL=requested-attributes.js.map
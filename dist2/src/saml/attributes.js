"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ATTRIBUTE_NAMES = exports.NAME_FORMAT_URI = void 0;
exports.isAttributeName = isAttributeName;
exports.categoriesForNames = categoriesForNames;
exports.requestedCategories = requestedCategories;
exports.samlValue = samlValue;
const model_1 = require("../domain/model");
/**
 * The one mapping table from annex categories to SAML attribute names (NameFormat uri). Standard
 * names where one exists (X.520, eduPerson, PKIX); categories without a registered OID use the hub's
 * own `urn:mace:leerpoort.nl:attribute-def:` namespace.
 */
exports.NAME_FORMAT_URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
const HUB = 'urn:mace:leerpoort.nl:attribute-def:';
exports.ATTRIBUTE_NAMES = Object.freeze({
    firstName: { name: 'urn:oid:2.5.4.42', friendlyName: 'givenName' },
    lastName: { name: 'urn:oid:2.5.4.4', friendlyName: 'sn' },
    infix: { name: `${HUB}tussenvoegsel`, friendlyName: 'tussenvoegsel' },
    birthDate: { name: 'urn:oid:1.3.6.1.5.5.7.9.1', friendlyName: 'dateOfBirth' },
    gender: { name: 'urn:oid:1.3.6.1.5.5.7.9.3', friendlyName: 'gender' },
    eckId: { name: `${HUB}eckId`, friendlyName: 'eckId' },
    pupilKey: { name: `${HUB}leerlingKey`, friendlyName: 'leerlingKey' },
    teacherKey: { name: `${HUB}leerkrachtKey`, friendlyName: 'leerkrachtKey' },
    groupKey: { name: `${HUB}groepKey`, friendlyName: 'groepKey' },
    groupName: { name: `${HUB}groepNaam`, friendlyName: 'groepNaam' },
    yearGroup: { name: `${HUB}jaargroep`, friendlyName: 'jaargroep' },
    brin: { name: `${HUB}brin`, friendlyName: 'brin' },
    email: { name: 'urn:oid:0.9.2342.19200300.100.1.3', friendlyName: 'mail' },
    affiliation: { name: 'urn:oid:1.3.6.1.4.1.5923.1.1.1.1', friendlyName: 'eduPersonAffiliation' },
});
const BY_NAME = new Map(Object.entries(exports.ATTRIBUTE_NAMES).flatMap(([c, a]) => [
    [a.name, c],
    [a.friendlyName, c],
]));
/** Whether the hub knows this attribute, by Name (urn:oid:…) or FriendlyName. */
function isAttributeName(name) {
    return BY_NAME.has(name);
}
/** Categories an SP asks for, by attribute Name (or FriendlyName); unknown names are ignored. */
function categoriesForNames(names) {
    const out = new Set();
    for (const n of names) {
        const c = BY_NAME.get(n);
        if (c)
            out.add(c);
    }
    return out;
}
/** The categories an SP asks for (its allow-list, else its metadata's RequestedAttributes). */
function requestedCategories(sp) {
    return categoriesForNames((0, model_1.requestedAttributeNames)(sp));
}
/** Values of gender go out in the PKIX vocabulary (M/F); 'X' is not released. */
function samlValue(category, value) {
    if (category === 'gender')
        return value === 'M' ? 'M' : value === 'V' ? 'F' : null;
    return value;
}
//# sourceMappingURL=attributes.js.map
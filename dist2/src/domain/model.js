"use strict";
/**
 * The domain's view of the data: plain, readonly values. Persistence maps its entities to these, so
 * entities never leave the persistence layer. Personal fields are plaintext here and encrypted at rest.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.displayName = exports.requestedAttributeNames = void 0;
/** The attribute names an SP may receive: the operator's allow-list where one was set, else what its metadata requests. */
const requestedAttributeNames = (sp) => sp.attributeAllowList ? [...sp.attributeAllowList] : sp.requestedAttributes.map((a) => a.name);
exports.requestedAttributeNames = requestedAttributeNames;
/** "Fenna ter Horst": first name, infix, last name — how a person is named on every page and card. */
const displayName = (p) => [p.firstName, p.infix, p.lastName].filter(Boolean).join(' ');
exports.displayName = displayName;
//# sourceMappingURL=model.js.map
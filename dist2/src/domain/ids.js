"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isUuid = void 0;
/** Hub ids are UUIDs; anything else from a URL or form is "not found" before it reaches the database. */
const isUuid = (value) => typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
exports.isUuid = isUuid;
//# sourceMappingURL=ids.js.map
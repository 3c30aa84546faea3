"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.fetchSpMetadata = fetchSpMetadata;
const fetch_limited_1 = require("./fetch-limited");
const MAX_FETCH_BYTES = 512 * 1024;
/**
 * Reads SP metadata from an https URL (http only on loopback), with a timeout and a size cap: reading
 * stops at the cap. An operator registers it (`sp add`, the console's SP page), so internal hosts are allowed.
 */
async function fetchSpMetadata(url) {
    const { body } = await (0, fetch_limited_1.fetchLimited)(url, { what: 'metadata', maxBytes: MAX_FETCH_BYTES, allowPrivateAddresses: true });
    return body.toString('utf8');
}
//# sourceMappingURL=metadata-source.js.map
"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readMetadataSource = readMetadataSource;
const metadata_source_1 = require("../net/metadata-source");
const io_1 = require("./io");
/** Reads metadata from a file or an https URL (http only on loopback); see net/metadata-source. */
async function readMetadataSource(source) {
    if (/^https?:\/\//i.test(source))
        return (0, metadata_source_1.fetchSpMetadata)(source);
    return (0, io_1.readTextFile)(source, 'metadata file');
}
//# sourceMappingURL=sp-metadata-source.js.map
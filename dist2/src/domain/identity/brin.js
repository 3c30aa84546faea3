"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseBrin = parseBrin;
exports.formatBrin = formatBrin;
const errors_1 = require("../errors");
const BRIN = /^(\d{2}[A-Z]{2})(\d{2})?$/;
function parseBrin(input) {
    const normalised = input.trim().toUpperCase().replace(/[\s-]/g, '');
    const m = BRIN.exec(normalised);
    if (!m) {
        throw new errors_1.ValidationError(`invalid BRIN '${input}': expected two digits and two letters (e.g. 12AB), optionally followed by a two-digit dependance code (12AB01)`);
    }
    return { brin: m[1], dependanceCode: m[2] ?? '00' };
}
function formatBrin(code) {
    return code.dependanceCode === '00' ? code.brin : `${code.brin}${code.dependanceCode}`;
}
//# sourceMappingURL=brin.js.map
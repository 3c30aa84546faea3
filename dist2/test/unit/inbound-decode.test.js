"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
const node_v8_1 = __importDefault(require("node:v8"));
const node_vm_1 = __importDefault(require("node:vm"));
const chai_1 = require("chai");
const errors_1 = require("../../src/domain/errors");
const inbound_1 = require("../../src/saml/bindings/inbound");
const assert_1 = require("../support/assert");
/** A full garbage collection, also when node runs without --expose-gc. */
function collectGarbage() {
    node_v8_1.default.setFlagsFromString('--expose-gc');
    node_vm_1.default.runInNewContext('gc')();
}
describe('Redirect binding: inflating untrusted DEFLATE', () => {
    it('refuses corrupt and truncated DEFLATE data as such', async () => {
        for (const payload of [Buffer.from('not deflate at all!!'), Buffer.from([0xff, 0xff, 0xff])]) {
            const e = await (0, assert_1.rejects)((0, inbound_1.decodeRedirect)(`SAMLRequest=${encodeURIComponent(payload.toString('base64'))}`, ['SAMLRequest']));
            (0, chai_1.expect)(e).to.be.instanceOf(errors_1.SamlRequestError);
            (0, chai_1.expect)(e.message).to.equal('SAMLRequest is not DEFLATE-compressed');
        }
    });
    it('keeps no memory per refused payload (inflateRawSync leaked ~2 KB of heap per corrupt input on Node 20)', async () => {
        const query = `SAMLRequest=${encodeURIComponent(Buffer.from('not deflate at all!!').toString('base64'))}`;
        const refuseMany = async (n) => {
            for (let i = 0; i < n; i++)
                await (0, inbound_1.decodeRedirect)(query, ['SAMLRequest']).catch(() => undefined);
        };
        await refuseMany(500);
        collectGarbage();
        const before = process.memoryUsage().heapUsed;
        await refuseMany(20_000);
        collectGarbage();
        const growthMiB = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
        // The synchronous inflate grew the heap by ~40 MiB here.
        (0, chai_1.expect)(growthMiB).to.be.below(8);
    });
});
//# sourceMappingURL=inbound-decode.test.js.map
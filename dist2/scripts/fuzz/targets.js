"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NEEDS_DATABASE = exports.TARGET_NAMES = exports.outcomeKind = void 0;
exports.runCase = runCase;
exports.samlTargets = samlTargets;
exports.metadataTarget = metadataTarget;
exports.edexmlTarget = edexmlTarget;
exports.csvTarget = csvTarget;
const errors_1 = require("../../src/domain/errors");
const read_csv_1 = require("../../src/import/csv/read-csv");
const read_edexml_1 = require("../../src/import/edexml/read-edexml");
const sso_1 = require("../../src/saml/sso");
const parse_authn_request_1 = require("../../src/saml/steps/parse-authn-request");
const inbound_1 = require("../../src/saml/bindings/inbound");
const slo_1 = require("../../src/saml/slo");
const sp_metadata_1 = require("../../src/saml/metadata/sp-metadata");
const import_arbitraries_1 = require("./import-arbitraries");
const metadata_arbitraries_1 = require("./metadata-arbitraries");
const saml_arbitraries_1 = require("./saml-arbitraries");
async function runCase(target, input) {
    try {
        await target.run(input);
        return { ok: true, refusal: null };
    }
    catch (e) {
        return (0, errors_1.isAppError)(e) ? { ok: true, refusal: e.publicMessage } : { ok: false, error: e };
    }
}
/** A message with its variable parts (quoted values, numbers) blanked, to count outcomes by kind. */
const outcomeKind = (message) => message.replace(/'[^']*'|"[^"]*"|\([^)]*\)|\d+/g, '…').slice(0, 100);
exports.outcomeKind = outcomeKind;
exports.TARGET_NAMES = [
    'authn-redirect',
    'authn-post',
    'logout-request',
    'logout-response',
    'sp-metadata',
    'edexml',
    'csv',
];
/** Targets that need the PGlite environment (SP lookup, replay cache). */
exports.NEEDS_DATABASE = new Set(['authn-redirect', 'authn-post', 'logout-request', 'logout-response']);
const samlJson = (c) => c;
const fromSamlJson = (j) => j;
const fromBase64 = (j) => Buffer.from(j.base64, 'base64');
/** What the /saml/slo route does with a message: decode for either kind, then check by kind. */
async function sloDispatch(fuzz, c) {
    const kinds = ['SAMLRequest', 'SAMLResponse'];
    const message = c.binding === 'redirect' ? await (0, inbound_1.decodeRedirect)(c.query, kinds) : (0, inbound_1.decodePost)(c.body, kinds);
    if (message.kind === 'SAMLRequest')
        await (0, slo_1.checkLogoutRequest)(fuzz.ctx, message, fuzz.env.now);
    else
        await (0, slo_1.checkLogoutResponse)(fuzz.ctx, message, fuzz.env.now);
}
function samlTargets(fuzz) {
    const { env, ctx } = fuzz;
    const authn = (binding) => ({
        name: `authn-${binding}`,
        arbitrary: (0, saml_arbitraries_1.authnRequestCases)(env, binding),
        run: async (c) => (0, sso_1.validateAuthnRequest)(ctx, await (0, parse_authn_request_1.decodeAuthnRequest)(c.binding, c.binding === 'redirect' ? c.query : c.body), env.now),
        slowMs: 250,
        toJson: samlJson,
        fromJson: fromSamlJson,
    });
    return [
        authn('redirect'),
        authn('post'),
        {
            name: 'logout-request',
            arbitrary: (0, saml_arbitraries_1.logoutRequestCases)(env),
            run: (c) => sloDispatch(fuzz, c),
            slowMs: 250,
            toJson: samlJson,
            fromJson: fromSamlJson,
        },
        {
            name: 'logout-response',
            arbitrary: (0, saml_arbitraries_1.logoutResponseCases)(env),
            run: (c) => sloDispatch(fuzz, c),
            slowMs: 250,
            toJson: samlJson,
            fromJson: fromSamlJson,
        },
    ];
}
function metadataTarget(env) {
    return {
        name: 'sp-metadata',
        arbitrary: (0, metadata_arbitraries_1.metadataCases)(env),
        run: async (c) => (0, sp_metadata_1.parseSpMetadata)(c.xml, { now: env.now, ...(c.trustCertificate ? { trustCertificate: c.trustCertificate } : {}) }),
        slowMs: 1000,
        toJson: (c) => c,
        fromJson: (j) => j,
    };
}
/**
 * EDEXML: every case goes through the checks before the schema and the SAX mapping; the wasm
 * schema check (a worker and ~100 ms per file) runs on every `fullEvery`-th case (never: Infinity).
 */
function edexmlTarget(fullEvery) {
    let n = 0;
    return {
        name: 'edexml',
        arbitrary: import_arbitraries_1.edexmlCases,
        run: async (bytes) => {
            if (++n % fullEvery === 0)
                return (0, read_edexml_1.readEdexmlContents)(bytes, 'fuzz.xml');
            return (0, read_edexml_1.mapEdexml)((0, read_edexml_1.prepareEdexml)(bytes, 'fuzz.xml'));
        },
        slowMs: 5000,
        note: `every case: mapping; every ${fullEvery}th case: the full read with the xmllint-wasm schema check`,
        toJson: (b) => ({ base64: b.toString('base64') }),
        fromJson: fromBase64,
    };
}
function csvTarget() {
    return {
        name: 'csv',
        arbitrary: import_arbitraries_1.csvCases,
        run: async (c) => (0, read_csv_1.readCsvRosterContents)(c.bytes, 'fuzz.csv', c.brin),
        slowMs: 1000,
        toJson: (c) => ({ base64: c.bytes.toString('base64'), brin: c.brin }),
        fromJson: (j) => ({ bytes: fromBase64(j), brin: j.brin }),
    };
}
//# sourceMappingURL=targets.js.map
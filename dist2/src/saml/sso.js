"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.LAUNCH = exports.RESUME = exports.SSO = exports.ISSUE_RESPONSE = exports.VALIDATE_AUTHN_REQUEST = void 0;
exports.runSso = runSso;
exports.resumeSso = resumeSso;
exports.launch = launch;
exports.validateAuthnRequest = validateAuthnRequest;
const flow_1 = require("./flow");
const build_and_sign_1 = require("./steps/build-and-sign");
const check_access_1 = require("./steps/check-access");
const check_relay_state_1 = require("./steps/check-relay-state");
const check_signature_1 = require("./steps/check-signature");
const check_destination_1 = require("./steps/check-destination");
const check_time_1 = require("./steps/check-time");
const launch_target_1 = require("./steps/launch-target");
const load_service_provider_1 = require("./steps/load-service-provider");
const name_id_policy_1 = require("./steps/name-id-policy");
const parse_authn_request_1 = require("./steps/parse-authn-request");
const passive_or_login_1 = require("./steps/passive-or-login");
const record_ledger_1 = require("./steps/record-ledger");
const release_attributes_1 = require("./steps/release-attributes");
const resolve_acs_1 = require("./steps/resolve-acs");
const resume_pending_1 = require("./steps/resume-pending");
/**
 * Single sign-on, from `GET|POST /saml/sso` to the signed Response, as one table. Until `resolve-acs` has
 * run, a refusal goes only to the user (a page with an error id), never to the SP.
 */
exports.VALIDATE_AUTHN_REQUEST = [
    parse_authn_request_1.decodeBinding, //                size caps, base64, inflate, UTF-8; the query signature's octets as received
    parse_authn_request_1.parseAuthnRequest, //            parse without DOCTYPE, schema, read the fields
    load_service_provider_1.loadServiceProviderStep, //      a registered Issuer with valid metadata
    check_signature_1.checkAuthnRequestSignature, //   query or enveloped signature; required when the SP says AuthnRequestsSigned
    check_destination_1.checkAuthnRequestDestination, // Destination is this endpoint
    check_time_1.checkAuthnRequestTime, //        IssueInstant within 5 minutes ± 60 s
    resolve_acs_1.resolveAcsStep, //               ACS by URL, index or default — from the metadata only
    check_relay_state_1.checkRelayStateStep,
];
/** From a logged-in user to the Response: shared by SP-initiated SSO, its resume after login, and portal launch. */
exports.ISSUE_RESPONSE = [
    check_access_1.checkAccess, //       the licence gate: activation and a valid licence that covers the person
    release_attributes_1.releaseAttributes, // the release pipeline, deny by default
    build_and_sign_1.buildAndSign, //      NameID, assertion signed (and encrypted), Response signed
    record_ledger_1.recordLedger,
];
exports.SSO = [
    ...exports.VALIDATE_AUTHN_REQUEST,
    name_id_policy_1.nameIdPolicy, //   persistent or transient; else InvalidNameIDPolicy to the verified ACS
    passive_or_login_1.passiveOrLogin, // logged in (freshly enough for ForceAuthn)? else the login UI, or NoPassive (the ID remembered)
    ...exports.ISSUE_RESPONSE,
];
/** After the login UI: the request that waited. */
exports.RESUME = [resume_pending_1.resumePending, ...exports.ISSUE_RESPONSE];
/** IdP-initiated from the portal: an unsolicited Response to the product's SP. */
exports.LAUNCH = [launch_target_1.launchTarget, ...exports.ISSUE_RESPONSE];
/** A refused request: audited and logged (the reason, never the message), answered to the user only. */
async function refuse(ctx, error, s) {
    const issuer = s.request?.issuer ?? null;
    ctx.logger.warn({ requestId: s.requestId, issuer, reason: error.publicMessage }, 'AuthnRequest refused');
    await ctx.repos.audit.record({
        actor: { type: 'sp', id: issuer ?? 'unknown', ip: s.ip ?? null, requestId: s.requestId ?? null },
        action: 'saml.authn_request.refused',
        outcome: 'failure',
        details: { reason: error.publicMessage, ...(s.incoming ? { binding: s.incoming.binding } : {}) },
    });
    return { kind: 'refused', error, issuer };
}
async function run(ctx, steps, state) {
    const outcome = await (0, flow_1.runSteps)(steps, ctx, state, (e, s) => refuse(ctx, e, s));
    if (!outcome)
        throw new Error(`the flow ${steps.map((s) => s.name).join(' → ')} ended without an outcome`);
    return outcome;
}
function runSso(ctx, incoming, session, now = new Date()) {
    return run(ctx, exports.SSO, { ...session, now, incoming });
}
function resumeSso(ctx, pending, session, now = new Date()) {
    return run(ctx, exports.RESUME, { ...session, now, pending });
}
function launch(ctx, productId, session, now = new Date()) {
    return run(ctx, exports.LAUNCH, { ...session, now, productId });
}
/**
 * Only the checks, on an AuthnRequest already decoded (benchmarks and the fuzzer call the table's first
 * part directly). Throws the SamlRequestError of the first check that fails.
 */
async function validateAuthnRequest(ctx, message, now = new Date()) {
    const state = { now, user: null, sessionIndexFor: () => undefined, message };
    await (0, flow_1.runSteps)(exports.VALIDATE_AUTHN_REQUEST.filter((s) => s !== parse_authn_request_1.decodeBinding), ctx, state, (e) => {
        throw e;
    });
    return {
        request: state.request,
        sp: state.sp,
        acs: state.acs,
        relayState: message.relayState,
        nameIdFormat: (0, name_id_policy_1.resolveNameIdFormat)(state.request.nameIdFormat, state.sp),
        signed: state.signed ?? false,
    };
}
//# sourceMappingURL=sso.js.map
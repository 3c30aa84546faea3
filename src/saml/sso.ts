import type { SamlRequestError } from '../domain/errors';
import type { IndexedEndpoint, ServiceProvider } from '../domain/model';
import type { InboundMessage } from './bindings/inbound';
import { runSteps, type Step } from './flow';
import type { IdpContext } from './idp-context';
import type { AuthenticatedUser, PendingSso, SsoOutcome, SsoState } from './sso-state';
import { buildAndSign } from './steps/build-and-sign';
import { checkAccess } from './steps/check-access';
import { checkRelayStateStep } from './steps/check-relay-state';
import { checkAuthnRequestSignature } from './steps/check-signature';
import { checkAuthnRequestDestination } from './steps/check-destination';
import { checkAuthnRequestTime } from './steps/check-time';
import { launchTarget } from './steps/launch-target';
import { loadServiceProviderStep } from './steps/load-service-provider';
import { nameIdPolicy, resolveNameIdFormat } from './steps/name-id-policy';
import { decodeBinding, parseAuthnRequest, type ParsedAuthnRequest } from './steps/parse-authn-request';
import { passiveOrLogin } from './steps/passive-or-login';
import { recordLedger } from './steps/record-ledger';
import { releaseAttributes } from './steps/release-attributes';
import { resolveAcsStep } from './steps/resolve-acs';
import { resumePending } from './steps/resume-pending';

type SsoStep = Step<SsoState, SsoOutcome>;

/**
 * Single sign-on, from `GET|POST /saml/sso` to the signed Response, as one table. Until `resolve-acs` has
 * run, a refusal goes only to the user (a page with an error id), never to the SP.
 */
export const VALIDATE_AUTHN_REQUEST: readonly SsoStep[] = [
  decodeBinding, //                size caps, base64, inflate, UTF-8; the query signature's octets as received
  parseAuthnRequest, //            parse without DOCTYPE, schema, read the fields
  loadServiceProviderStep, //      a registered Issuer with valid metadata
  checkAuthnRequestSignature, //   query or enveloped signature; required when the SP says AuthnRequestsSigned
  checkAuthnRequestDestination, // Destination is this endpoint
  checkAuthnRequestTime, //        IssueInstant within 5 minutes ± 60 s
  resolveAcsStep, //               ACS by URL, index or default — from the metadata only
  checkRelayStateStep, //          ≤ 80 bytes, no markup
];

/** From a logged-in user to the Response: shared by SP-initiated SSO, its resume after login, and portal launch. */
export const ISSUE_RESPONSE: readonly SsoStep[] = [
  checkAccess, //       the licence gate: activation and a valid licence that covers the person
  releaseAttributes, // the release pipeline, deny by default
  buildAndSign, //      NameID, assertion signed (and encrypted), Response signed
  recordLedger, //      replay entry + ledger + audit in one group commit, then the Response goes out
];

export const SSO: readonly SsoStep[] = [
  ...VALIDATE_AUTHN_REQUEST,
  nameIdPolicy, //   persistent or transient; else InvalidNameIDPolicy to the verified ACS
  passiveOrLogin, // logged in (freshly enough for ForceAuthn)? else the login UI, or NoPassive (the ID remembered)
  ...ISSUE_RESPONSE,
];

/** After the login UI: the request that waited. */
export const RESUME: readonly SsoStep[] = [resumePending, ...ISSUE_RESPONSE];

/** IdP-initiated from the portal: an unsolicited Response to the product's SP. */
export const LAUNCH: readonly SsoStep[] = [launchTarget, ...ISSUE_RESPONSE];

/** What the web session contributes: who is logged in, the SessionIndexes already given out, who asks. */
export interface SessionView {
  readonly user: AuthenticatedUser | null;
  readonly sessionIndexFor: (spEntityId: string, nameIdFormat: string) => string | undefined;
  readonly requestId?: string;
  readonly ip?: string | null;
}

/** A refused request: audited and logged (the reason, never the message), answered to the user only. */
async function refuse(ctx: IdpContext, error: SamlRequestError, s: SsoState): Promise<SsoOutcome> {
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

async function run(ctx: IdpContext, steps: readonly SsoStep[], state: SsoState): Promise<SsoOutcome> {
  const outcome = await runSteps(steps, ctx, state, (e, s) => refuse(ctx, e, s));
  if (!outcome) throw new Error(`the flow ${steps.map((s) => s.name).join(' → ')} ended without an outcome`);
  return outcome;
}

export function runSso(
  ctx: IdpContext,
  incoming: { binding: 'redirect' | 'post'; raw: unknown },
  session: SessionView,
  now = new Date(),
): Promise<SsoOutcome> {
  return run(ctx, SSO, { ...session, now, incoming });
}

export function resumeSso(ctx: IdpContext, pending: PendingSso, session: SessionView, now = new Date()): Promise<SsoOutcome> {
  return run(ctx, RESUME, { ...session, now, pending });
}

export function launch(ctx: IdpContext, productId: string, session: SessionView, now = new Date()): Promise<SsoOutcome> {
  return run(ctx, LAUNCH, { ...session, now, productId });
}

export interface ValidatedAuthnRequest {
  readonly request: ParsedAuthnRequest;
  readonly sp: ServiceProvider;
  readonly acs: IndexedEndpoint;
  readonly relayState: string | undefined;
  /** null: the requested NameID format cannot be served. */
  readonly nameIdFormat: string | null;
  readonly signed: boolean;
}

/**
 * Only the checks, on an AuthnRequest already decoded (benchmarks and the fuzzer call the table's first
 * part directly). Throws the SamlRequestError of the first check that fails.
 */
export async function validateAuthnRequest(ctx: IdpContext, message: InboundMessage, now = new Date()): Promise<ValidatedAuthnRequest> {
  const state: SsoState = { now, user: null, sessionIndexFor: () => undefined, message };
  await runSteps(
    VALIDATE_AUTHN_REQUEST.filter((s) => s !== decodeBinding),
    ctx,
    state,
    (e) => {
      throw e;
    },
  );
  return {
    request: state.request!,
    sp: state.sp!,
    acs: state.acs!,
    relayState: message.relayState,
    nameIdFormat: resolveNameIdFormat(state.request!.nameIdFormat, state.sp!),
    signed: state.signed ?? false,
  };
}

import { SamlRequestError } from '../domain/errors';
import type { IndexedEndpoint, ServiceProvider } from '../domain/model';
import { checkRelayState, decodePost, decodeRedirect, type InboundMessage } from './bindings/inbound';
import type { IdpContext } from './idp-context';
import { checkDestination, checkIssueInstant, checkReplay, resolveAcs, resolveNameIdFormat } from './steps/checks';
import { type ParsedAuthnRequest, parseAuthnRequestXml, readAuthnRequest } from './steps/parse-authn-request';
import { signaturesIn, verifyEnvelopedSignature, verifyRedirectSignature } from './xml/signature';

export interface ValidatedAuthnRequest {
  readonly request: ParsedAuthnRequest;
  readonly sp: ServiceProvider;
  readonly acs: IndexedEndpoint;
  readonly relayState: string | undefined;
  /** null: the requested NameID format cannot be served (answer InvalidNameIDPolicy to the ACS). */
  readonly nameIdFormat: string | null;
  readonly signed: boolean;
}

/** Everything known when a check failed: the issuer once read, and whether the ACS was verified. */
export class AuthnRequestRefused extends SamlRequestError {
  constructor(
    cause: SamlRequestError,
    readonly issuer: string | null,
  ) {
    super(cause.publicMessage, cause.detail);
  }
}

interface Step {
  readonly name: string;
  run(state: State, ctx: IdpContext): void | Promise<void>;
}

interface State {
  readonly message: InboundMessage;
  readonly now: Date;
  doc?: Document;
  request?: ParsedAuthnRequest;
  sp?: ServiceProvider;
  signed?: boolean;
  acs?: IndexedEndpoint;
}

/**
 * The AuthnRequest checks, in order. Each step is small and does one thing; the first failure stops
 * the flow. Until `resolve-acs` has run, no answer may be sent to the SP (the user gets an HTML page).
 */
const STEPS: readonly Step[] = [
  {
    name: 'parse-and-schema-check',
    run: (s) => {
      s.doc = parseAuthnRequestXml(s.message.xml);
      s.request = readAuthnRequest(s.doc);
    },
  },
  {
    name: 'load-service-provider',
    run: async (s, ctx) => {
      const sp = await ctx.repos.serviceProviders.findByEntityId(s.request!.issuer);
      if (!sp) throw new SamlRequestError(`unknown Issuer '${s.request!.issuer}': no SP with this entity ID is registered`);
      if (sp.metadataValidUntil && sp.metadataValidUntil <= s.now) throw new SamlRequestError(`the metadata of SP '${sp.entityId}' has expired; it must be registered again`);
      s.sp = sp;
    },
  },
  {
    name: 'check-signature',
    run: (s) => {
      const sp = s.sp!;
      const xmlSignatures = signaturesIn(s.doc!).length;
      if (s.message.binding === 'redirect') {
        if (xmlSignatures > 0) throw new SamlRequestError('an XML signature is not allowed in the HTTP-Redirect binding (sign the query string)');
        if (s.message.querySignature) {
          const q = s.message.querySignature;
          verifyRedirectSignature(q.signedOctets, q.sigAlg, q.signature, sp.signingCertificates, 'AuthnRequest');
          s.signed = true;
        }
      } else if (xmlSignatures > 0) {
        // From here on, read only what the signature covers.
        const signedDoc = verifyEnvelopedSignature(s.message.xml, s.doc!, sp.signingCertificates, 'AuthnRequest');
        s.doc = signedDoc;
        s.request = readAuthnRequest(signedDoc);
        s.signed = true;
      }
      if (sp.authnRequestsSigned && !s.signed) throw new SamlRequestError(`SP '${sp.entityId}' must sign its AuthnRequests`);
    },
  },
  { name: 'check-destination', run: (s, ctx) => checkDestination(s.request!.destination, ctx.ssoUrl, 'AuthnRequest') },
  { name: 'check-issue-instant', run: (s) => checkIssueInstant(s.request!.issueInstant, s.now, 'AuthnRequest') },
  { name: 'check-replay', run: (s, ctx) => checkReplay(ctx.repos.replayCache, s.sp!.entityId, s.request!.id, s.now, 'AuthnRequest') },
  { name: 'resolve-acs', run: (s) => void (s.acs = resolveAcs(s.sp!, s.request!)) },
  { name: 'check-relay-state', run: (s) => checkRelayState(s.message.relayState) },
];

export async function decodeAuthnRequest(binding: 'redirect' | 'post', rawQueryOrBody: string | unknown): Promise<InboundMessage> {
  return binding === 'redirect' ? decodeRedirect(rawQueryOrBody as string, ['SAMLRequest']) : decodePost(rawQueryOrBody, ['SAMLRequest']);
}

export async function validateAuthnRequest(ctx: IdpContext, message: InboundMessage, now = new Date()): Promise<ValidatedAuthnRequest> {
  const state: State = { message, now };
  for (const step of STEPS) {
    try {
      await step.run(state, ctx);
    } catch (e) {
      if (e instanceof SamlRequestError) throw new AuthnRequestRefused(e, state.request?.issuer ?? null);
      throw e;
    }
  }
  return {
    request: state.request!,
    sp: state.sp!,
    acs: state.acs!,
    relayState: message.relayState,
    nameIdFormat: resolveNameIdFormat(state.request!.nameIdFormat, state.sp!),
    signed: state.signed ?? false,
  };
}

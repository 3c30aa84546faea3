import * as xmllintValidator from '@authenio/samlify-xmllint-wasm';
import * as samlify from 'samlify';
import type { PublisherKeys } from './keys';
import { withRequestedAttributes } from './requested-attributes';

// samlify refuses to parse anything until a schema validator is set. The xmllint-wasm validator is the
// one samlify's authors publish that needs neither Java nor a native build: every inbound message is
// checked against the SAML 2.0 XSDs before samlify reads it.
samlify.setSchemaValidator(xmllintValidator);

const { BindingNamespace, namespace } = samlify.Constants;
export const PERSISTENT = namespace.format.persistent;

/** The publisher's SAML side: a samlify ServiceProvider and its metadata (with RequestedAttributes). */
export interface PublisherSaml {
  readonly entityId: string;
  readonly sp: samlify.ServiceProviderInstance;
  readonly metadataXml: string;
}

export function createServiceProvider(baseUrl: string, keys: PublisherKeys, serviceName: string): PublisherSaml {
  const entityId = `${baseUrl}/saml/metadata`;
  const sp = samlify.ServiceProvider({
    entityID: entityId,
    privateKey: keys.privateKeyPem,
    signingCert: keys.certificatePem,
    // Signed AuthnRequests (the hub then checks them against this metadata's certificate) with RSA-SHA256.
    authnRequestsSigned: true,
    requestSignatureAlgorithm: samlify.Constants.algorithms.signature.RSA_SHA256,
    wantAssertionsSigned: true,
    wantLogoutResponseSigned: true,
    wantLogoutRequestSigned: true,
    nameIDFormat: [PERSISTENT],
    assertionConsumerService: [{ Binding: BindingNamespace.Post, Location: `${baseUrl}/saml/acs` }],
    singleLogoutService: [{ Binding: BindingNamespace.Redirect, Location: `${baseUrl}/saml/slo` }],
  });
  return { entityId, sp, metadataXml: withRequestedAttributes(sp.getMetadata(), serviceName) };
}

/**
 * The hub as samlify sees it: built from the IdP metadata the hub publishes, so its signing
 * certificate(s) come from there and nowhere else. Fetched on first use (the hub may start after the
 * publisher) and again after `refreshMs`, so a key rollover at the hub reaches the publisher.
 */
export class HubMetadata {
  private cached: { idp: samlify.IdentityProviderInstance; at: number } | null = null;

  constructor(
    readonly metadataUrl: string,
    private readonly refreshMs = 5 * 60_000,
  ) {}

  async identityProvider(): Promise<samlify.IdentityProviderInstance> {
    if (this.cached && Date.now() - this.cached.at < this.refreshMs) return this.cached.idp;
    const res = await fetch(this.metadataUrl, { signal: AbortSignal.timeout(5000), redirect: 'error' });
    if (!res.ok) throw new Error(`Leerpoort metadata ${this.metadataUrl}: HTTP ${res.status}`);
    const xml = await res.text();
    const idp = samlify.IdentityProvider({
      metadata: xml,
      // The hub signs what it sends; what the publisher sends it, it signs too (RSA-SHA256).
      wantLogoutRequestSigned: true,
      wantLogoutResponseSigned: true,
      requestSignatureAlgorithm: samlify.Constants.algorithms.signature.RSA_SHA256,
    });
    // samlify refuses to build a request unless the IdP's WantAuthnRequestsSigned equals the SP's
    // AuthnRequestsSigned. The hub publishes "false" as a minimum, not a ban: it verifies every signature
    // it gets and requires one from an SP whose metadata says AuthnRequestsSigned="true" — as this one's
    // does. So the publisher signs anyway and tells samlify the two agree.
    idp.entityMeta.isWantAuthnRequestsSigned = () => true;
    this.cached = { idp, at: Date.now() };
    return idp;
  }

  /** Forget the cached metadata (after a signature that did not verify: the hub may have rolled its key). */
  forget(): void {
    this.cached = null;
  }
}

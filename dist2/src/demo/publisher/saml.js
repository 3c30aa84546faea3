"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.HubMetadata = exports.PERSISTENT = void 0;
exports.createServiceProvider = createServiceProvider;
const xmllintValidator = __importStar(require("@authenio/samlify-xmllint-wasm"));
const samlify = __importStar(require("samlify"));
const requested_attributes_1 = require("./requested-attributes");
// samlify refuses to parse anything until a schema validator is set. The xmllint-wasm validator is the
// one samlify's authors publish that needs neither Java nor a native build: every inbound message is
// checked against the SAML 2.0 XSDs before samlify reads it.
samlify.setSchemaValidator(xmllintValidator);
const { BindingNamespace, namespace } = samlify.Constants;
exports.PERSISTENT = namespace.format.persistent;
function createServiceProvider(baseUrl, keys, serviceName) {
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
        nameIDFormat: [exports.PERSISTENT],
        assertionConsumerService: [{ Binding: BindingNamespace.Post, Location: `${baseUrl}/saml/acs` }],
        singleLogoutService: [{ Binding: BindingNamespace.Redirect, Location: `${baseUrl}/saml/slo` }],
    });
    return { entityId, sp, metadataXml: (0, requested_attributes_1.withRequestedAttributes)(sp.getMetadata(), serviceName) };
}
/**
 * The hub as samlify sees it: built from the IdP metadata the hub publishes, so its signing
 * certificate(s) come from there and nowhere else. Fetched on first use (the hub may start after the
 * publisher) and again after `refreshMs`, so a key rollover at the hub reaches the publisher.
 */
class HubMetadata {
    metadataUrl;
    refreshMs;
    cached = null;
    constructor(metadataUrl, refreshMs = 5 * 60_000) {
        this.metadataUrl = metadataUrl;
        this.refreshMs = refreshMs;
    }
    async identityProvider() {
        if (this.cached && Date.now() - this.cached.at < this.refreshMs)
            return this.cached.idp;
        const res = await fetch(this.metadataUrl, { signal: AbortSignal.timeout(5000), redirect: 'error' });
        if (!res.ok)
            throw new Error(`Leerpoort metadata ${this.metadataUrl}: HTTP ${res.status}`);
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
    forget() {
        this.cached = null;
    }
}
exports.HubMetadata = HubMetadata;
//# sourceMappingURL=saml.js.map
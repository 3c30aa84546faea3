// oidc-provider (ESM, no bundled types) is loaded with a real dynamic import in src/oidc/provider.ts and
// used through the narrow interfaces declared there.
declare module 'oidc-provider';

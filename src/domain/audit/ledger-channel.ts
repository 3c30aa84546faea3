import type { LedgerRow } from '../model';

const CHANNEL_NAMES = { sso: 'SAML SSO', api: 'API', oidc: 'OpenID Connect' } as const;

/** Who received a ledger row's data: the SAML SP's entity ID, the API client or the OIDC client (or ''). */
export const ledgerRecipient = (r: Pick<LedgerRow, 'serviceProviderEntityId' | 'apiClientId' | 'oidcClientId'>): string =>
  r.serviceProviderEntityId ?? r.apiClientId ?? r.oidcClientId ?? '';

/**
 * How a ledger row's data left the hub, for people (the management screen, the CLI): the channel's name
 * and, for OpenID Connect, the client — one home for this wording.
 */
export const ledgerChannelLabel = (r: Pick<LedgerRow, 'channel' | 'oidcClientId'>): string =>
  r.channel === 'oidc' && r.oidcClientId ? `${CHANNEL_NAMES.oidc} (${r.oidcClientId})` : CHANNEL_NAMES[r.channel];

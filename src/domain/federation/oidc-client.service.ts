import crypto from 'node:crypto';
import { NotFoundError, ValidationError } from '../errors';
import type { PasswordHasher } from '../identity/ports';
import { findParticipantByName } from '../licensing/participant.service';
import type { Actor, Participant } from '../model';
import type { Repositories, UnitOfWork } from '../ports';
import { checkEndpointUrl } from './endpoint-url';
import { OIDC_AUTH_METHODS, type OidcClientRecord, type OidcTokenEndpointAuthMethod } from './oidc-client';

/**
 * Registration of participants' OpenID Connect clients (issue 18) and every rule it has, in one place:
 * the CLI (`participant oidc-client …`) and the operator console call this service, the provider only
 * reads what it stored. Clients use the authorization code flow with PKCE (the provider enforces it);
 * here: where the hub may send a browser back to, and how the client proves who it is.
 */

/** What an operator gives (strings as typed; the JWKS as JSON text, e.g. the file's content). */
export interface OidcClientInput {
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris?: readonly string[];
  readonly backchannelLogoutUri?: string | null;
  /** Default: client_secret_basic, or private_key_jwt when a JWKS is given. */
  readonly tokenEndpointAuthMethod?: string | null;
  readonly jwks?: string | null;
  readonly refreshTokensAllowed?: boolean;
}

/** The participant by name (CLI) or by id (the console's participant page). */
export type ParticipantRef = { readonly name: string } | { readonly id: string };

export const OIDC_LIMITS = Object.freeze({
  redirectUris: 10,
  postLogoutRedirectUris: 10,
  uriLength: 2000,
  jwksBytes: 64 * 1024,
  keys: 10,
  /** Random bytes of a generated client secret (base64url: 43 characters). */
  secretBytes: 32,
});

/** Members of a JWK that belong to a private or symmetric key: never in a client's registered keys. */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const JWK_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * One redirect-type URI: absolute, https (plain http on loopback only outside production — the rule
 * SAML endpoints follow), no fragment (the code must not ride in it), no wildcard (matching is exact:
 * the URI is stored as typed and compared byte for byte).
 */
export function checkOidcUri(value: string, what: string, httpOnLoopback: boolean): string {
  const uri = value.trim();
  if (!uri) throw new ValidationError(`${what} must not be empty`);
  if (uri.length > OIDC_LIMITS.uriLength) throw new ValidationError(`${what}: at most ${OIDC_LIMITS.uriLength} characters`);
  if (/\s/.test(uri) || [...uri].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f))
    throw new ValidationError(`${what}: '${uri}' must not contain spaces or control characters`);
  if (uri.includes('*')) throw new ValidationError(`${what}: '${uri}' must not contain a wildcard (*); redirect URIs match exactly`);
  if (uri.includes('#')) throw new ValidationError(`${what}: '${uri}' must not contain a fragment (#)`);
  checkEndpointUrl(uri, what, httpOnLoopback);
  return uri;
}

/** A list of URIs, each checked, duplicates dropped (first one kept), within the limit. */
function checkUris(values: readonly string[], what: string, max: number, httpOnLoopback: boolean): string[] {
  const out: string[] = [];
  for (const v of values) {
    const uri = checkOidcUri(v, what, httpOnLoopback);
    if (!out.includes(uri)) out.push(uri);
  }
  if (out.length > max) throw new ValidationError(`at most ${max} ${what}s`);
  return out;
}

/**
 * A client's JWKS for private_key_jwt: public signing keys only (RSA ≥ 2048 bits, EC, Ed25519/Ed448).
 * A private or symmetric key is refused — its owner must treat it as leaked. What is stored is each key's
 * public part as node:crypto reads it, plus `kid`, `use` and `alg`: nothing else from the file survives.
 */
export function checkJwks(text: string): { keys: object[] } {
  if (Buffer.byteLength(text, 'utf8') > OIDC_LIMITS.jwksBytes) throw new ValidationError('the JWKS is larger than 64 kB');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ValidationError('the JWKS is not valid JSON');
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Array.isArray(keys) || keys.length === 0)
    throw new ValidationError('the JWKS must be an object {"keys": [ … ]} with at least one key');
  if (keys.length > OIDC_LIMITS.keys) throw new ValidationError(`the JWKS may hold at most ${OIDC_LIMITS.keys} keys`);
  const kids = new Set<string>();
  return {
    keys: keys.map((key: unknown, i) => {
      const what = `JWKS key ${i + 1}`;
      if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new ValidationError(`${what} is not a JSON object`);
      const jwk = key as Record<string, unknown>;
      const secret = PRIVATE_JWK_MEMBERS.filter((m) => m in jwk);
      if (secret.length || jwk.kty === 'oct')
        throw new ValidationError(
          `${what} contains private key material (${secret.length ? secret.join(', ') : 'kty oct'}); register public keys only and replace this key — it was shared`,
        );
      if (jwk.use !== undefined && jwk.use !== 'sig') throw new ValidationError(`${what}: use must be 'sig'`);
      if (jwk.alg !== undefined && !JWK_ALGORITHMS.includes(String(jwk.alg)))
        throw new ValidationError(`${what}: alg must be one of ${JWK_ALGORITHMS.join(', ')}`);
      if (jwk.kid !== undefined) {
        if (typeof jwk.kid !== 'string' || !jwk.kid || jwk.kid.length > 200)
          throw new ValidationError(`${what}: kid must be a short string`);
        if (kids.has(jwk.kid)) throw new ValidationError(`${what}: kid '${jwk.kid}' is used twice`);
        kids.add(jwk.kid);
      }
      let publicKey: crypto.KeyObject;
      try {
        publicKey = crypto.createPublicKey({ key: jwk as crypto.JsonWebKey, format: 'jwk' });
      } catch {
        throw new ValidationError(`${what} is not a valid public key`);
      }
      const type = publicKey.asymmetricKeyType;
      if (type === 'rsa' && (publicKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)
        throw new ValidationError(`${what}: RSA keys need at least 2048 bits`);
      if (!['rsa', 'rsa-pss', 'ec', 'ed25519', 'ed448'].includes(type ?? ''))
        throw new ValidationError(`${what}: key type ${type} cannot sign a client assertion`);
      const { kid, use, alg } = jwk;
      return { ...publicKey.export({ format: 'jwk' }), ...(kid ? { kid } : {}), ...(use ? { use } : {}), ...(alg ? { alg } : {}) };
    }),
  };
}

/** The checked registration, ready to store (without id, participant and secret). */
export interface CheckedOidcClient {
  readonly redirectUris: string[];
  readonly postLogoutRedirectUris: string[];
  readonly backchannelLogoutUri: string | null;
  readonly tokenEndpointAuthMethod: OidcTokenEndpointAuthMethod;
  readonly jwks: { keys: object[] } | null;
  readonly refreshTokensAllowed: boolean;
}

/** Every registration rule, for the CLI and the console alike. */
export function checkOidcClient(input: OidcClientInput, httpOnLoopback: boolean): CheckedOidcClient {
  const jwksText = typeof input.jwks === 'string' && input.jwks.trim() ? input.jwks : null;
  const method = (input.tokenEndpointAuthMethod?.trim() ||
    (jwksText ? 'private_key_jwt' : 'client_secret_basic')) as OidcTokenEndpointAuthMethod;
  if (!OIDC_AUTH_METHODS.includes(method))
    throw new ValidationError(
      `token endpoint authentication must be one of ${OIDC_AUTH_METHODS.join(', ')} (public clients are not supported)`,
    );
  if (method === 'private_key_jwt' && !jwksText) throw new ValidationError('private_key_jwt needs the client’s public keys (a JWKS)');
  if (method !== 'private_key_jwt' && jwksText) throw new ValidationError(`a JWKS is only for private_key_jwt, not ${method}`);
  const redirectUris = checkUris(input.redirectUris, 'redirect URI', OIDC_LIMITS.redirectUris, httpOnLoopback);
  if (redirectUris.length === 0) throw new ValidationError('at least one redirect URI is needed');
  const backchannel =
    typeof input.backchannelLogoutUri === 'string' && input.backchannelLogoutUri.trim() ? input.backchannelLogoutUri : null;
  return {
    redirectUris,
    postLogoutRedirectUris: checkUris(
      input.postLogoutRedirectUris ?? [],
      'post-logout redirect URI',
      OIDC_LIMITS.postLogoutRedirectUris,
      httpOnLoopback,
    ),
    backchannelLogoutUri: backchannel === null ? null : checkOidcUri(backchannel, 'back-channel logout URI', httpOnLoopback),
    tokenEndpointAuthMethod: method,
    jwks: jwksText ? checkJwks(jwksText) : null,
    refreshTokensAllowed: input.refreshTokensAllowed === true,
  };
}

const newClientId = () => `lp-${crypto.randomBytes(18).toString('base64url')}`;
const newSecret = () => crypto.randomBytes(OIDC_LIMITS.secretBytes).toString('base64url');

/** Audit details: facts about the registration (hosts and counts), never the secret or its hash. */
const facts = (c: OidcClientRecord) => ({
  clientId: c.clientId,
  participantId: c.participantId,
  redirectUris: c.redirectUris,
  postLogoutRedirectUris: c.postLogoutRedirectUris.length,
  backchannelLogout: c.backchannelLogoutUri !== null,
  tokenEndpointAuthMethod: c.tokenEndpointAuthMethod,
  keys: c.jwks?.keys.length ?? 0,
  refreshTokensAllowed: c.refreshTokensAllowed,
});

type Repos = Pick<Repositories, 'audit' | 'oidcClients' | 'participants' | 'productIcons' | 'products'>;

async function findParticipant(repos: Repos, ref: ParticipantRef): Promise<Participant> {
  if ('name' in ref) return findParticipantByName(repos, ref.name);
  const participant = /^[0-9a-f-]{36}$/i.test(ref.id) ? await repos.participants.findById(ref.id) : null;
  if (!participant) throw new NotFoundError('unknown participant');
  return participant;
}

/** A new client, or a new secret: the secret is in this object only, once (the hub keeps its hash). */
export interface IssuedOidcClient {
  readonly client: OidcClientRecord;
  readonly participant: Participant;
  readonly clientSecret: string | null;
}

export class OidcClientService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    /** Plain-http URIs on loopback (never in production), as SAML endpoints. */
    private readonly httpOnLoopback: boolean,
  ) {}

  async add(participant: ParticipantRef, input: OidcClientInput, actor: Actor): Promise<IssuedOidcClient> {
    const checked = checkOidcClient(input, this.httpOnLoopback);
    const clientSecret = checked.tokenEndpointAuthMethod === 'private_key_jwt' ? null : newSecret();
    // Hashed before the transaction: argon2id takes a while and must not hold a connection.
    const secretHash = clientSecret === null ? null : await this.hasher.hash(clientSecret);
    return this.uow.run(async (repos) => {
      const owner = await findParticipant(repos, participant);
      const client = await repos.oidcClients.add({ ...checked, clientId: newClientId(), participantId: owner.id, secretHash });
      await repos.audit.record({
        actor,
        action: 'oidc_client.add',
        outcome: 'success',
        targetType: 'oidc_client',
        targetId: client.clientId,
        details: facts(client),
      });
      return { client, participant: owner, clientSecret };
    });
  }

  async list(participant: ParticipantRef): Promise<{ participant: Participant; clients: OidcClientRecord[] }> {
    return this.uow.run(async (repos) => {
      const owner = await findParticipant(repos, participant);
      return { participant: owner, clients: await repos.oidcClients.listForParticipant(owner.id) };
    });
  }

  /**
   * Removes the client: the provider finds it no more, so no new login or token for it. With
   * `participantId` (the console's participant page) only a client of that participant.
   */
  async remove(clientId: string, actor: Actor, participantId?: string): Promise<OidcClientRecord> {
    return this.uow.run(async (repos) => {
      const client = await repos.oidcClients.findByClientId(clientId.trim());
      if (
        !client ||
        (participantId !== undefined && client.participantId !== participantId) ||
        !(await repos.oidcClients.remove(client.clientId))
      )
        throw new NotFoundError(`unknown OIDC client '${clientId}'`);
      await repos.audit.record({
        actor,
        action: 'oidc_client.remove',
        outcome: 'success',
        targetType: 'oidc_client',
        targetId: client.clientId,
        details: facts(client),
      });
      return client;
    });
  }

  /** A new secret, shown once; the old one stops working at once. Not for private_key_jwt clients (they rotate their keys). */
  async rotateSecret(clientId: string, actor: Actor): Promise<IssuedOidcClient & { clientSecret: string }> {
    const known = await this.uow.run((repos) => repos.oidcClients.findByClientId(clientId.trim()));
    if (!known) throw new NotFoundError(`unknown OIDC client '${clientId}'`);
    if (known.tokenEndpointAuthMethod === 'private_key_jwt')
      throw new ValidationError(`OIDC client '${known.clientId}' authenticates with private_key_jwt and has no secret`);
    const clientSecret = newSecret();
    const secretHash = await this.hasher.hash(clientSecret);
    return this.uow.run(async (repos) => {
      // Checked again inside the transaction: removed (or replaced) since the first look means no secret.
      if (!(await repos.oidcClients.replaceSecret(known.clientId, secretHash)))
        throw new NotFoundError(`unknown OIDC client '${clientId}'`);
      const client = (await repos.oidcClients.findByClientId(known.clientId))!;
      const participant = (await repos.participants.findById(client.participantId))!;
      await repos.audit.record({
        actor,
        action: 'oidc_client.rotate_secret',
        outcome: 'success',
        targetType: 'oidc_client',
        targetId: client.clientId,
        details: { clientId: client.clientId, participantId: client.participantId },
      });
      return { client, participant, clientSecret };
    });
  }
}

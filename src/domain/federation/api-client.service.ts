import crypto from 'node:crypto';
import { DUMMY_HASH } from '../identity/login.service';
import { type LoginThrottle, THROTTLE } from '../identity/login-throttle';
import { findParticipantByName } from '../licensing/participant.service';
import type { Actor, ApiClient } from '../model';
import type { PasswordHasher } from '../identity/ports';
import type { Repositories, UnitOfWork } from '../ports';

export type ClientAuthentication =
  | { readonly ok: true; readonly client: ApiClient }
  | { readonly ok: false; readonly reason: 'invalid' }
  | { readonly ok: false; readonly reason: 'throttled'; readonly retryAfterSeconds: number };

/** OAuth2 client credentials for participants: the secret is shown once and stored as an argon2id hash. */
export class ApiClientService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repos: Pick<Repositories, 'apiClients' | 'audit'>,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  async issue(participantName: string, actor: Actor): Promise<{ clientId: string; clientSecret: string }> {
    const clientId = `lp_${crypto.randomBytes(12).toString('base64url')}`;
    const clientSecret = crypto.randomBytes(32).toString('base64url');
    const secretHash = await this.hasher.hash(clientSecret);
    await this.uow.run(async (repos) => {
      const participant = await findParticipantByName(repos, participantName);
      const client = await repos.apiClients.insert({ clientId, secretHash, participantId: participant.id });
      await repos.audit.record({
        actor,
        action: 'api_client.issue',
        outcome: 'success',
        targetType: 'api_client',
        targetId: client.id,
        details: { participantId: participant.id, clientId },
      });
    });
    return { clientId, clientSecret };
  }

  /**
   * The client when id and secret match and it is not revoked. Counted per client id and per address
   * *before* the argon2id verification, so a flood of bogus credentials costs no hashing once over the
   * limit; unknown ids cost the same as known ones (DUMMY_HASH).
   */
  async authenticate(
    clientId: string,
    clientSecret: string,
    ip: string | null | undefined,
    now = new Date(),
  ): Promise<ClientAuthentication> {
    const admission = await this.throttle.admit(
      [this.throttle.guard('api-client', clientId, THROTTLE.perApiClient, 'clear'), await this.throttle.addressGuard('api', ip)],
      now,
    );
    if (!admission.ok) return { ok: false, reason: 'throttled', retryAfterSeconds: admission.retryAfterSeconds };
    const client = clientId ? await this.repos.apiClients.findWithSecret(clientId) : null;
    const ok = await this.hasher.verify(client?.secretHash ?? DUMMY_HASH, clientSecret);
    if (!client || !ok || client.revokedAt) return { ok: false, reason: 'invalid' };
    await admission.attempt.succeeded();
    return {
      ok: true,
      client: { id: client.id, clientId: client.clientId, participantId: client.participantId, revokedAt: client.revokedAt },
    };
  }
}

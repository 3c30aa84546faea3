import crypto from 'node:crypto';
import { DUMMY_HASH } from '../identity/login.service';
import { findParticipantByName } from '../licensing/participant.service';
import type { Actor, ApiClient } from '../model';
import type { PasswordHasher, Repositories, UnitOfWork } from '../ports';


/** OAuth2 client credentials for participants: the secret is shown once and stored as an argon2id hash. */
export class ApiClientService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repos: Repositories,
    private readonly hasher: PasswordHasher,
  ) {}

  async issue(participantName: string, actor: Actor): Promise<{ clientId: string; clientSecret: string }> {
    const clientId = `lp_${crypto.randomBytes(12).toString('base64url')}`;
    const clientSecret = crypto.randomBytes(32).toString('base64url');
    const secretHash = await this.hasher.hash(clientSecret);
    await this.uow.run(async (repos) => {
      const participant = await findParticipantByName(repos, participantName);
      const client = await repos.apiClients.insert({ clientId, secretHash, participantId: participant.id });
      await repos.audit.record({ actor, action: 'api_client.issue', outcome: 'success', targetType: 'api_client', targetId: client.id, details: { participantId: participant.id, clientId } });
    });
    return { clientId, clientSecret };
  }

  /** The client when id and secret match and it is not revoked; null otherwise (same cost either way, via DUMMY_HASH). */
  async authenticate(clientId: string, clientSecret: string): Promise<ApiClient | null> {
    const client = clientId ? await this.repos.apiClients.findWithSecret(clientId) : null;
    const ok = await this.hasher.verify(client?.secretHash ?? DUMMY_HASH, clientSecret);
    if (!client || !ok || client.revokedAt) return null;
    return { id: client.id, clientId: client.clientId, participantId: client.participantId, revokedAt: client.revokedAt };
  }
}

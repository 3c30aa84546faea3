import type { ApiClient, ServiceProvider, ServiceProviderRegistration } from '../model';

/** Storage of the participants' SAML SPs and API clients, and the message-ID replay cache. persistence/ implements these for PostgreSQL and PGlite; the contract suite runs against both. */

export interface ServiceProviderRepository {
  /** Inserts, or updates the SP with the same entity ID. */
  upsert(registration: ServiceProviderRegistration): Promise<{ serviceProvider: ServiceProvider; created: boolean }>;
  findByEntityId(entityId: string): Promise<ServiceProvider | null>;
  findById(id: string): Promise<ServiceProvider | null>;
  list(): Promise<ServiceProvider[]>;
  remove(entityId: string): Promise<boolean>;
  linkProduct(productId: string, serviceProviderId: string): Promise<void>;
  findByProductId(productId: string): Promise<ServiceProvider | null>;
}

/** Message IDs seen, shared by every hub process: a second use of an ID is a replay. */
export interface ReplayCache {
  /** true when the ID was new (and is now remembered until expiresAt), false when seen before. */
  remember(issuer: string, messageId: string, expiresAt: Date): Promise<boolean>;
}

export interface ApiClientRepository {
  insert(client: { clientId: string; secretHash: string; participantId: string }): Promise<ApiClient>;
  /** With the secret hash: the one lookup the token endpoint needs it for. */
  findWithSecret(clientId: string): Promise<(ApiClient & { secretHash: string }) | null>;
  find(clientId: string): Promise<ApiClient | null>;
  touch(clientId: string, at: Date): Promise<void>;
}

export interface RateLimitRepository {
  /** Counts one hit in the client's window and returns the hits so far (atomic across processes). */
  hit(clientId: string, windowStart: Date): Promise<number>;
}

/**
 * Storage of the OpenID Connect provider's records (oidc-provider's adapter contract): sessions,
 * interactions, grants, codes and tokens, by kind and id. persistence/ implements it for PostgreSQL and
 * PGlite; every hub process reads and writes the same rows.
 */

export interface OidcPayloadRecord {
  readonly payload: Record<string, unknown>;
  readonly expiresAt: Date | null;
  readonly consumedAt: Date | null;
}

export interface OidcPayloadStore {
  /** Inserts or replaces one record; `expiresAt` null: never expires on its own. */
  upsert(kind: string, id: string, payload: Record<string, unknown>, expiresAt: Date | null): Promise<void>;
  /** The record, also when consumed (the provider decides what a consumed code means); null when absent or expired. */
  find(kind: string, id: string, now: Date): Promise<OidcPayloadRecord | null>;
  findByUid(kind: string, uid: string, now: Date): Promise<OidcPayloadRecord | null>;
  findByUserCode(kind: string, userCode: string, now: Date): Promise<OidcPayloadRecord | null>;
  /**
   * Marks the record consumed, atomically: true only for the one caller that consumed it first (two
   * processes redeeming the same code cannot both succeed).
   */
  consume(kind: string, id: string, now: Date): Promise<boolean>;
  destroy(kind: string, id: string): Promise<void>;
  /** One person's live records of a kind (their provider sessions, to tell the clients before they end). */
  listForAccount(kind: string, accountId: string, now: Date): Promise<Array<Record<string, unknown>>>;
  /** The records of one kind issued under a grant; without `kind`, everything of the grant and the grant itself. */
  revokeByGrantId(grantId: string, kind?: string): Promise<number>;
  /** Every session, grant, code and token of one person (logging out everywhere, deletion). */
  destroyForAccount(accountId: string): Promise<number>;
}

/**
 * Ends a person's provider sessions, grants, codes and tokens, back-channel logout to the clients that
 * registered for it first (oidc/provider.ts endOidcForAccount): how the hub's logouts reach OpenID Connect.
 */
export type EndOidcForAccount = (personId: string) => Promise<{ records: number; notified: number }>;

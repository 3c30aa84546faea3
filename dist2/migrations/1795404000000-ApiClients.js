"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ApiClients1795404000000 = void 0;
/** OAuth2 client credentials of participants (secret hashed with argon2id) and per-client rate windows. */
class ApiClients1795404000000 {
    name = 'ApiClients1795404000000';
    async up(q) {
        await q.query(`CREATE TABLE api_clients (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      client_id text NOT NULL CONSTRAINT api_clients_client_id_unique UNIQUE,
      secret_hash text NOT NULL CONSTRAINT api_clients_secret_argon2id CHECK (secret_hash LIKE '$argon2id$%'),
      participant_id uuid NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      last_used_at timestamptz
    )`);
        await q.query(`CREATE TABLE api_rate_windows (
      client_id text NOT NULL,
      window_start timestamptz NOT NULL,
      hits integer NOT NULL,
      PRIMARY KEY (client_id, window_start)
    )`);
    }
    async down(q) {
        await q.query('DROP TABLE api_rate_windows');
        await q.query('DROP TABLE api_clients');
    }
}
exports.ApiClients1795404000000 = ApiClients1795404000000;
//# sourceMappingURL=1795404000000-ApiClients.js.map
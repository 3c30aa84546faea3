import crypto from 'node:crypto';

/**
 * One-time links (staff password reset, parent password): 32 random bytes in the link, only their
 * SHA-256 in the database — a copy of the table cannot be turned into working links.
 */
export const newOneTimeToken = () => crypto.randomBytes(32).toString('base64url');
export const hashOneTimeToken = (token: string) => crypto.createHash('sha256').update(token).digest('base64url');

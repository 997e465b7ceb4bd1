import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'dbn_';
/** `dbn_` + 32 random bytes in base64url (43 characters). */
const TOKEN_PATTERN = /^dbn_[A-Za-z0-9_-]{43}$/;

/** A new bearer token. The prefix lets secret scanners recognise a leaked diaban token. */
export function generateTokenSecret(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/**
 * What the database keeps instead of the token. A plain SHA-256 suffices (no salt, no slow hash):
 * the token has 256 random bits, so there is nothing to brute-force, and lookups stay one index probe.
 */
export function hashTokenSecret(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

import { canonicalBytes } from './jcs.js';
import { InvalidSalt, LedgerError } from './errors.js';
import { equalBytes, sha256, type Hash } from './hashes.js';

/**
 * Personal data (a cadre's name, date of birth, phone) enters a leaf only as
 * SHA-256(salt || JCS(value)), with a 256-bit random salt kept beside the value in an erasable side
 * table. While both exist anyone holding them can check the leaf; once they are erased the leaf
 * still verifies, and the value cannot be recovered by guessing, because the salt is as strong as
 * the hash. The salt is the caller's (drawn from crypto.randomBytes(32)): this code stays pure.
 */
export const SALT_SIZE = 32;

export function commitmentDigest(value: unknown, salt: Uint8Array): Hash {
  if (salt.length !== SALT_SIZE) throw new InvalidSalt(`a commitment salt is ${SALT_SIZE} bytes, got ${salt.length}`);
  return sha256(salt, canonicalBytes(value));
}

/**
 * The commitment as events hold it (events/common.ts `commitment`), and so as the leaf bytes carry
 * it: the digest in lower-case hex. The vault keys its rows by the same text, so the value of an
 * event's commitment finds its row with no conversion.
 */
export function commitPersonal(value: unknown, salt: Uint8Array): string {
  return Buffer.from(commitmentDigest(value, salt)).toString('hex');
}

const HEX_DIGEST = /^[0-9a-f]{64}$/;

/** True when (value, salt) opens the commitment; false for anything else, never throws on input. */
export function verifyCommitment(value: unknown, salt: Uint8Array, commitment: string): boolean {
  if (!HEX_DIGEST.test(commitment) || salt.length !== SALT_SIZE) return false;
  const expected = Buffer.from(commitment, 'hex');
  try {
    return equalBytes(commitmentDigest(value, salt), expected);
  } catch (error) {
    if (error instanceof LedgerError) return false;
    throw error;
  }
}

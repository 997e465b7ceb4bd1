import { openCheckpoint } from './checkpoint.js';
import { cosignatureTimestamp, cosignatureVerifier } from './cosignature.js';
import { LedgerError } from './errors.js';
import { noteVerifier, type NoteVerifier } from './signedNote.js';

/**
 * A k-of-n witness policy (c2sp.org/tlog-cosignature: "Log clients can verify a quorum of
 * cosignatures to prevent split-view attacks before trusting an inclusion proof").
 */
export interface WitnessPolicy {
  /** The log's verifier key (type 0x01). */
  readonly log: string;
  /** The n witnesses' verifier keys (type 0x04; 0x01 keys are read as their 0x04 form). */
  readonly witnesses: readonly string[];
  /** k: how many distinct witnesses must have cosigned. */
  readonly threshold: number;
  /** Cosignatures claiming a later time (POSIX seconds) do not count; the spec lets verifiers refuse them. */
  readonly notAfter?: bigint;
}

/**
 * True when the checkpoint note is signed by the log and cosigned by at least `threshold` distinct
 * witnesses of the policy. Unknown signatures are ignored; a bad signature from a known key
 * rejects the note. Throws only for a malformed policy (its keys), never for the note.
 */
export function verifyWitnessPolicy(message: string | Uint8Array, policy: WitnessPolicy): boolean {
  const log = noteVerifier(policy.log);
  const witnesses = distinct(policy.witnesses.map(cosignatureVerifier));
  try {
    const { note } = openCheckpoint(message, log, witnesses);
    const cosigners = new Set(
      note.verified
        .filter((s) => witnesses.some((w) => w.name === s.name && w.keyId === s.keyId))
        .filter((s) => policy.notAfter === undefined || cosignatureTimestamp(s) <= policy.notAfter)
        .map((s) => `${s.name}+${s.keyId}`),
    );
    return cosigners.size >= policy.threshold;
  } catch (error) {
    if (error instanceof LedgerError) return false;
    throw error;
  }
}

/** The same witness listed twice is one witness. */
function distinct(verifiers: NoteVerifier[]): NoteVerifier[] {
  const seen = new Set<string>();
  return verifiers.filter((v) => !seen.has(`${v.name}+${v.keyId}`) && Boolean(seen.add(`${v.name}+${v.keyId}`)));
}

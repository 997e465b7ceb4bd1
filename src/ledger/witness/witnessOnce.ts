import { openCheckpoint, type Checkpoint } from '../checkpoint.js';
import { cosignatureSigner } from '../cosignature.js';
import { decodeBase64, encodeBase64 } from '../encoding.js';
import { equalBytes } from '../hashes.js';
import { noteVerifier, parseNote, signNote } from '../signedNote.js';
import { verifyConsistency } from '../verifyProofs.js';
import type { WitnessLog } from './LogClient.js';
import type { WitnessState } from './WitnessState.js';

/** The log showed something the witness must not cosign: its earlier view and this one disagree. */
export class WitnessRefusal extends Error {
  readonly code = 'WITNESS_INCONSISTENT_LOG';
  constructor(message: string) {
    super(message);
    this.name = 'WitnessRefusal';
  }
}

/** The witness was started wrongly (no log key to pin, or another key than the pinned one). */
export class WitnessSetupError extends Error {
  readonly code = 'WITNESS_SETUP';
  constructor(message: string) {
    super(message);
    this.name = 'WitnessSetupError';
  }
}

export interface WitnessRun {
  log: WitnessLog;
  /** The witness's signer key (PRIVATE+KEY+…), type 0x04 (or 0x01, read as 0x04). */
  skey: string;
  /** The last verified state; undefined on the first run, when `logVkey` must be given. */
  state: WitnessState | undefined;
  logVkey?: string;
  /** POSIX seconds, the cosignature's timestamp. */
  now(): bigint;
}

/**
 * One witness round (c2sp.org/tlog-witness, done client-side over diaban's API): fetch the newest
 * checkpoint, check the pinned log key signed it, check it extends the last verified one (RFC 9162
 * §2.1.4.2 consistency), cosign it (c2sp.org/tlog-cosignature) and post it. Returns the new state;
 * throws WitnessRefusal, and cosigns nothing, when the log is not an extension of what it saw.
 */
export async function witnessOnce(run: WitnessRun): Promise<{ state: WitnessState; checkpoint: Checkpoint; grewFrom: bigint }> {
  const pinned = run.state?.logVkey ?? run.logVkey;
  if (pinned === undefined) throw new WitnessSetupError('first run: the log key to pin is required (--log-vkey)');
  if (run.state && run.logVkey !== undefined && run.logVkey !== run.state.logVkey) {
    throw new WitnessSetupError(`--log-vkey differs from the key pinned in the state file (${run.state.logVkey})`);
  }
  const note = await run.log.checkpoint();
  let checkpoint: Checkpoint;
  try {
    checkpoint = openCheckpoint(note, noteVerifier(pinned)).checkpoint;
  } catch (error) {
    throw new WitnessRefusal(`the checkpoint is not signed by the pinned log key: ${(error as Error).message}`);
  }
  const grewFrom = await checkExtends(run, checkpoint);
  const logSigner = noteVerifier(pinned);
  const { text, signatures } = parseNote(note);
  // Post the log's signature and ours; other witnesses' lines are theirs to post.
  const own = signatures.filter((s) => s.name === logSigner.name && s.keyId === logSigner.keyId);
  const cosigned = signNote({ text, signatures: own }, [cosignatureSigner(run.skey, run.now())]);
  const state: WitnessState = { logVkey: pinned, origin: checkpoint.origin, size: checkpoint.size.toString(), rootHash: encodeBase64(checkpoint.rootHash), checkpoint: note };
  await run.log.postCosignature(cosigned);
  return { state, checkpoint, grewFrom };
}

/** Refuses a different origin, a smaller tree, another root for the same size, or a failed consistency proof. */
async function checkExtends(run: WitnessRun, next: Checkpoint): Promise<bigint> {
  const last = run.state;
  if (!last) return 0n;
  const [size, root] = [BigInt(last.size), decodeBase64(last.rootHash) as Uint8Array];
  if (next.origin !== last.origin) throw new WitnessRefusal(`origin ${next.origin} is not the pinned ${last.origin}`);
  if (next.size < size) throw new WitnessRefusal(`the log shrank from ${size} to ${next.size} leaves`);
  if (next.size === size) {
    if (!equalBytes(next.rootHash, root)) throw new WitnessRefusal(`two different roots signed for tree size ${size} (split view)`);
    return size;
  }
  if (size === 0n) return size; // every tree extends the empty one
  const proof = await run.log.consistency(size, next.size);
  if (!verifyConsistency(size, next.size, proof, root, next.rootHash)) {
    throw new WitnessRefusal(`tree size ${size} → ${next.size}: the consistency proof does not verify; the log rewrote its history`);
  }
  return size;
}

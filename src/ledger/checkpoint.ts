import { DECIMAL, UINT64_MAX, decodeBase64, encodeBase64 } from './encoding.js';
import { LedgerError, MalformedCheckpoint, NoteUnverified } from './errors.js';
import { HASH_SIZE, type Hash } from './hashes.js';
import { openNote, signNote, type NoteSigner, type NoteVerifier, type OpenedNote } from './signedNote.js';

/**
 * c2sp.org/tlog-checkpoint "Note text": origin line, tree size in decimal without leading zeros,
 * base64 root hash, then optional non-empty extension lines, each ending in a newline.
 */
export interface Checkpoint {
  readonly origin: string;
  readonly size: bigint;
  readonly rootHash: Hash;
  readonly extensions: readonly string[];
}

const CONTROL = /[\u0000-\u001f]|\p{Cs}/u;

export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions } = checkpoint;
  if (origin === '' || CONTROL.test(origin)) throw new MalformedCheckpoint('the origin is a non-empty line');
  if (size < 0n || size > UINT64_MAX) throw new MalformedCheckpoint(`tree size ${size} is not a uint64`);
  if (rootHash.length !== HASH_SIZE) throw new MalformedCheckpoint('the root hash is 32 bytes');
  if (extensions.some((line) => line === '' || CONTROL.test(line))) {
    throw new MalformedCheckpoint('extension lines are non-empty single lines');
  }
  return [origin, size.toString(), encodeBase64(rootHash), ...extensions].map((line) => `${line}\n`).join('');
}

/** Strict: anything `formatCheckpoint` would not have written is refused. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new MalformedCheckpoint('checkpoint text ends with a newline');
  const [origin = '', size = '', root = '', ...extensions] = text.slice(0, -1).split('\n');
  if (!DECIMAL.test(size) || BigInt(size) > UINT64_MAX) throw new MalformedCheckpoint(`bad tree size line ${JSON.stringify(size)}`);
  const rootHash = decodeBase64(root);
  if (rootHash?.length !== HASH_SIZE) throw new MalformedCheckpoint('the root hash line is the base64 of 32 bytes');
  const checkpoint = { origin, size: BigInt(size), rootHash, extensions };
  formatCheckpoint(checkpoint); // origin and extension rules live in one place
  return checkpoint;
}

export function signCheckpoint(checkpoint: Checkpoint, signer: NoteSigner): string {
  return signNote(formatCheckpoint(checkpoint), [signer]);
}

/**
 * Opens a checkpoint note that the log itself signed (other known signers do not count here), and
 * parses its body. Throws `LEDGER_NOTE_UNVERIFIED` when the log's signature is absent.
 */
export function openCheckpoint(
  message: string | Uint8Array,
  log: NoteVerifier,
  others: readonly NoteVerifier[] = [],
): { checkpoint: Checkpoint; note: OpenedNote } {
  const note = openNote(message, [log, ...others]);
  if (!note.verified.some((s) => s.name === log.name && s.keyId === log.keyId)) {
    throw new NoteUnverified(`the checkpoint is not signed by the log key ${log.name}`);
  }
  return { checkpoint: parseCheckpoint(note.text), note };
}

/** True when the note is a well-formed checkpoint signed by the log. */
export function verifyCheckpoint(message: string | Uint8Array, log: NoteVerifier): boolean {
  try {
    openCheckpoint(message, log);
    return true;
  } catch (error) {
    if (error instanceof LedgerError) return false;
    throw error;
  }
}

import { openCheckpoint, type Checkpoint } from '../../ledger/checkpoint.js';
import { equalBytes, leafHash } from '../../ledger/hashes.js';
import type { LedgerReader } from '../../ledger/postgres/LedgerReader.js';
import type { NoteVerifier } from '../../ledger/signedNote.js';
import { verifyConsistency, verifyInclusion } from '../../ledger/verifyProofs.js';
import type { InspectionCheck } from '../InspectionCheck.js';
import type { SealedEvent } from './leafChecks.js';

/** Opens a signed checkpoint note with the log's key; a string says why it is not one. */
export function openSigned(note: string, log: NoteVerifier): Checkpoint | string {
  try {
    return openCheckpoint(note, log).checkpoint;
  } catch (error) {
    return `not a checkpoint signed by ${log.name}: ${(error as Error).message}`;
  }
}

/** Every judged event's leaf is in the signed checkpoint: RFC 9162 §2.1.3.2 inclusion, verified here. */
export async function includedCheck(reader: LedgerReader, judged: readonly SealedEvent[], note: string, log: NoteVerifier): Promise<InspectionCheck> {
  const checkpoint = openSigned(note, log);
  if (typeof checkpoint === 'string') return { code: 'INTEGRITY_INCLUDED', ok: false, detail: `the latest checkpoint is ${checkpoint}` };
  const bad: string[] = [];
  for (const { event, leaf } of judged) {
    if (!leaf || leaf.leafIndex >= checkpoint.size) {
      bad.push(`position ${event.globalPosition} is not in the checkpoint of size ${checkpoint.size}`);
      continue;
    }
    const proof = await reader.inclusionProof(leaf.position, checkpoint.size);
    if (!verifyInclusion(leaf.leafIndex, checkpoint.size, leafHash(leaf.leafBytes), proof.proof, checkpoint.rootHash)) {
      bad.push(`position ${event.globalPosition}: the inclusion proof does not lead to the signed root`);
    }
  }
  return bad.length === 0
    ? { code: 'INTEGRITY_INCLUDED', ok: true, detail: `${judged.length} leaves included in the checkpoint of size ${checkpoint.size} signed by ${log.name}` }
    : { code: 'INTEGRITY_INCLUDED', ok: false, detail: bad.join('; ') };
}

/**
 * The latest checkpoint extends every earlier one: all the log stored and the ones the inspector
 * holds (notes, or sizes of stored ones). A failure is a fork: two histories signed by one key.
 */
export async function consistentCheck(reader: LedgerReader, latestNote: string, log: NoteVerifier, known: readonly string[]): Promise<InspectionCheck> {
  const latest = openSigned(latestNote, log);
  if (typeof latest === 'string') return { code: 'INTEGRITY_CONSISTENT', ok: false, detail: `the latest checkpoint is ${latest}` };
  const stored = (await allCheckpoints(reader)).filter((c) => c.treeSize <= latest.size).map((c) => c.note);
  const bad: string[] = [];
  for (const note of [...stored, ...known]) {
    const earlier = openSigned(note, log);
    if (typeof earlier === 'string') {
      bad.push(`an earlier checkpoint is ${earlier}`);
      continue;
    }
    if (earlier.size > latest.size) continue; // newer than the one judged: nothing to prove here
    const ok = earlier.size === latest.size
      ? equalBytes(earlier.rootHash, latest.rootHash)
      : verifyConsistency(earlier.size, latest.size, await reader.consistencyProof(earlier.size, latest.size), earlier.rootHash, latest.rootHash);
    if (!ok) bad.push(`the checkpoint of size ${latest.size} is not an extension of the one of size ${earlier.size}`);
  }
  const count = stored.length + known.length;
  return bad.length === 0
    ? { code: 'INTEGRITY_CONSISTENT', ok: true, detail: `consistent with ${count} earlier checkpoints (${known.length} held by the inspector)` }
    : { code: 'INTEGRITY_CONSISTENT', ok: false, detail: bad.join('; ') };
}

async function allCheckpoints(reader: LedgerReader) {
  const rows = [];
  for (let from = 1n; ; ) {
    const page = await reader.checkpoints(from, 500);
    rows.push(...page);
    const last = page[page.length - 1];
    if (page.length < 500 || !last) return rows;
    from = last.treeSize + 1n;
  }
}

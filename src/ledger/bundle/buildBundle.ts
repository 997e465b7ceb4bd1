import { parseCheckpoint } from '../checkpoint.js';
import { encodeBase64 } from '../encoding.js';
import { InvalidTreeArgument } from '../errors.js';
import { LedgerRangeError } from '../postgres/errors.js';
import type { LedgerReader } from '../postgres/LedgerReader.js';
import { parseNote } from '../signedNote.js';
import { CheckpointNotFound } from '../witness/errors.js';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type Bundle, type BundleConsistency, type BundleFact } from './Bundle.js';

export interface BuildBundleOptions {
  /** Add a consistency proof from an earlier checkpoint: one the log stored (by size) or the holder's own note. */
  since?: { size: bigint } | { note: string };
  facts?: BundleFact[];
}

/**
 * A bundle for the given positions against the latest checkpoint (with its cosignatures). Throws
 * LEDGER_OUT_OF_RANGE (field `positions`) for a position not sealed or not yet checkpointed.
 */
export async function buildBundle(reader: LedgerReader, positions: readonly bigint[], options: BuildBundleOptions = {}): Promise<Bundle> {
  const meta = await reader.meta();
  const latest = await reader.latestCheckpoint();
  if (!meta || !latest) throw new CheckpointNotFound('the log has signed no checkpoint yet');
  const leaves = [];
  for (const position of [...new Set(positions)].sort((a, b) => (a < b ? -1 : 1))) {
    const leaf = await reader.leafAt(position);
    if (!leaf || leaf.leafIndex >= latest.treeSize) {
      throw new LedgerRangeError(`position ${position} is not in the latest checkpoint (size ${latest.treeSize})`, 'positions');
    }
    const proof = await reader.inclusionProof(position, latest.treeSize);
    leaves.push({
      position: position.toString(),
      leafIndex: leaf.leafIndex.toString(),
      leafBytes: encodeBase64(leaf.leafBytes),
      inclusionProof: proof.proof.map(encodeBase64),
    });
  }
  const consistency = options.since ? await consistencyFrom(reader, options.since, latest.treeSize) : undefined;
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    origin: meta.origin,
    vkey: meta.vkey,
    checkpoint: latest.note,
    leaves,
    ...(consistency ? { consistency } : {}),
    facts: options.facts ?? [],
  };
}

async function consistencyFrom(reader: LedgerReader, since: { size: bigint } | { note: string }, to: bigint): Promise<BundleConsistency> {
  const note = 'note' in since ? since.note : (await reader.checkpointAt(since.size))?.note;
  if (note === undefined) throw new CheckpointNotFound(`the log signed no checkpoint of size ${'size' in since ? since.size : '?'}`);
  const from = parseCheckpoint(parseNote(note).text).size;
  if (from < 1n || from > to) throw new InvalidTreeArgument(`consistency needs 1 ≤ ${from} ≤ ${to}`);
  return { fromCheckpoint: note, proof: (await reader.consistencyProof(from, to)).map(encodeBase64) };
}

import { sql } from 'kysely';
import type { Database } from '../../db/Database.js';
import type { EventStore, StoredEvent } from '../../store/EventStore.js';
import { openCheckpoint } from '../checkpoint.js';
import { appendLeaf, emptyCompactRange, rootOf } from '../compactRange.js';
import { eventLeafBytes, eventLeafBytesFast } from '../eventLeaf.js';
import { equalBytes, leafHash, type Hash } from '../hashes.js';
import { noteVerifier } from '../signedNote.js';
import { verifyConsistency } from '../verifyProofs.js';
import { LedgerReader } from './LedgerReader.js';
import { toBigint, toBytes } from './ledgerRows.js';

export interface VerifyFailure {
  /** What broke: an event/leaf pair, a checkpoint, or the ledger's own bookkeeping. */
  kind: 'event' | 'leaf' | 'checkpoint';
  position?: bigint;
  treeSize?: bigint;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  leaves: bigint;
  checkpoints: number;
  /** Committed events not sealed yet (not a failure). */
  unsealed: number;
  failure?: VerifyFailure;
}

export interface VerifyOptions {
  /** The log's verifier key; default the one recorded in ledger_meta. */
  vkey?: string;
  onProgress?: (done: bigint, total: bigint) => void;
  pageSize?: number;
}

interface LeafRow {
  leaf_index: string | bigint;
  global_position: string | bigint;
  stream_id: string;
  leaf_bytes: Uint8Array;
  leaf_hash: Uint8Array;
}

/**
 * `diaban verify`: recomputes every leaf from the stored event, checks every per-stream chain (each
 * leaf embeds the previous leaf hash of its stream, recomputed here), rebuilds the tree, and checks
 * every stored checkpoint's signature and root, and the consistency proof served between
 * consecutive checkpoints. Stops at the first failure and names it.
 */
export async function verifyLedger(database: Database, store: EventStore, options: VerifyOptions = {}): Promise<VerifyResult> {
  const db = database.db;
  const reader = new LedgerReader(database);
  const meta = await reader.meta();
  const pageSize = options.pageSize ?? 5000;
  const checkpoints = (
    await sql<{ tree_size: string | bigint; root_hash: Uint8Array; note: string }>`
      SELECT tree_size, root_hash, note FROM ledger_checkpoints ORDER BY tree_size`.execute(db)
  ).rows.map((r) => ({ size: toBigint(r.tree_size), root: toBytes(r.root_hash), note: r.note }));
  const total = await reader.sealedSize();
  const result = (failure?: VerifyFailure, leaves = 0n, unsealed = 0): VerifyResult => ({
    ok: !failure, leaves, checkpoints: checkpoints.length, unsealed, ...(failure ? { failure } : {}),
  });
  if (!meta) return checkpoints.length === 0 && total === 0n ? result() : result({ kind: 'checkpoint', message: 'ledger_meta is missing' });
  const verifier = noteVerifier(options.vkey ?? meta.vkey);
  const events = eventCursor(store, pageSize);
  const prev = new Map<string, Hash>();
  let range = emptyCompactRange;
  let nextCheckpoint = 0;
  let last: { size: bigint; root: Hash } | undefined;

  const checkCheckpointsAt = async (size: bigint, root: Hash): Promise<VerifyFailure | undefined> => {
    for (; nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint]!.size === size; nextCheckpoint++) {
      const cp = checkpoints[nextCheckpoint]!;
      let signed;
      try {
        signed = openCheckpoint(cp.note, verifier).checkpoint;
      } catch (err) {
        return { kind: 'checkpoint', treeSize: size, message: `checkpoint ${size}: signature or format invalid (${(err as Error).message})` };
      }
      if (signed.size !== size || signed.origin !== meta.origin || !equalBytes(signed.rootHash, cp.root) || !equalBytes(cp.root, root)) {
        return { kind: 'checkpoint', treeSize: size, message: `checkpoint ${size}: root does not match the tree rebuilt from the events` };
      }
      if (last && last.size > 0n) {
        const proof = await reader.consistencyProof(last.size, size);
        if (!verifyConsistency(last.size, size, proof, last.root, root)) {
          return { kind: 'checkpoint', treeSize: size, message: `checkpoints ${last.size} → ${size}: the served consistency proof does not verify` };
        }
      }
      last = { size, root };
    }
    return undefined;
  };

  const empty = await checkCheckpointsAt(0n, rootOf(range));
  if (empty) return result(empty);
  for (let from = 0n; ; ) {
    const page = (
      await sql<LeafRow>`
        SELECT leaf_index, global_position, stream_id, leaf_bytes, leaf_hash FROM ledger_leaves
        WHERE leaf_index >= ${from.toString()} ORDER BY leaf_index LIMIT ${pageSize}`.execute(db)
    ).rows;
    if (page.length === 0) break;
    for (const row of page) {
      const index = toBigint(row.leaf_index);
      const position = toBigint(row.global_position);
      if (index !== range.size) return result({ kind: 'leaf', position, message: `leaf index ${index} found where ${range.size} was expected` }, range.size);
      const event = await events.next();
      if (!event || event.globalPosition > position) {
        return result({ kind: 'event', position, message: `the event at position ${position} is missing (its leaf remains)` }, range.size);
      }
      if (event.globalPosition < position) {
        return result({ kind: 'event', position: event.globalPosition, message: `the event at position ${event.globalPosition} has no leaf in order (inserted or moved?)` }, range.size);
      }
      const bytes = toBytes(row.leaf_bytes);
      const before = prev.get(event.streamId) ?? null;
      if (!equalBytes(eventLeafBytesFast(event, meta.origin, before), bytes) && !sameSlow(event, meta.origin, before, bytes)) {
        return result({ kind: 'event', position, message: `the event at position ${position} does not match its sealed leaf (changed, or its stream's chain is broken)` }, range.size);
      }
      const hash = leafHash(bytes);
      if (!equalBytes(hash, toBytes(row.leaf_hash))) {
        return result({ kind: 'leaf', position, message: `the stored leaf hash at position ${position} is not the hash of its bytes` }, range.size);
      }
      prev.set(event.streamId, hash);
      range = appendLeaf(range, hash).range;
      if (nextCheckpoint < checkpoints.length && checkpoints[nextCheckpoint]!.size === range.size) {
        const failure = await checkCheckpointsAt(range.size, rootOf(range));
        if (failure) return result(failure, range.size);
      }
    }
    from = toBigint(page[page.length - 1]!.leaf_index) + 1n;
    options.onProgress?.(range.size, total);
  }
  if (nextCheckpoint < checkpoints.length) {
    const cp = checkpoints[nextCheckpoint]!;
    return result({ kind: 'checkpoint', treeSize: cp.size, message: `checkpoint ${cp.size} is beyond the ${range.size} leaves` }, range.size);
  }
  let unsealed = 0;
  while (await events.next()) unsealed++;
  return result(undefined, range.size, unsealed);
}

function sameSlow(event: StoredEvent, origin: string, prev: Hash | null, bytes: Uint8Array): boolean {
  try {
    return equalBytes(eventLeafBytes(event, origin, prev), bytes);
  } catch {
    return false;
  }
}

/** Events in position order, a page at a time. */
function eventCursor(store: EventStore, pageSize: number): { next(): Promise<StoredEvent | undefined> } {
  let buffer: StoredEvent[] = [];
  let at = 0;
  let from = 1n;
  let done = false;
  return {
    async next() {
      if (at >= buffer.length && !done) {
        const page = await store.readAll({ fromPosition: from, limit: pageSize });
        buffer = page.events;
        at = 0;
        from = page.nextPosition;
        done = page.events.length < pageSize;
      }
      return at < buffer.length ? buffer[at++] : undefined;
    },
  };
}

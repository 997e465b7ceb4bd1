import { sql } from 'kysely';
import type { Database } from '../../db/Database.js';
import type { Hash } from '../hashes.js';
import { planConsistency, planInclusion } from '../proofPlan.js';
import { proofFromPlan } from '../proofs.js';
import { LedgerRangeError } from './errors.js';
import { fetchNodes, latestCheckpointRow, sealedHead, toBigint, toBytes, type CheckpointRow } from './ledgerRows.js';

export interface LeafRecord {
  position: bigint;
  leafIndex: bigint;
  streamId: string;
  leafBytes: Uint8Array;
  leafHash: Hash;
}

export interface InclusionProofRecord {
  position: bigint;
  treeSize: bigint;
  leafIndex: bigint;
  leafHash: Hash;
  proof: Hash[];
}

/**
 * Reads the stored log: checkpoints (with witnesses' cosignature lines appended to the note),
 * leaves, and proofs folded from at most O(log n) stored perfect subtrees fetched in one query.
 * Leaf index = the event's rank in position order from 0; it equals position − 1 unless an aborted
 * append left a gap in positions, so callers always go through `leafAt`.
 */
export class LedgerReader {
  constructor(private readonly database: Database) {}

  async meta(): Promise<{ origin: string; vkey: string } | undefined> {
    return (await sql<{ origin: string; vkey: string }>`SELECT origin, vkey FROM ledger_meta`.execute(this.database.db)).rows[0];
  }

  async sealedSize(): Promise<bigint> {
    return (await sealedHead(this.database.db)).size;
  }

  async latestCheckpoint(): Promise<CheckpointRow | undefined> {
    const row = await latestCheckpointRow(this.database.db);
    return row ? { ...row, note: await this.#withCosignatures(row.treeSize, row.note) } : undefined;
  }

  async checkpointAt(treeSize: bigint): Promise<CheckpointRow | undefined> {
    const rows = await sql<{ tree_size: string; root_hash: Uint8Array; note: string; created_at: Date }>`
      SELECT tree_size, root_hash, note, created_at FROM ledger_checkpoints WHERE tree_size = ${treeSize.toString()}`.execute(this.database.db);
    const r = rows.rows[0];
    if (!r) return undefined;
    return { treeSize: toBigint(r.tree_size), rootHash: toBytes(r.root_hash), note: await this.#withCosignatures(treeSize, r.note), createdAt: new Date(r.created_at) };
  }

  async checkpoints(fromSize: bigint, limit = 100): Promise<CheckpointRow[]> {
    const rows = await sql<{ tree_size: string; root_hash: Uint8Array; note: string; created_at: Date }>`
      SELECT tree_size, root_hash, note, created_at FROM ledger_checkpoints
      WHERE tree_size >= ${fromSize.toString()} ORDER BY tree_size LIMIT ${limit}`.execute(this.database.db);
    return Promise.all(
      rows.rows.map(async (r) => ({
        treeSize: toBigint(r.tree_size),
        rootHash: toBytes(r.root_hash),
        note: await this.#withCosignatures(toBigint(r.tree_size), r.note),
        createdAt: new Date(r.created_at),
      })),
    );
  }

  async leafAt(position: bigint): Promise<LeafRecord | undefined> {
    const rows = await sql<{ leaf_index: string; global_position: string; stream_id: string; leaf_bytes: Uint8Array; leaf_hash: Uint8Array }>`
      SELECT leaf_index, global_position, stream_id, leaf_bytes, leaf_hash FROM ledger_leaves
      WHERE global_position = ${position.toString()}`.execute(this.database.db);
    const r = rows.rows[0];
    return r
      ? { position: toBigint(r.global_position), leafIndex: toBigint(r.leaf_index), streamId: r.stream_id, leafBytes: toBytes(r.leaf_bytes), leafHash: toBytes(r.leaf_hash) }
      : undefined;
  }

  async inclusionProof(position: bigint, treeSize: bigint): Promise<InclusionProofRecord> {
    const leaf = await this.leafAt(position);
    if (!leaf) throw new LedgerRangeError(`position ${position} is not sealed`, 'position');
    const size = await this.sealedSize();
    if (treeSize > size) throw new LedgerRangeError(`tree size ${treeSize} exceeds the ${size} sealed leaves`, 'treeSize');
    if (leaf.leafIndex >= treeSize) throw new LedgerRangeError(`position ${position} (leaf ${leaf.leafIndex}) is not in a tree of size ${treeSize}`, 'treeSize');
    const plan = planInclusion(leaf.leafIndex, treeSize);
    const proof = proofFromPlan(plan, await fetchNodes(this.database.db, plan.nodes));
    return { position, treeSize, leafIndex: leaf.leafIndex, leafHash: leaf.leafHash, proof };
  }

  async consistencyProof(from: bigint, to: bigint): Promise<Hash[]> {
    const size = await this.sealedSize();
    if (to > size) throw new LedgerRangeError(`tree size ${to} exceeds the ${size} sealed leaves`, 'to');
    if (from < 1n || from > to) throw new LedgerRangeError(`consistency needs 1 ≤ from ≤ to (from ${from}, to ${to})`, 'from');
    const plan = planConsistency(from, to);
    return proofFromPlan(plan, await fetchNodes(this.database.db, plan.nodes));
  }

  /** C2SP tlog-cosignature lines go after the log's own signature in the same note. */
  async #withCosignatures(treeSize: bigint, note: string): Promise<string> {
    const rows = await sql<{ line: string }>`
      SELECT line FROM ledger_cosignatures WHERE tree_size = ${treeSize.toString()} ORDER BY witness, key_id`.execute(this.database.db);
    return rows.rows.length === 0 ? note : note + rows.rows.map((r) => `${r.line}\n`).join('');
  }
}

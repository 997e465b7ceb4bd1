import { sql } from 'kysely';
import type { Database } from '../../db/Database.js';
import type { Hash } from '../hashes.js';
import { planConsistency, planInclusion } from '../proofPlan.js';
import { proofFromPlan } from '../proofs.js';
import { LedgerRangeError } from './errors.js';
import { fetchLeafWithNodes, fetchNodes, latestCheckpointRow, sealedHead, toBigint, toBytes, type CheckpointRow } from './ledgerRows.js';

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
  /**
   * A tree size known to be sealed. Leaves are append-only, so it stays true: proofs for sizes up to
   * it skip asking how many leaves there are (one round trip of the one or two a proof takes).
   */
  #sealedAtLeast = 0n;

  constructor(private readonly database: Database) {}

  async meta(): Promise<{ origin: string; vkey: string } | undefined> {
    return (await sql<{ origin: string; vkey: string }>`SELECT origin, vkey FROM ledger_meta`.execute(this.database.db)).rows[0];
  }

  async sealedSize(): Promise<bigint> {
    const { size } = await sealedHead(this.database.db);
    if (size > this.#sealedAtLeast) this.#sealedAtLeast = size;
    return size;
  }

  /** Throws LEDGER_OUT_OF_RANGE unless a tree of `size` is sealed. */
  async #assertSealed(size: bigint, field: string): Promise<void> {
    if (size <= this.#sealedAtLeast) return;
    const sealed = await this.sealedSize();
    if (size > sealed) throw new LedgerRangeError(`tree size ${size} exceeds the ${sealed} sealed leaves`, field);
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

  /**
   * One round trip when positions have no gaps: the proof is planned for leaf index position − 1
   * and its nodes fetched with the leaf; a second fetch only when the leaf's index is another.
   */
  async inclusionProof(position: bigint, treeSize: bigint): Promise<InclusionProofRecord> {
    const guess = position - 1n;
    const guessed = guess >= 0n && guess < treeSize ? planInclusion(guess, treeSize) : undefined;
    const { leaf: row, nodes } = await fetchLeafWithNodes(this.database.db, position, guessed?.nodes ?? []);
    if (!row) throw new LedgerRangeError(`position ${position} is not sealed`, 'position');
    await this.#assertSealed(treeSize, 'treeSize');
    const leafIndex = toBigint(row.leaf_index);
    if (leafIndex >= treeSize) throw new LedgerRangeError(`position ${position} (leaf ${leafIndex}) is not in a tree of size ${treeSize}`, 'treeSize');
    const plan = leafIndex === guess && guessed ? guessed : planInclusion(leafIndex, treeSize);
    const proof = proofFromPlan(plan, plan === guessed ? nodes : await fetchNodes(this.database.db, plan.nodes));
    return { position, treeSize, leafIndex, leafHash: toBytes(row.leaf_hash), proof };
  }

  async consistencyProof(from: bigint, to: bigint): Promise<Hash[]> {
    await this.#assertSealed(to, 'to');
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

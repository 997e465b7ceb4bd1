import { sql, type Kysely } from 'kysely';
import { nodeKey, type NodeId } from '../nodeId.js';
import type { Hash } from '../hashes.js';

// Executors are Kysely instances or transactions; tables are typed where queried.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Executor = Kysely<any>;

export function toBigint(v: string | number | bigint): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** pg returns Buffer, PGlite Uint8Array: both are Uint8Array. */
export function toBytes(v: Uint8Array): Uint8Array {
  return v instanceof Uint8Array ? v : new Uint8Array(v);
}

/**
 * Fetches perfect-subtree hashes in one query: level 0 from ledger_leaves, higher levels from
 * ledger_nodes. Returns a map keyed by `nodeKey`, the NodeSource the proof functions take.
 */
export async function fetchNodes(db: Executor, ids: readonly NodeId[]): Promise<Map<string, Hash>> {
  const map = new Map<string, Hash>();
  if (ids.length === 0) return map;
  const leaves = ids.filter((id) => id.level === 0).map((id) => id.index.toString());
  const inner = ids.filter((id) => id.level > 0);
  const rows = await sql<{ level: number; idx: string | bigint; hash: Uint8Array }>`
    SELECT 0 AS level, leaf_index AS idx, leaf_hash AS hash FROM ledger_leaves
      WHERE leaf_index = ANY (${leaves}::bigint[])
    UNION ALL
    SELECT n.level, n.idx, n.hash FROM ledger_nodes n
      JOIN unnest(${inner.map((i) => i.level)}::smallint[], ${inner.map((i) => i.index.toString())}::bigint[]) AS w(level, idx)
        ON n.level = w.level AND n.idx = w.idx`.execute(db);
  for (const r of rows.rows) map.set(nodeKey({ level: Number(r.level), index: toBigint(r.idx) }), toBytes(r.hash));
  return map;
}

/** The number of leaves sealed so far and the position of the last one. */
export async function sealedHead(db: Executor): Promise<{ size: bigint; lastPosition: bigint }> {
  const rows = await sql<{ leaf_index: string | bigint; global_position: string | bigint }>`
    SELECT leaf_index, global_position FROM ledger_leaves ORDER BY leaf_index DESC LIMIT 1`.execute(db);
  const row = rows.rows[0];
  return row
    ? { size: toBigint(row.leaf_index) + 1n, lastPosition: toBigint(row.global_position) }
    : { size: 0n, lastPosition: 0n };
}

export interface CheckpointRow {
  treeSize: bigint;
  rootHash: Uint8Array;
  note: string;
  createdAt: Date;
}

export async function latestCheckpointRow(db: Executor): Promise<CheckpointRow | undefined> {
  const rows = await sql<{ tree_size: string | bigint; root_hash: Uint8Array; note: string; created_at: Date }>`
    SELECT tree_size, root_hash, note, created_at FROM ledger_checkpoints ORDER BY tree_size DESC LIMIT 1`.execute(db);
  const r = rows.rows[0];
  return r ? { treeSize: toBigint(r.tree_size), rootHash: toBytes(r.root_hash), note: r.note, createdAt: new Date(r.created_at) } : undefined;
}

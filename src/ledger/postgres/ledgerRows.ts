import { sql, type Kysely } from 'kysely';
import { nodeCoverage, nodeKey, type NodeId } from '../nodeId.js';
import { nodeHash, type Hash } from '../hashes.js';

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
 * The lowest level of perfect subtree the sealer stores in ledger_nodes. Lower ones are folded
 * from the (at most 8) leaves they cover whenever a root or proof needs one: storing them was 7 in
 * 8 of the node rows, one more row per leaf, while a root or an inclusion proof needs at most one
 * per level (14 leaf hashes more to read, in the same call; a consistency proof two). Logs sealed
 * before this stored them too; they are not read.
 */
export const LOWEST_STORED_LEVEL = 4;

/**
 * Fetches perfect-subtree hashes in one call: level 0 from ledger_leaves, levels from
 * LOWEST_STORED_LEVEL from ledger_nodes, the levels between folded from their leaves. Returns a map
 * keyed by `nodeKey`, the NodeSource the proof functions take (a node whose rows are missing is
 * left out, and reading it fails with MissingNode).
 */
export async function fetchNodes(db: Executor, ids: readonly NodeId[]): Promise<Map<string, Hash>> {
  if (ids.length === 0) return new Map();
  return (await fetchLeafWithNodes(db, undefined, ids)).nodes;
}

/** A stored leaf row (ledger_leaves). */
export interface StoredLeafRow {
  leaf_index: string | bigint;
  global_position: string | bigint;
  stream_id: string;
  leaf_bytes: Uint8Array;
  leaf_hash: Uint8Array;
}

/** The leaf a proof is for: its place and hash (its bytes are not needed to prove it). */
export type ProofLeafRow = Omit<StoredLeafRow, 'leaf_bytes'>;

interface ProofRow {
  /** -1 for the leaf asked for by position, else the node's level. */
  level: number;
  idx: string | bigint;
  hash: Uint8Array;
  global_position: string | bigint | null;
  stream_id: string | null;
}

/**
 * The leaf at `position` (if given) and the perfect subtrees `ids` in one round trip (the
 * 0007_ledger_proof_rows function): a caller that can guess the leaf's index (position − 1 without
 * gaps) plans its proof before knowing it for sure. The function also answers the leaf's bytes;
 * they are left out of the select list, so a proof does not carry ~1 KB of hex it never reads.
 */
export async function fetchLeafWithNodes(
  db: Executor, position: bigint | undefined, ids: readonly NodeId[],
): Promise<{ leaf: ProofLeafRow | undefined; nodes: Map<string, Hash> }> {
  const leafIndices = new Set<bigint>();
  const folded: NodeId[] = [];
  const inner: NodeId[] = [];
  for (const id of ids) {
    if (id.level === 0) leafIndices.add(id.index);
    else if (id.level >= LOWEST_STORED_LEVEL) inner.push(id);
    else {
      folded.push(id);
      const { begin, end } = nodeCoverage(id);
      for (let i = begin; i < end; i++) leafIndices.add(i);
    }
  }
  const leaves = [...leafIndices].map(String);
  const rows = (
    await sql<ProofRow>`
      SELECT level, idx, hash, global_position, stream_id FROM ledger_proof_rows(
        ${position?.toString() ?? null}::bigint, ${leaves}::bigint[],
        ${inner.map((i) => i.level)}::smallint[], ${inner.map((i) => i.index.toString())}::bigint[])`.execute(db)
  ).rows;
  let leaf: ProofLeafRow | undefined;
  const nodes = new Map<string, Hash>();
  for (const r of rows) {
    const level = Number(r.level);
    if (level === -1) {
      leaf = { leaf_index: r.idx, global_position: r.global_position!, stream_id: r.stream_id!, leaf_hash: r.hash };
    } else {
      nodes.set(nodeKey({ level, index: toBigint(r.idx) }), toBytes(r.hash));
    }
  }
  for (const id of folded) {
    const hash = foldLeaves(nodes, id);
    if (hash) nodes.set(nodeKey(id), hash);
  }
  return { leaf, nodes };
}

/** The hash of perfect subtree `id` folded from its leaves' hashes in `nodes` (undefined if one is missing). */
function foldLeaves(nodes: ReadonlyMap<string, Hash>, id: NodeId): Hash | undefined {
  const { begin, end } = nodeCoverage(id);
  let level: Hash[] = [];
  for (let i = begin; i < end; i++) {
    const hash = nodes.get(nodeKey({ level: 0, index: i }));
    if (!hash) return undefined;
    level.push(hash);
  }
  while (level.length > 1) {
    const up: Hash[] = [];
    for (let i = 0; i < level.length; i += 2) up.push(nodeHash(level[i]!, level[i + 1]!));
    level = up;
  }
  return level[0];
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

import { InvalidTreeArgument, MissingNode } from './errors.js';
import type { Hash } from './hashes.js';

/**
 * A perfect (complete) subtree of the log: the hash of leaves [index·2^level, (index+1)·2^level).
 * Level 0 is a leaf hash. Storage keeps one row per perfect subtree; everything else (roots and
 * proofs over ragged right edges) is folded from these, RFC 9162 §2.1.
 */
export interface NodeId {
  readonly level: number;
  readonly index: bigint;
}

/** Where a proof builder reads perfect-subtree hashes: a map keyed by `nodeKey`, or a getter. */
export type NodeSource = ReadonlyMap<string, Hash> | ((id: NodeId) => Hash | undefined);

export function nodeId(level: number, index: bigint): NodeId {
  return { level, index };
}

/** Stable map key for a node id. */
export function nodeKey(id: NodeId): string {
  return `${id.level}/${id.index}`;
}

/** The leaves [begin, end) a node covers. */
export function nodeCoverage(id: NodeId): { begin: bigint; end: bigint } {
  const width = 1n << BigInt(id.level);
  return { begin: id.index * width, end: (id.index + 1n) * width };
}

export function assertSize(size: bigint, what = 'tree size'): void {
  if (size < 0n) throw new InvalidTreeArgument(`${what} ${size} is negative`);
}

/** Number of bits of x ≥ 0, computed on bigint so sizes beyond 2^32 never meet 32-bit operators. */
export function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** The k of RFC 9162 §2.1.1: the largest power of two strictly smaller than n ≥ 2. */
export function splitPoint(n: bigint): bigint {
  if (n < 2n) throw new InvalidTreeArgument(`cannot split a tree of size ${n}`);
  return 1n << BigInt(bitLength(n - 1n) - 1);
}

/**
 * The perfect subtrees whose right fold is MTH(D[begin:end]), largest first: one per set bit of
 * end - begin. Only defined for the ranges RFC 9162's recursion produces, where begin is a
 * multiple of the smallest power of two ≥ end - begin.
 */
export function subtreeNodes(begin: bigint, end: bigint): NodeId[] {
  const size = end - begin;
  if (size <= 0n) throw new InvalidTreeArgument(`empty range [${begin}, ${end})`);
  const nodes: NodeId[] = [];
  let cursor = begin;
  for (let level = bitLength(size) - 1; level >= 0; level--) {
    const width = 1n << BigInt(level);
    if ((size & width) === 0n) continue;
    if (cursor % width !== 0n) throw new InvalidTreeArgument(`range [${begin}, ${end}) is not a Merkle subtree`);
    nodes.push(nodeId(level, cursor / width));
    cursor += width;
  }
  return nodes;
}

/** Reads one node, failing with a typed error instead of folding a missing hash. */
export function readNode(source: NodeSource, id: NodeId): Hash {
  const hash = typeof source === 'function' ? source(id) : source.get(nodeKey(id));
  if (hash === undefined) throw new MissingNode(id.level, id.index);
  return hash;
}

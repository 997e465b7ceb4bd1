import { createHash } from 'node:crypto';
import {
  leafHash,
  nodeCoverage,
  nodeHash,
  nodeKey,
  rootFromLeafHashes,
  type Hash,
  type NodeId,
  type NodeSource,
} from '#src/ledger/index.js';

/** Leaf hashes of n distinct leaves (the leaf bytes are the decimal index). */
export function leafHashes(n: number): Hash[] {
  return Array.from({ length: n }, (_, i) => leafHash(Buffer.from(String(i))));
}

/** Every perfect subtree of the tree over `leaves`, built level by level from scratch. */
export function perfectNodes(leaves: readonly Hash[]): Map<string, Hash> {
  const nodes = new Map<string, Hash>();
  let level: Hash[] = [...leaves];
  for (let depth = 0; level.length > 0; depth++) {
    level.forEach((hash, index) => nodes.set(nodeKey({ level: depth, index: BigInt(index) }), hash));
    const next: Hash[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(nodeHash(level[i] as Hash, level[i + 1] as Hash));
    level = next;
  }
  return nodes;
}

/** A source that fails the test if a plan reads a node not yet complete in the tree of `size`. */
export function sourceAtSize(nodes: ReadonlyMap<string, Hash>, size: bigint, reads?: NodeId[]): NodeSource {
  return (id) => {
    if (nodeCoverage(id).end > size) throw new Error(`read (${id.level}, ${id.index}) beyond size ${size}`);
    reads?.push(id);
    return nodes.get(nodeKey(id));
  };
}

export function flipBit(hash: Hash, bit: number): Hash {
  const copy = Uint8Array.from(hash);
  copy[(bit >> 3) % copy.length] = (copy[(bit >> 3) % copy.length] as number) ^ (1 << (bit & 7));
  return copy;
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const fromHex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'hex'));
export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The 300-leaf tree of the property tests: leaves, every perfect subtree, the reference root of every size. */
export const MAX_SIZE = 300;
export const treeLeaves = leafHashes(MAX_SIZE);
export const treeNodes = perfectNodes(treeLeaves); // a tree of 300 holds every perfect subtree of the smaller ones
const referenceRoots = Array.from({ length: MAX_SIZE + 1 }, (_, n) => rootFromLeafHashes(treeLeaves.slice(0, n)));
export const referenceRoot = (n: number): Hash => referenceRoots[n] as Hash;
export const bitLength = (n: number): number => n.toString(2).length;

import { InvalidHash } from './errors.js';
import { assertHash, nodeHash, nodeHashBase64, type Hash } from './hashes.js';
import { foldSubtree } from './proofs.js';
import { planRoot } from './proofPlan.js';
import { readNode, type NodeSource } from './nodeId.js';

/**
 * The sealer's append state: the perfect subtrees on the right edge of the tree of size n (its
 * "compact range", as in transparency-dev/merkle's compact package), one per set bit of n. Each
 * append merges equal-sized neighbours like a binary counter carrying, and reports the perfect
 * subtrees it completed so storage can insert them; roots and proofs then never rescan leaves.
 */
export interface CompactRange {
  readonly size: bigint;
  /** Perfect subtrees covering [0, size), largest first. */
  readonly hashes: readonly Hash[];
}

/** A newly completed perfect subtree (level ≥ 1: the leaf itself is stored with the leaf). */
export interface CompletedNode {
  readonly level: number;
  readonly index: bigint;
  readonly hash: Hash;
}

export const emptyCompactRange: CompactRange = Object.freeze({ size: 0n, hashes: Object.freeze([]) });

/** Rebuilds the state of a stored tree from the same nodes its root needs (`planRoot(size)`). */
export function compactRangeFrom(size: bigint, source: NodeSource): CompactRange {
  return { size, hashes: planRoot(size).map((id) => readNode(source, id)) };
}

export function appendLeaf(range: CompactRange, leaf: Hash): { range: CompactRange; completed: CompletedNode[] } {
  return appendLeaves(range, [leaf]);
}

/**
 * Appends a batch in order; `completed` lists every new perfect subtree of the batch. The range
 * given is left as it was (the sealer keeps it until the batch is stored): the batch works on one
 * copy of its hashes, not a copy and a range a leaf.
 */
export function appendLeaves(range: CompactRange, leaves: readonly Hash[]): { range: CompactRange; completed: CompletedNode[] } {
  const hashes = [...range.hashes];
  const completed: CompletedNode[] = [];
  let size = range.size;
  for (const leaf of leaves) {
    assertHash(leaf, 'leaf hash');
    hashes.push(leaf);
    // Every trailing 1-bit of the old size is a subtree of the same width as the one being carried.
    for (let carry = size, level = 1; (carry & 1n) === 1n; carry >>= 1n, level++) {
      const right = hashes.pop() as Hash;
      const left = hashes.pop() as Hash;
      const hash = nodeHash(left, right);
      hashes.push(hash);
      completed.push({ level, index: size >> BigInt(level), hash });
    }
    size += 1n;
  }
  return { range: { size, hashes }, completed };
}

/** MTH of the tree the range describes (SHA-256() when empty). */
export function rootOf(range: CompactRange): Hash {
  return foldSubtree(range.hashes);
}

/** Perfect subtrees as parallel columns: level, index at that level, and base64 hash. */
export interface CompletedNodes {
  levels: number[];
  indices: number[];
  hashes: string[];
}

/**
 * A compact range grown in place from base64 leaf hashes, for a verifier rebuilding a whole log:
 * `appendLeaf` copies the range and allocates a BigInt and Buffers per step, which showed in
 * `diaban verify`'s profile. The carry walks the count with safe integer arithmetic (no 32-bit
 * bitwise operators), so it is exact up to 2^53 − 1 leaves and refuses to go further.
 */
export class CompactRangeBuilder {
  #count = 0;
  /** Base64 of the perfect subtrees covering [0, count), largest first. */
  readonly #hashes: string[] = [];
  readonly #keepFrom: number;
  #completed: CompletedNodes = { levels: [], indices: [], hashes: [] };

  /**
   * @param keepFrom keep the perfect subtrees completed at this level and above, in the order
   *   they complete, until `takeCompleted` (default: none), for a verifier to hold them to the
   *   stored ones.
   */
  constructor(keepFrom = Number.POSITIVE_INFINITY) {
    this.#keepFrom = keepFrom;
  }

  /** Leaves appended so far. */
  get count(): number {
    return this.#count;
  }

  /** Appends the leaf whose hash is `leafBase64` (standard base64 of 32 bytes). */
  push(leafBase64: string): void {
    if (leafBase64.length !== 44) throw new InvalidHash(`leaf hash is not the base64 of 32 bytes`);
    if (this.#count >= Number.MAX_SAFE_INTEGER) throw new RangeError('compact range builder: more than 2^53 − 1 leaves');
    const hashes = this.#hashes;
    hashes.push(leafBase64);
    // Every trailing 1-bit of the old count merges two subtrees of equal width: the one at `level`
    // holding leaf `count`, whose index there is count ÷ 2^level rounded down.
    let level = 0;
    for (let carry = this.#count; carry % 2 === 1; carry = (carry - 1) / 2) {
      const right = hashes.pop() as string;
      const left = hashes.pop() as string;
      const node = nodeHashBase64(left, right);
      hashes.push(node);
      if (++level >= this.#keepFrom) {
        this.#completed.levels.push(level);
        this.#completed.indices.push(Math.floor(this.#count / 2 ** level));
        this.#completed.hashes.push(node);
      }
    }
    this.#count++;
  }

  /** How many subtrees are kept until the next `takeCompleted`. */
  get keptCount(): number {
    return this.#completed.levels.length;
  }

  /** The subtrees completed at `keepFrom` and above since the last call, in the order they completed. */
  takeCompleted(): CompletedNodes {
    const completed = this.#completed;
    this.#completed = { levels: [], indices: [], hashes: [] };
    return completed;
  }

  /** A snapshot of the current state. */
  range(): CompactRange {
    const hashes = this.#hashes.map((h) => Buffer.from(h, 'base64'));
    for (const h of hashes) assertHash(h, 'subtree hash');
    return { size: BigInt(this.#count), hashes };
  }
}

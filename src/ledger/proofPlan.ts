import { InvalidTreeArgument } from './errors.js';
import { assertSize, nodeId, nodeKey, splitPoint, subtreeNodes, type NodeId } from './nodeId.js';

/**
 * Phase one of root and proof generation: which perfect subtrees are needed, so storage can fetch
 * them all in one query (`WHERE (level, index) IN (...)`). Phase two (`proofs.ts`) folds them.
 *
 * Each proof element of RFC 9162 is the MTH of a subtree; a subtree on the ragged right edge of
 * the tree is not stored, so it is listed as the perfect subtrees it folds from. Following the
 * recursion shows at most one element is ragged, so a plan names O(log n) nodes.
 */
export interface ProofPlan {
  /** Proof elements in RFC 9162 order (nearest the leaf first), each the perfect nodes it folds from. */
  readonly elements: readonly (readonly NodeId[])[];
  /** Every distinct node the plan reads. */
  readonly nodes: readonly NodeId[];
}

/** The perfect subtrees whose right fold is the root of the tree of `size` (none for size 0). */
export function planRoot(size: bigint): NodeId[] {
  assertSize(size);
  return size === 0n ? [] : subtreeNodes(0n, size);
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1, walked top-down over [lo, hi) and then reversed. */
export function planInclusion(leafIndex: bigint, size: bigint): ProofPlan {
  assertSize(size);
  if (leafIndex < 0n || leafIndex >= size) {
    throw new InvalidTreeArgument(`leaf index ${leafIndex} is outside a tree of size ${size}`);
  }
  const elements: NodeId[][] = [];
  let lo = 0n;
  let hi = size;
  while (hi - lo > 1n) {
    const k = splitPoint(hi - lo);
    if (leafIndex < lo + k) {
      elements.push(subtreeNodes(lo + k, hi));
      hi = lo + k;
    } else {
      elements.push([perfect(lo, k)]);
      lo += k;
    }
  }
  return toPlan(elements.reverse());
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 §2.1.4.1, top-down then reversed. */
export function planConsistency(size1: bigint, size2: bigint): ProofPlan {
  assertSize(size1, 'size1');
  // A proof from the empty tree proves nothing (RFC 9162 §2.1.4: 0 < m < n); callers skip it.
  if (size1 === 0n || size1 > size2) {
    throw new InvalidTreeArgument(`no consistency proof from size ${size1} to size ${size2}`);
  }
  const elements: NodeId[][] = [];
  let lo = 0n;
  let hi = size2;
  let knownRoot = true; // SUBPROOF's b: the verifier already holds MTH(D[lo:size1])
  while (hi !== size1) {
    const k = splitPoint(hi - lo);
    if (size1 <= lo + k) {
      elements.push(subtreeNodes(lo + k, hi));
      hi = lo + k;
    } else {
      elements.push([perfect(lo, k)]);
      lo += k;
      knownRoot = false;
    }
  }
  if (!knownRoot && lo < hi) elements.push(subtreeNodes(lo, hi));
  return toPlan(elements.reverse());
}

function perfect(begin: bigint, width: bigint): NodeId {
  return nodeId(bitLengthOfPowerOfTwo(width), begin / width);
}

function bitLengthOfPowerOfTwo(width: bigint): number {
  return width.toString(2).length - 1;
}

function toPlan(elements: NodeId[][]): ProofPlan {
  const seen = new Map<string, NodeId>();
  for (const element of elements) for (const id of element) seen.set(nodeKey(id), id);
  return { elements, nodes: [...seen.values()] };
}

import { emptyRoot, nodeHash, type Hash } from './hashes.js';

/**
 * RFC 9162 §2.1 taken literally, over the whole list of leaf hashes: O(n) per call. The reference
 * the perfect-subtree code is tested against, and a fallback for tiny trees; never for serving.
 * Safe-integer arithmetic only (`k * 2`), no 32-bit operators.
 */

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) of RFC 9162 §2.1.1, from leaf hashes. */
export function rootFromLeafHashes(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return emptyRoot();
  if (leaves.length === 1) return leaves[0] as Hash;
  const k = split(leaves.length);
  return nodeHash(rootFromLeafHashes(leaves.slice(0, k)), rootFromLeafHashes(leaves.slice(k)));
}

/** PATH(m, D[n]) of RFC 9162 §2.1.3.1. */
export function referenceInclusionProof(m: number, leaves: readonly Hash[]): Hash[] {
  const n = leaves.length;
  if (n <= 1) return [];
  const k = split(n);
  return m < k
    ? [...referenceInclusionProof(m, leaves.slice(0, k)), rootFromLeafHashes(leaves.slice(k))]
    : [...referenceInclusionProof(m - k, leaves.slice(k)), rootFromLeafHashes(leaves.slice(0, k))];
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true) of RFC 9162 §2.1.4.1. */
export function referenceConsistencyProof(m: number, leaves: readonly Hash[]): Hash[] {
  return subproof(m, leaves, true);
}

function subproof(m: number, leaves: readonly Hash[], b: boolean): Hash[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [rootFromLeafHashes(leaves)];
  const k = split(n);
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), b), rootFromLeafHashes(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), rootFromLeafHashes(leaves.slice(0, k))];
}

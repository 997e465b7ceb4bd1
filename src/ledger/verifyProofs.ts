import { equalBytes, isHash, nodeHash, type Hash } from './hashes.js';

/**
 * RFC 9162 §2.1.3.2 and §2.1.4.2 verification, on bigint throughout: JS verifiers that use the
 * 32-bit `>>` and `&` silently wrap for trees beyond 2^31 leaves. These answer false for anything
 * that does not verify, malformed input included (hashes of the wrong length, index ≥ size,
 * a consistency proof from the empty tree); they never throw on untrusted input.
 */

/** Right-shifts (fn, sn) together until fn's lowest bit is set or fn is 0 (step 4.b.ii). */
function shiftToSetBit(fn: bigint, sn: bigint): [bigint, bigint] {
  while ((fn & 1n) === 0n && fn !== 0n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  return [fn, sn];
}

export function rootFromInclusionProof(leafIndex: bigint, treeSize: bigint, leaf: Hash, proof: readonly Hash[]): Hash | undefined {
  if (leafIndex < 0n || leafIndex >= treeSize || !isHash(leaf) || !proof.every(isHash)) return undefined;
  let fn = leafIndex;
  let sn = treeSize - 1n;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0n) return undefined; // proof longer than the path
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) [fn, sn] = shiftToSetBit(fn, sn);
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n ? r : undefined;
}

export function verifyInclusion(leafIndex: bigint, treeSize: bigint, leaf: Hash, proof: readonly Hash[], root: Hash): boolean {
  if (!isHash(root)) return false;
  const computed = rootFromInclusionProof(leafIndex, treeSize, leaf, proof);
  return computed !== undefined && equalBytes(computed, root);
}

export function verifyConsistency(size1: bigint, size2: bigint, proof: readonly Hash[], root1: Hash, root2: Hash): boolean {
  if (size1 <= 0n || size1 > size2) return false; // from the empty tree a proof shows nothing
  if (size1 === size2) {
    // Nothing to fold: the roots must simply be the same bytes (as transparency-dev/merkle's
    // verifyMatch, whose test vectors compare them as given).
    return proof.length === 0 && equalBytes(root1, root2);
  }
  if (proof.length === 0 || !isHash(root1) || !isHash(root2) || !proof.every(isHash)) return false;
  // Step 2: when size1 is a power of two its root is a node of the path, and not in the proof.
  const path = (size1 & (size1 - 1n)) === 0n ? [root1, ...proof] : [...proof];
  let fn = size1 - 1n;
  let sn = size2 - 1n;
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0] as Hash;
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) [fn, sn] = shiftToSetBit(fn, sn);
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalBytes(fr, root1) && equalBytes(sr, root2);
}

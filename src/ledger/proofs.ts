import { assertHash, emptyRoot, nodeHash, type Hash } from './hashes.js';
import { readNode, type NodeId, type NodeSource } from './nodeId.js';
import { planConsistency, planInclusion, planRoot, type ProofPlan } from './proofPlan.js';

/**
 * Phase two: fold the perfect subtrees a plan named into RFC 9162 roots and proofs. Sources are
 * synchronous on purpose: storage fetches `plan.nodes` in one query first, then calls these.
 */

/** MTH(D[begin:end]) from its perfect subtrees, largest first: a right fold (RFC 9162 §2.1.1). */
export function foldSubtree(hashes: readonly Hash[]): Hash {
  let acc = hashes.at(-1);
  if (acc === undefined) return emptyRoot();
  assertHash(acc, 'subtree hash');
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i] as Hash, acc);
  return acc;
}

export function rootFrom(size: bigint, source: NodeSource): Hash {
  return foldSubtree(planRoot(size).map((id) => readNode(source, id)));
}

export function proofFromPlan(plan: ProofPlan, source: NodeSource): Hash[] {
  return plan.elements.map((element) => foldSubtree(element.map((id: NodeId) => readNode(source, id))));
}

/** The audit path of RFC 9162 §2.1.3.1 for leaf `leafIndex` in the tree of `size`. */
export function inclusionProof(leafIndex: bigint, size: bigint, source: NodeSource): Hash[] {
  return proofFromPlan(planInclusion(leafIndex, size), source);
}

/** The consistency proof of RFC 9162 §2.1.4.1 from `size1` to `size2` (empty when equal). */
export function consistencyProof(size1: bigint, size2: bigint, source: NodeSource): Hash[] {
  return proofFromPlan(planConsistency(size1, size2), source);
}

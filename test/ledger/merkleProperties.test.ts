import fc from 'fast-check';
import t from 'tap';
import {
  appendLeaf,
  compactRangeFrom,
  consistencyProof,
  inclusionProof,
  leafHash,
  nodeCoverage,
  nodeHash,
  planConsistency,
  planInclusion,
  referenceConsistencyProof,
  referenceInclusionProof,
  rootFrom,
  rootOf,
  verifyConsistency,
  verifyInclusion,
  type Hash,
  type NodeId,
} from '#src/ledger/index.js';
import { MAX_SIZE, bitLength, flipBit, hex, referenceRoot as root, sourceAtSize, treeLeaves, treeNodes } from './treeFixture.js';

// RFC 9162 §2.1.3 inclusion proofs built from perfect subtrees, against the O(n) reference.

t.test('inclusion: every size 1..300 and index verifies in O(log n) reads; a tampered copy fails', async (t) => {
  // One tamper per (size, index), rotating through the kinds, keeps this exhaustive and fast.
  const tampers = [
    (i: bigint, n: bigint, leaf: Hash, proof: Hash[], r: Hash, bit: number) => verifyInclusion(i, n, flipBit(leaf, bit), proof, r),
    (i: bigint, n: bigint, leaf: Hash, proof: Hash[], r: Hash, bit: number) => verifyInclusion(i, n, leaf, proof, flipBit(r, bit)),
    (i: bigint, n: bigint, leaf: Hash, proof: Hash[], r: Hash) => verifyInclusion(i, n, leaf, [...proof, leaf], r),
    (i: bigint, n: bigint, leaf: Hash, proof: Hash[], r: Hash, bit: number) =>
      n > 1n && verifyInclusion(i, n, leaf, proof.map((p, k) => (k === bit % proof.length ? flipBit(p, bit) : p)), r),
    (i: bigint, n: bigint, leaf: Hash, proof: Hash[], r: Hash) => n > 1n && verifyInclusion(i, n, leaf, proof.slice(1), r),
    (i: bigint, n: bigint, leaf: Hash, proof: Hash[], r: Hash) => n > 1n && verifyInclusion((i + 1n) % n, n, leaf, proof, r),
  ];
  let [rejected, accepted, kind] = [0, 0, 0];
  for (let n = 1; n <= MAX_SIZE; n++) {
    for (let i = 0; i < n; i++) {
      const [index, size, leaf] = [BigInt(i), BigInt(n), treeLeaves[i] as Hash];
      const reads: NodeId[] = [];
      const proof = inclusionProof(index, size, sourceAtSize(treeNodes, size, reads));
      if (!verifyInclusion(index, size, leaf, proof, root(n)) || reads.length > 2 * bitLength(n)) rejected++;
      const tamper = tampers[kind++ % tampers.length] as (typeof tampers)[number];
      if (tamper(index, size, leaf, proof, root(n), (i * 31 + n) % 256)) accepted++;
    }
  }
  t.equal(rejected, 0, '45,150 proofs built from perfect subtrees verify against rootFromLeafHashes');
  t.equal(accepted, 0, 'and none of their tampered copies does');
});

t.test('inclusion: identical to the RFC 9162 PATH definition for sizes up to 64', async (t) => {
  let mismatches = 0;
  for (let n = 1; n <= 64; n++) {
    for (let i = 0; i < n; i++) {
      const got = inclusionProof(BigInt(i), BigInt(n), treeNodes).map(hex).join();
      if (got !== referenceInclusionProof(i, treeLeaves.slice(0, n)).map(hex).join()) mismatches++;
    }
  }
  t.equal(mismatches, 0);
});

t.test('plans up to 2^40 name each node once, only complete nodes, O(log n) of them', async (t) => {
  const size = fc.bigInt({ min: 2n, max: 1n << 40n });
  fc.assert(
    fc.property(size, fc.bigInt({ min: 0n, max: 1n << 40n }), (n, x) => {
      const plans = [planInclusion(x % n, n), planConsistency(1n + (x % (n - 1n)), n)];
      return plans.every((plan) => {
        const keys = plan.nodes.map((id) => `${id.level}/${id.index}`);
        return (
          new Set(keys).size === keys.length &&
          plan.elements.flat().length === keys.length &&
          plan.nodes.every((id) => nodeCoverage(id).end <= n) &&
          keys.length <= 2 * n.toString(2).length
        );
      });
    }),
  );
  t.pass('2 × 100 random plans');
});

// RFC 9162 §2.1.4 consistency proofs built from perfect subtrees, against the O(n) reference.
// Every pair up to 100 and 5,000 sampled pairs up to 300 keep the run short (all 45,150 pairs
// up to 300 take about three seconds more and found nothing the sample does not).

function verifies(m: number, n: number): boolean {
  const reads: NodeId[] = [];
  const proof = consistencyProof(BigInt(m), BigInt(n), sourceAtSize(treeNodes, BigInt(n), reads));
  return verifyConsistency(BigInt(m), BigInt(n), proof, root(m), root(n)) && reads.length <= 2 * bitLength(n);
}

t.test('consistency: every pair 1 ≤ m ≤ n ≤ 100, then sampled pairs up to 300, verify in O(log n) reads', async (t) => {
  let failures = 0;
  for (let n = 1; n <= 100; n++) for (let m = 1; m <= n; m++) if (!verifies(m, n)) failures++;
  t.equal(failures, 0, '5,050 exhaustive pairs');
  const size = fc.integer({ min: 1, max: MAX_SIZE });
  fc.assert(fc.property(size, size, (a, b) => verifies(Math.min(a, b), Math.max(a, b))), { numRuns: 5000 });
  t.pass('5,000 sampled pairs');
});

t.test('consistency: identical to the RFC 9162 SUBPROOF definition for sizes up to 64', async (t) => {
  let mismatches = 0;
  for (let n = 1; n <= 64; n++) {
    for (let m = 1; m <= n; m++) {
      const got = consistencyProof(BigInt(m), BigInt(n), treeNodes).map(hex).join();
      if (got !== referenceConsistencyProof(m, treeLeaves.slice(0, n)).map(hex).join()) mismatches++;
    }
  }
  t.equal(mismatches, 0);
});

t.test('consistency: tampering with a root, an element, size1 or the length fails (fast-check)', async (t) => {
  const pair = fc
    .tuple(fc.integer({ min: 2, max: MAX_SIZE }), fc.nat(), fc.nat(255), fc.nat())
    .map(([n, m, bit, pick]) => ({ n, m: 1 + (m % (n - 1)), bit, pick })); // m < n: a non-empty proof
  fc.assert(
    fc.property(pair, ({ n, m, bit, pick }) => {
      const [s1, s2, r1, r2] = [BigInt(m), BigInt(n), root(m), root(n)];
      const proof = consistencyProof(s1, s2, treeNodes);
      const k = pick % proof.length;
      return ![
        verifyConsistency(s1, s2, proof, flipBit(r1, bit), r2),
        verifyConsistency(s1, s2, proof, r1, flipBit(r2, bit)),
        verifyConsistency(s1, s2, proof.map((p, j) => (j === k ? flipBit(p, bit) : p)), r1, r2),
        verifyConsistency(s1, s2, proof.slice(0, -1), r1, r2),
        verifyConsistency(s1, s2, [...proof, r2], r1, r2),
        m > 1 && verifyConsistency(s1 - 1n, s2, proof, r1, r2),
        // (size2 + 1 is not listed: trees of n and n + 1 leaves can share a shape, and a proof
        // only shows the hashes fit *some* tree of that size.)
      ].some(Boolean);
    }),
    { numRuns: 3000, seed: 20240611 },
  );
  t.pass('3,000 tampered proofs rejected');
});

// Trees far beyond 2^32 leaves, where 32-bit `>>` / `&` arithmetic would wrap. Leaf i is the leaf
// hash of the byte i mod 8, so a perfect subtree depends only on its level and its index modulo
// 8 >> level: every node of a 2^40-leaf tree is computable in a few hashes, and consistent.
const memo = new Map<string, Hash>();
function lazyNode({ level, index }: NodeId): Hash {
  const key = level <= 3 ? `${level}/${index % (8n >> BigInt(level))}` : `${level}`;
  let hash = memo.get(key);
  if (hash === undefined) {
    hash =
      level === 0
        ? leafHash(Uint8Array.of(Number(index % 8n)))
        : nodeHash(lazyNode({ level: level - 1, index: 2n * index }), lazyNode({ level: level - 1, index: 2n * index + 1n }));
    memo.set(key, hash);
  }
  return hash;
}
const leafAt = (index: bigint): Hash => lazyNode({ level: 0, index });
const TWO_32 = 1n << 32n;

t.test('plans name the right nodes across 2^32', async (t) => {
  // The last leaf of a 2^32 + 1 tree is proved by the whole left half.
  t.same(planInclusion(TWO_32, TWO_32 + 1n).elements, [[{ level: 32, index: 0n }]]);
  // Leaf 0 climbs 32 levels of siblings (j, 1), then meets leaf 2^32 on the right.
  const expected = [...Array.from({ length: 32 }, (_, j) => [{ level: j, index: 1n }]), [{ level: 0, index: TWO_32 }]];
  t.same(planInclusion(0n, TWO_32 + 1n).elements, expected);
});

t.test('inclusion and consistency verify for sizes and indices above 2^32', async (t) => {
  for (const [index, size] of [
    [TWO_32, TWO_32 + 1n],
    [TWO_32 + 7n, 2n * TWO_32 + 3n],
    [TWO_32 - 1n, TWO_32 + 5n],
    [(1n << 40n) + 12_345n, (1n << 41n) + 99n],
  ] as const) {
    const root = rootFrom(size, lazyNode);
    const proof = inclusionProof(index, size, lazyNode);
    t.ok(verifyInclusion(index, size, leafAt(index), proof, root), `leaf ${index} of ${size}`);
    t.notOk(verifyInclusion(index, size, leafAt(index), proof, flipBit(root, 3)), 'tampered root');
    t.notOk(verifyInclusion(index % TWO_32, size % TWO_32, leafAt(index), proof, root), 'as a 32-bit verifier sees it');
    t.notOk(verifyInclusion(index ^ 1n, size, leafAt(index), proof, root), 'neighbouring index');
  }
  for (const [size1, size2] of [
    [TWO_32 - 1n, TWO_32 + 5n],
    [TWO_32 + 3n, 3n * TWO_32 + 11n],
    [(1n << 40n) + 1n, (1n << 41n) + 7n],
  ] as const) {
    const proof = consistencyProof(size1, size2, lazyNode);
    const [root1, root2] = [rootFrom(size1, lazyNode), rootFrom(size2, lazyNode)];
    t.ok(verifyConsistency(size1, size2, proof, root1, root2), `${size1} → ${size2}`);
    t.notOk(verifyConsistency(size1, size2, proof.slice(1), root1, root2), 'truncated');
  }
});

t.test('a compact range restored at 2^40 + 3 appends like the full tree', async (t) => {
  const size = (1n << 40n) + 3n;
  const step = appendLeaf(compactRangeFrom(size, lazyNode), leafAt(size));
  t.equal(hex(rootOf(step.range)), hex(rootFrom(size + 1n, lazyNode)));
  t.same(
    step.completed.map((c) => [c.level, c.index]),
    [
      [1, (size >> 1n)],
      [2, (size >> 2n)],
    ],
  );
});

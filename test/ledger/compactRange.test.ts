import t from 'tap';
import {
  appendLeaf,
  appendLeaves,
  CompactRangeBuilder,
  compactRangeFrom,
  emptyCompactRange,
  nodeCoverage,
  rootFromLeafHashes,
  rootOf,
  type CompactRange,
  type Hash,
  type NodeId,
} from '#src/ledger/index.js';
import { hex, leafHashes, perfectNodes } from './treeFixture.js';

const MAX = 300;
const leaves = leafHashes(MAX);
const nodes = perfectNodes(leaves);

/** Perfect subtrees of level ≥ 1 that the leaf at `position` completes: those ending right after it. */
function completedBy(position: number): string[] {
  return [...nodes.entries()]
    .filter(([key]) => {
      const [level, index] = key.split('/');
      const id: NodeId = { level: Number(level), index: BigInt(index as string) };
      return id.level >= 1 && nodeCoverage(id).end === BigInt(position + 1);
    })
    .map(([key, hash]) => `${key}=${hex(hash)}`)
    .sort();
}

t.test('appending leaf by leaf gives the reference root and exactly the new perfect subtrees', async (t) => {
  let range: CompactRange = emptyCompactRange;
  let [wrongRoots, wrongNodes] = [0, 0];
  for (let n = 0; n < MAX; n++) {
    const step = appendLeaf(range, leaves[n] as Hash);
    range = step.range;
    const got = step.completed.map((c) => `${c.level}/${c.index}=${hex(c.hash)}`).sort();
    if (got.join() !== completedBy(n).join()) wrongNodes++;
    if (hex(rootOf(range)) !== hex(rootFromLeafHashes(leaves.slice(0, n + 1)))) wrongRoots++;
  }
  t.equal(range.size, BigInt(MAX));
  t.equal(wrongRoots, 0, 'rootOf matches rootFromLeafHashes at every size');
  t.equal(wrongNodes, 0, 'completed nodes match a from-scratch build at every size');
});

t.test('the in-place builder gives the same range as appendLeaf at every size', async (t) => {
  const builder = new CompactRangeBuilder();
  let range: CompactRange = emptyCompactRange;
  let wrong = 0;
  for (let n = 0; n < MAX; n++) {
    builder.push(Buffer.from(leaves[n] as Hash).toString('base64'));
    range = appendLeaf(range, leaves[n] as Hash).range;
    const built = builder.range();
    if (built.size !== range.size || built.hashes.map(hex).join() !== range.hashes.map(hex).join() || builder.count !== n + 1) wrong++;
  }
  t.equal(wrong, 0);
  t.throws(() => builder.push(Buffer.alloc(30).toString('base64')), { code: 'LEDGER_INVALID_HASH' });
  const odd = new CompactRangeBuilder();
  odd.push(Buffer.alloc(32).toString('base64'));
  t.throws(() => odd.push('!'.repeat(44)), { code: 'LEDGER_INVALID_HASH' }, 'a merge refuses what does not decode to 32 bytes');
});

t.test('the builder keeps every perfect subtree from its level up, in the order they complete, each once', async (t) => {
  for (const keepFrom of [1, 4]) {
    const builder = new CompactRangeBuilder(keepFrom);
    const kept: string[] = [];
    const expected: string[] = [];
    for (let n = 0; n < MAX; n++) {
      builder.push(Buffer.from(leaves[n] as Hash).toString('base64'));
      // Lower levels complete first when one leaf completes several.
      expected.push(...completedBy(n).filter((k) => Number(k.split('/')[0]) >= keepFrom).sort((a, b) => Number(a.split('/')[0]) - Number(b.split('/')[0])));
      if (n % 7 === 0 || n === MAX - 1) {
        const c = builder.takeCompleted();
        c.levels.forEach((level, i) => kept.push(`${level}/${c.indices[i]}=${Buffer.from(c.hashes[i]!, 'base64').toString('hex')}`));
      }
    }
    t.same(kept, expected, `from level ${keepFrom}`);
    t.ok(kept.length > 10, `${kept.length} kept`);
    t.same(builder.takeCompleted(), { levels: [], indices: [], hashes: [] }, 'taken once');
  }
  const none = new CompactRangeBuilder();
  for (let n = 0; n < 20; n++) none.push(Buffer.from(leaves[n] as Hash).toString('base64'));
  t.same(none.takeCompleted().levels, [], 'none kept by default');
});

t.test('a range restored from stored nodes continues like the original', async (t) => {
  for (const size of [0, 1, 7, 8, 100, 255, 256, 299]) {
    const built = appendLeaves(emptyCompactRange, leaves.slice(0, size)).range;
    const restored = compactRangeFrom(BigInt(size), nodes);
    t.same(restored.hashes.map(hex), built.hashes.map(hex), `state at ${size}`);
    const next = appendLeaves(restored, leaves.slice(size, size + 1));
    t.equal(hex(rootOf(next.range)), hex(rootFromLeafHashes(leaves.slice(0, size + 1))), `root at ${size + 1}`);
  }
});

t.test('a batch append reports the same nodes as single appends', async (t) => {
  const batch = appendLeaves(appendLeaves(emptyCompactRange, leaves.slice(0, 13)).range, leaves.slice(13, 77));
  const expected = Array.from({ length: 77 - 13 }, (_, k) => completedBy(13 + k)).flat();
  t.same(batch.completed.map((c) => `${c.level}/${c.index}=${hex(c.hash)}`).sort(), expected.sort());
});

t.test('the state is immutable and leaves must be 32-byte hashes', async (t) => {
  const one = appendLeaf(emptyCompactRange, leaves[0] as Hash).range;
  appendLeaf(one, leaves[1] as Hash);
  t.equal(one.size, 1n);
  t.equal(one.hashes.length, 1);
  t.throws(() => appendLeaf(one, new Uint8Array(31)), { code: 'LEDGER_INVALID_HASH' });
  const three = appendLeaves(one, leaves.slice(1, 3) as Hash[]).range;
  appendLeaves(three, leaves.slice(3, 9) as Hash[]);
  t.equal(three.size, 3n, 'a batch leaves the range it grew from as it was');
  t.same(three.hashes.map(hex), appendLeaves(emptyCompactRange, leaves.slice(0, 3) as Hash[]).range.hashes.map(hex));
  t.throws(() => appendLeaves(one, [leaves[1] as Hash, new Uint8Array(33)]), { code: 'LEDGER_INVALID_HASH' });
});

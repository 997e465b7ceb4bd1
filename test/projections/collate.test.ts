import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import t from 'tap';
import { collate, sortCollated } from '#projections/collate.js';

// sortCollated compares plain keys by code unit: that must be the collator's order exactly.

const plainChar = fc.constantFrom(...'-0123456789abcdefghijklmnopqrstuvwxyz'.split(''));
const plain = fc.string({ unit: plainChar, maxLength: 12 });
const sign = (n: number) => Math.sign(n);

t.test('plain keys: the collator and code units agree on every pair', async (t) => {
  fc.assert(fc.property(plain, plain, (a, b) => sign(collate(a, b)) === sign(a < b ? -1 : a > b ? 1 : 0)), { numRuns: 20_000 });
  // The pairs a difference in the first position or in length alone decides, exhaustively.
  const chars = '-0123456789abcdefghijklmnopqrstuvwxyz'.split('');
  for (const a of chars) for (const b of chars) {
    for (const [x, y] of [[a, b], [`${a}${b}`, a], [`x${a}`, `x${b}`], [`${a}${a}`, `${a}${b}`]] as const) {
      if (sign(collate(x, y)) !== sign(x < y ? -1 : x > y ? 1 : 0)) t.fail(`${x} / ${y}`);
    }
  }
  t.pass('every one-character pair, prefix and repeated pair agrees');
});

t.test('sortCollated gives the collator\'s order, stable, with plain keys and without', async (t) => {
  const uuids = Array.from({ length: 500 }, () => randomUUID());
  const rows = uuids.map((id, i) => ({ agency: uuids[i % 7]!, cadre: id, i }));
  const expected = [...rows].sort((a, b) => collate(a.agency, b.agency) || collate(a.cadre, b.cadre));
  t.same(sortCollated([...rows], (r) => r.agency, (r) => r.cadre), expected, 'uuids: agency then cadre');

  // Keys the fast path must not take: upper case, diacritics, spaces (the collator puts "a" and "A" together).
  const mixed = ['b', 'A', 'a', 'Á', 'á', 'ab', 'a b', 'B', '10', '9', 'Đ', 'd', 'e', ''].map((k, i) => ({ k, i }));
  const mixedExpected = [...mixed].sort((a, b) => collate(a.k, b.k));
  t.same(sortCollated([...mixed], (r) => r.k), mixedExpected, 'mixed keys fall back to the collator');
  t.not(mixedExpected.map((r) => r.k).join('|'), [...mixed].sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0)).map((r) => r.k).join('|'),
    'the fallback matters: code units order these differently');

  fc.assert(fc.property(fc.array(fc.record({ a: plain, b: plain }), { maxLength: 60 }), (items) => {
    const want = [...items].sort((x, y) => collate(x.a, y.a) || collate(x.b, y.b));
    const got = sortCollated([...items], (x) => x.a, (x) => x.b);
    return got.every((g, i) => g === want[i]);
  }), { numRuns: 2_000 });
  // Equal keys keep their order (the answers page through the sorted rows).
  const ties = Array.from({ length: 50 }, (_, i) => ({ k: i % 3 === 0 ? 'x' : 'y', i }));
  t.same(sortCollated([...ties], (r) => r.k).map((r) => r.i), [...ties].sort((a, b) => collate(a.k, b.k)).map((r) => r.i), 'stable on ties');
});

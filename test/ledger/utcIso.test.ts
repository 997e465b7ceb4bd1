import fc from 'fast-check';
import t from 'tap';
import { UtcIsoFormatter } from '../../src/ledger/utcIso.js';

// The leaf's occurredAt/recordedAt must be exactly Date#toISOString, which the sealer uses.
const LIMIT = 8.64e15; // the range of a JavaScript Date (ECMA-262 §21.4.1.1)

t.test('formats every instant as Date#toISOString does, across days, years and signs', async (t) => {
  const f = new UtcIsoFormatter();
  fc.assert(
    fc.property(fc.integer({ min: -LIMIT, max: LIMIT }), (ms) => f.format(ms) === new Date(ms).toISOString()),
    { numRuns: 20_000 },
  );
  fc.assert(
    fc.property(fc.double({ min: -LIMIT, max: LIMIT, noNaN: true }), (ms) => f.format(ms) === new Date(ms).toISOString()),
    { numRuns: 5_000 },
  );
  // Around day and year boundaries, leap days, and the 4-digit/6-digit year switch.
  const edges = [0, -1, 1, 86_399_999, 86_400_000, -86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), Date.UTC(-1, 0, 1), -LIMIT, LIMIT];
  for (const ms of edges) t.equal(f.format(ms), new Date(ms).toISOString(), `${ms}`);
  // Consecutive instants within one day reuse the cached day and still agree.
  for (let ms = Date.UTC(2025, 2, 14); ms < Date.UTC(2025, 2, 14) + 5000; ms += 7) t.equal(f.format(ms), new Date(ms).toISOString());
});

t.test('an instant Date refuses is refused', async (t) => {
  t.throws(() => new UtcIsoFormatter().format(LIMIT + 86_400_000), RangeError);
  t.throws(() => new UtcIsoFormatter().format(LIMIT + 1), RangeError);
  t.throws(() => new UtcIsoFormatter().format(-LIMIT - 1), RangeError);
  t.throws(() => new UtcIsoFormatter().format(Number.NaN), RangeError);
});

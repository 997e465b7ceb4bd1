import fc from 'fast-check';
import { sql } from 'kysely';
import t from 'tap';
import { integerArrayLiteral, textArrayLiteral } from '../../src/db/arrayLiteral.js';
import { openTestDatabase } from '../helpers/testDatabase.js';

// The array literals the sealer hands PostgreSQL come back element for element: any text it can
// store (quotes, backslashes, commas, braces, the word NULL, empty strings), any bigint.

const database = await openTestDatabase();
t.teardown(() => database.close());
const db = database.db;

// Text PostgreSQL stores: no NUL character.
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.constantFrom('NULL', 'null', '', ' ', '""', '"', '\\', '\\"', '{}', '{a,b}', '"{"', 'a,b', ' x ', '\t', '\n', 'Bát Xát', '😀'),
).filter((s) => !s.includes('\u0000'));

t.test('a text array literal gives back its strings, in order', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(text, { maxLength: 12 }), async (values) => {
      const rows = await sql<{ v: string; n: string }>`SELECT v, n::text AS n FROM unnest(${textArrayLiteral(values)}::text[]) WITH ORDINALITY AS u(v, n) ORDER BY u.n`.execute(db);
      t.same(rows.rows.map((r) => r.v), values);
    }),
    { numRuns: 200 },
  );
});

t.test('an integer array literal gives back its numbers and bigints, in order', async (t) => {
  const integer = fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.constantFrom(0, -0, 2 ** 53 - 1, 2n ** 63n - 1n, -(2n ** 63n)));
  await fc.assert(
    fc.asyncProperty(fc.array(integer, { maxLength: 12 }), async (values) => {
      const rows = await sql<{ v: string }>`SELECT v::text AS v FROM unnest(${integerArrayLiteral(values)}::bigint[]) WITH ORDINALITY AS u(v, n) ORDER BY u.n`.execute(db);
      t.same(rows.rows.map((r) => r.v), values.map((v) => BigInt(v).toString()));
    }),
    { numRuns: 200 },
  );
  t.same(integerArrayLiteral([]), '{}');
  t.same(textArrayLiteral([]), '{}');
});

t.test('an integer literal PostgreSQL cannot read as the type is refused, not read as something else', async (t) => {
  for (const bad of [[1.5], [Number.NaN], [2n ** 63n]]) {
    await t.rejects(sql`SELECT unnest(${integerArrayLiteral(bad)}::bigint[])`.execute(db), String(bad[0]));
  }
});

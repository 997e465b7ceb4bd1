import fc from 'fast-check';
import { sql } from 'kysely';
import t from 'tap';
import { rowsFrom, type Columns } from '../../src/projections/rowsFrom.js';
import { openTestDatabase } from '../helpers/testDatabase.js';

// Rows handed over as array literals come back as they were: whatever the text holds (quotes,
// backslashes, commas, braces, the word NULL, empty strings), nulls as nulls, arrays per row
// element by element, jsonb as its value.

const database = await openTestDatabase();
t.teardown(() => database.close());
const db = database.db;

interface Row {
  id: string;
  name: string | null;
  day: string | null;
  n: number | null;
  big: bigint | null;
  doc: unknown;
  tags: string[];
  days: string[];
}

const columns: Columns<Row> = [
  ['id', 'uuid'], ['name', 'text'], ['day', 'date'], ['n', 'integer'], ['big', 'bigint'], ['doc', 'jsonb'], ['tags', 'text[]'], ['days', 'date[]'],
];

// Text PostgreSQL stores: no NUL character.
const text = fc.array(fc.oneof(fc.constantFrom('"', '\\', ',', '{', '}', '(', ')', ' ', "'", 'NULL', '\n', 'ệ'), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 6 })
  .map((parts) => parts.join('')).filter((s) => !s.includes('\u0000'));
const nastyText = fc.oneof(text, fc.constantFrom('NULL', 'null', '', ' ', '""', '\\', '{}', '{a,b}', '"{"'));
const day = fc.integer({ min: 0, max: 20_000 }).map((d) => new Date(Date.UTC(2000, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const row: fc.Arbitrary<Row> = fc.record({
  id: fc.uuid(),
  name: fc.option(nastyText, { nil: null }),
  day: fc.option(day, { nil: null }),
  n: fc.option(fc.integer(), { nil: null }),
  big: fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { nil: null }),
  doc: fc.option(fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown).filter((v) => !JSON.stringify(v).includes('\\u0000')), { nil: null }),
  tags: fc.array(nastyText, { maxLength: 4 }),
  days: fc.array(day, { maxLength: 3 }),
});

t.test('rows come back as they were handed over', async (t) => {
  let checked = 0;
  await fc.assert(fc.asyncProperty(fc.array(row, { maxLength: 20 }), async (rows) => {
    const back = await sql<{ id: string; name: string | null; day: string | null; n: number | null; big: string | null; doc: string | null; tags: string[]; days: string }>`
      SELECT id::text AS id, name, day::text AS day, n, big::text AS big, doc::text AS doc, tags, days::text AS days
      FROM ${rowsFrom(rows, columns)} AS r`.execute(db);
    t.equal(back.rows.length, rows.length);
    back.rows.forEach((b, i) => {
      const r = rows[i]!;
      const same = b.id === r.id.toLowerCase() && b.name === r.name && b.day === r.day && b.n === r.n && b.big === (r.big === null ? null : r.big.toString())
        && (r.doc === null ? b.doc === null : deepEqual(JSON.parse(b.doc!), r.doc))
        && JSON.stringify(b.tags) === JSON.stringify(r.tags) && b.days === `{${r.days.join(',')}}`;
      if (!same) throw new Error(`row ${i} came back as ${JSON.stringify(b)}, was ${JSON.stringify(r, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`);
    });
    checked += rows.length;
  }), { numRuns: 150 });
  t.ok(checked > 500, `${checked} rows checked`);
});

t.test('an empty set of rows is an empty set', async (t) => {
  const back = await sql`SELECT * FROM ${rowsFrom([] as Row[], columns)} AS r`.execute(db);
  t.equal(back.rows.length, 0);
});

t.test('a value it cannot spell is refused before anything is sent', async (t) => {
  t.throws(() => rowsFrom([{ name: { a: 1 } }], [['name', 'text']]), TypeError, 'an object in a text column');
  t.throws(() => rowsFrom([{ tags: ['a', undefined] }], [['tags', 'text[]']]), TypeError, 'undefined in an array');
  t.throws(() => rowsFrom([{ tags: [['a', 'b']] }], [['tags', 'text[]']]), TypeError, 'an array in an array');
  t.throws(() => rowsFrom([{ tags: 'a' }], [['tags', 'text[]']]), TypeError, 'a string where an array goes');
  t.doesNotThrow(() => rowsFrom([{ doc: 'text' }, { doc: { a: [1] } }], [['doc', 'jsonb']]), 'any JSON value in a jsonb column');
});

t.test('a value that is not of its column type is refused by PostgreSQL', async (t) => {
  await t.rejects(sql`SELECT * FROM ${rowsFrom([{ id: 'not-a-uuid' }], [['id', 'uuid']])} AS r`.execute(db));
  await t.rejects(sql`SELECT * FROM ${rowsFrom([{ day: '2024-02-30' }], [['day', 'date']])} AS r`.execute(db));
});

/** jsonb normalizes objects (key order, duplicate keys): compare values, not texts. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return JSON.stringify(ka) === JSON.stringify(kb) && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

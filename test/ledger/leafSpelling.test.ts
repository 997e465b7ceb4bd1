import fc from 'fast-check';
import { sql } from 'kysely';
import t from 'tap';
import { canonicalize } from '../../src/ledger/jcs.js';
import { actorJson, isoInstant } from '../../src/ledger/postgres/leafSpelling.js';
import { metadataJson } from '../../src/store/postgres/metadataJson.js';
import { openTestDatabase } from '../helpers/testDatabase.js';
import { edgyString } from './jsonArbitraries.js';

// The verifier's hot path respells two fields itself (leafSpelling.js). A wrong spelling would only
// send leaves down the exact path, unless it answered the canonical text for a value that is not
// that one; so each is held here to the canonical spelling, and to answering null where unsure.

// Not Date.UTC(1, 0, 1): Date.UTC reads years 0–99 as 1900–1999.
const MIN = Date.parse('0001-01-01T00:00:00.000Z');
const MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

t.test('isoInstant gives Date#toISOString of instants from year 1 to 9999, as PostgreSQL spells them', async (t) => {
  const database = await openTestDatabase();
  t.teardown(() => database.close());
  const ms = fc.sample(fc.integer({ min: MIN, max: MAX }), 5_000);
  // Whole seconds, tenths and hundredths (PostgreSQL drops the fraction's trailing zeros), the
  // edges of the range, and around 1970.
  ms.push(MIN, MAX, 0, -1, 1, 10, 100, 120, 1_000, Date.UTC(2024, 1, 29, 23, 59, 59), Date.UTC(999, 6, 4, 0, 0, 0, 500));
  for (const x of fc.sample(fc.integer({ min: Math.ceil(MIN / 1000), max: Math.floor(MAX / 1000) }), 500)) ms.push(x * 1000, x * 1000 + 100, x * 1000 + 10);
  const iso = ms.map((x) => new Date(x).toISOString());
  const rows = await sql<{ t: string }>`
    SELECT (x AT TIME ZONE 'UTC')::text AS t FROM unnest(${iso}::timestamptz[]) WITH ORDINALITY AS u(x, n) ORDER BY n`.execute(database.db);
  const wrong = rows.rows.map((r, i) => [r.t, isoInstant(r.t), iso[i]]).filter(([, got, want]) => got !== want);
  t.same(wrong.slice(0, 5), [], `all ${iso.length} instants respelled (first mismatches shown)`);
});

t.test('isoInstant answers null where the text is not a millisecond instant of years 1–9999 in DateStyle ISO', async (t) => {
  const database = await openTestDatabase();
  t.teardown(() => database.close());
  const texts = (
    await sql<{ t: string }>`
      SELECT (x AT TIME ZONE 'UTC')::text AS t FROM unnest(ARRAY[
        '2025-03-14 07:30:00.1234+00', '2025-03-14 07:30:00.000001+00', '0044-03-15 12:00:00 BC+00', '10000-01-01 00:00:00+00'
      ]::timestamptz[]) AS x`.execute(database.db)
  ).rows.map((r) => r.t);
  t.equal(texts.length, 4);
  for (const text of [...texts, '03/14/2025 07:30:00.12', 'Fri Mar 14 07:30:00.12 2025', '14.03.2025 07:30:00.12', '2025-03-14T07:30:00.12', '2025-03-14 07:30:00.', '']) {
    t.equal(isoInstant(text), null, JSON.stringify(text));
  }
});

/** JSON values JCS can write (integers within 2^53), objects keyed by letters only. */
const key = fc.stringMatching(/^[a-zA-Z]{0,6}$/);
const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(key, fc.string(), { maxKeys: 3 }));

t.test('actorJson gives the canonical JSON of the actor of any metadata, null when it does not parse', async (t) => {
  fc.assert(
    fc.property(fc.option(fc.oneof(fc.string({ unit: 'binary' }), value)), fc.dictionary(fc.string(), value), (actor, rest) => {
      const metadata = { ...rest, ...(actor === null ? {} : { actor }) };
      const text = canonicalize(JSON.parse(JSON.stringify(metadata)));
      return actorJson(text) === canonicalize(actor);
    }),
    { numRuns: 3_000 },
  );
  // Integer-like keys: JSON.stringify orders them first, by number; RFC 8785 by code unit. The
  // spliced text is then not the canonical leaf, so such an actor's leaves take the exact path.
  t.equal(actorJson('{"actor":{"b":1,"10":2,"9":3}}'), '{"9":3,"10":2,"b":1}');
  t.not(canonicalize({ b: 1, 10: 2, 9: 3 }), '{"9":3,"10":2,"b":1}');
  const cases: [string, string | null][] = [
    ['{"actor":"cán bộ 7","role":"cadre"}', '"cán bộ 7"'],
    // A second key "actor": JSON.parse takes the last one; the slice would take the first.
    ['{"actor":"a","role":"x","actor":"b"}', '"b"'],
    // A key spelled with an escape is the same key.
    ['{"actor":"a","\\u0061ctor":"b"}', '"b"'],
    ['{"actor":"a\\"b"}', '"a\\"b"'],
    ['{"actor":"a\\u0041"}', '"aA"'],
    ['{"role":"x","actor":"a"}', '"a"'],
    ['{"actor":7}', '7'],
    ['{"actor":null}', 'null'],
    ['{"role":"x"}', 'null'],
    // Metadata that no longer parses: the store could not read the event back.
    ['{"actor":"a"', null],
    ['{"actor":"a"} trailing', null],
    ['not json', null],
  ];
  for (const [metadata, want] of cases) t.equal(actorJson(metadata), want, metadata);
});

/** What actorJson must answer: the actor of the parsed text as JSON.stringify spells it, null when the text does not parse. */
function actorByParsing(text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const actor = (parsed as { actor?: unknown } | null)?.actor;
  return actor == null ? 'null' : JSON.stringify(actor);
}

/** Characters that matter to the shape actorJson reads off the stored metadata, for damaging it. */
const damage = fc.constantFrom(...'"\\,:{} nulactor'.split(''), '\u0000', '\u001f', '\ud800', '\\u0061', '\\"', '"actor":"x",');

t.test('actorJson reads the actor off metadata as the store writes it, and answers as parsing does on any change to it', async (t) => {
  let read = 0;
  fc.assert(
    fc.property(
      fc.record({ actor: fc.option(edgyString), role: fc.option(edgyString), correlationId: fc.option(edgyString), causationId: fc.option(edgyString), requestId: fc.option(edgyString) }),
      fc.array(fc.tuple(fc.nat(), fc.nat(2), damage), { maxLength: 3 }),
      (metadata, edits) => {
        let text = metadataJson(metadata);
        if (actorJson(text) !== JSON.stringify(metadata.actor)) throw new Error(`actorJson(${JSON.stringify(text)}) is not the actor's JSON`);
        read++;
        for (const [where, how, what] of edits) {
          const at = where % (text.length + 1);
          text = how === 0 ? text.slice(0, at) + what + text.slice(at) : how === 1 ? text.slice(0, at) + what + text.slice(at + 1) : text.slice(0, at) + text.slice(at + 1);
          if (actorJson(text) !== actorByParsing(text)) throw new Error(`actorJson(${JSON.stringify(text)}) should be ${actorByParsing(text)}`);
        }
      },
    ),
    { numRuns: 5_000 },
  );
  t.equal(read, 5_000);
  const stored = (actor: string) => `{"actor":${actor},"causationId":null,"correlationId":"c-1","requestId":null,"role":"admin"}`;
  const cases: [string, string | null][] = [
    [stored('"cán bộ 7"'), '"cán bộ 7"'],
    [stored('null'), 'null'],
    [stored('""'), '""'],
    // Escapes in the actor: parsed, and spelled as JSON.stringify does.
    [stored('"a\\"b"'), '"a\\"b"'],
    [stored('"a\\u0041"'), '"aA"'],
    // A raw control character is not JSON; a lone surrogate is, escaped when spelled.
    [stored('"a\u0001"'), null],
    [stored('"a\ud800"'), '"a\\ud800"'],
    // The same members in another order, or one more: parsed.
    ['{"actor":"a","role":"admin","correlationId":null,"causationId":null,"requestId":null}', '"a"'],
    [stored('"a"').replace('}', ',"actor":"b"}'), '"b"'],
    [stored('"a"') + ' ', '"a"'],
    [stored('"a"').slice(0, -1), null],
  ];
  for (const [metadata, want] of cases) t.equal(actorJson(metadata), want, JSON.stringify(metadata));
});

t.test('metadataJson spells metadata with its members in code-unit order, whatever order they were built in', async (t) => {
  const text = metadataJson({ requestId: 'r', role: 'admin', actor: 'a', correlationId: null, causationId: 'c' });
  t.equal(text, '{"actor":"a","causationId":"c","correlationId":null,"requestId":"r","role":"admin"}');
  t.equal(text, canonicalize(JSON.parse(text)));
});

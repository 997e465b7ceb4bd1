import fc from 'fast-check';
import t from 'tap';
import { canonicalLeafText, eventLeafBytes, eventLeafEnvelope } from '../../src/ledger/eventLeaf.js';
import { canonicalize } from '../../src/ledger/jcs.js';
import { leafBytes } from '../../src/ledger/leafEnvelope.js';
import type { StoredEvent } from '../../src/store/EventStore.js';
import { edgyJson, edgyString, spellings } from './jsonArbitraries.js';

// The sealer splices each leaf around the stored data text instead of canonicalizing it
// (eventLeaf.ts canonicalLeafText). That is sound only if every text the splice answers is the
// canonical leaf, so each piece is held here to the exact path: the canonical-text test to
// canonicalize, and the spliced leaf (its fields checked as the event holds them) to leafBytes.

const fieldArbitraries = {
  v: fc.constantFrom(1, 2, 0),
  origin: fc.oneof(fc.constant('diaban.example/log'), edgyString),
  position: fc.oneof(fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }).map(String), fc.constantFrom('0', '01', '-1', '9223372036854775808', '1.5', '', ' 1')),
  streamId: edgyString,
  streamVersion: fc.oneof(fc.bigInt({ min: 1n, max: 1n << 40n }).map(String), fc.constantFrom('0', '007', '-3', '9223372036854775807')),
  eventId: edgyString,
  type: edgyString,
  schemaVersion: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.constantFrom(2 ** 53, 2 ** 53 - 1, 1.5, Number.NaN)),
  occurredAt: fc.oneof(
    fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
    fc.constantFrom('2025-02-30T00:00:00.000Z', '2025-03-14T07:30:00Z', '+010000-01-01T00:00:00.000Z', '2025-03-14T07:30:00.000+07:00', ''),
  ),
  recordedAt: fc.constantFrom('2025-03-14T07:30:00.000Z', '2025-13-01T00:00:00.000Z'),
  actor: fc.oneof(fc.constant(null), edgyString),
  prev: fc.oneof(
    fc.constant(null),
    fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64')),
    fc.constantFrom('AAAA', `${'A'.repeat(43)}B`, `${'A'.repeat(43)}=`),
  ),
};

/** A stored event as the store hands it: `rawData` is the stored text, `data` its parse. */
function storedEvent(f: {
  position: bigint; streamId: string; streamVersion: bigint; eventId: string; type: string; schemaVersion: number;
  occurredAt: Date; recordedAt: Date; actor: unknown; rawData: string;
}): StoredEvent {
  return {
    globalPosition: f.position, streamId: f.streamId, streamVersion: f.streamVersion, eventId: f.eventId, type: f.type,
    schemaVersion: f.schemaVersion, data: JSON.parse(f.rawData) as unknown, rawData: f.rawData,
    metadata: { actor: f.actor }, occurredAt: f.occurredAt, recordedAt: f.recordedAt,
  } as unknown as StoredEvent;
}

/** The exact path: the envelope canonicalized and checked by the schema (undefined where it refuses). */
function exactBytes(event: StoredEvent, origin: string, prev: Uint8Array | null): Uint8Array | undefined {
  try {
    return leafBytes(eventLeafEnvelope(event, origin, prev));
  } catch {
    return undefined;
  }
}

/** Mostly a value the exact path accepts, sometimes an edge: so that both paths are taken often. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, edgy: fc.Arbitrary<U>) => fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: edgy });
const word = fc.string({ minLength: 1, maxLength: 12 });

t.test('the spliced leaf is the canonical leaf wherever the splice answers, and eventLeafBytes equals the exact path', async (t) => {
  let spliced = 0;
  let exactOnly = 0;
  const validInstant = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true });
  // The edges of what toISOString spells as four-digit years, each side (canonicalLeafText checks the range on the Date).
  const instant = mostly(validInstant, fc.constantFrom(
    new Date('+010000-01-01T00:00:00.000Z'), new Date('-000001-12-31T23:59:59.999Z'), new Date('0000-01-01T00:00:00.000Z'),
    new Date('9999-12-31T23:59:59.999Z'), new Date(Number.NaN),
  ));
  const data = mostly(fc.jsonValue().filter((v) => { try { canonicalize(v); return true; } catch { return false; } }), edgyJson);
  fc.assert(
    fc.property(
      data, fc.nat(3), mostly(fc.bigInt({ min: 1n, max: 1n << 62n }), fc.constantFrom(-1n, 1n << 63n, 1n << 64n)), mostly(word, edgyString),
      mostly(fc.bigInt({ min: 1n, max: 1n << 40n }), fc.constant(0n)), mostly(word, edgyString), mostly(word, edgyString),
      mostly(fc.integer({ min: 1, max: 9 }), fieldArbitraries.schemaVersion), instant, instant,
      mostly(fc.oneof(fc.constant(null), word), fc.oneof(fc.constant(undefined), edgyString, fc.integer())),
      mostly(fc.oneof(fc.constant(null), fc.uint8Array({ minLength: 32, maxLength: 32 })), fc.uint8Array({ minLength: 31, maxLength: 33 })),
      mostly(fc.constant('diaban.example/log'), edgyString),
      (value, spelling, position, streamId, streamVersion, eventId, type, schemaVersion, occurredAt, recordedAt, actor, prev, origin) => {
        const texts = spellings(value);
        // Canonical text most of the time (the last spelling, when there is one), as the store writes it.
        const rawData = texts[spelling < 2 ? spelling : texts.length - 1]!;
        const event = storedEvent({ position, streamId, streamVersion, eventId, type, schemaVersion, occurredAt, recordedAt, actor, rawData });
        const exact = exactBytes(event, origin, prev);
        const text = canonicalLeafText(event, origin, prev);
        if (text !== undefined) {
          spliced++;
          if (exact === undefined || Buffer.compare(Buffer.from(text, 'utf8'), exact) !== 0) return false;
        } else if (exact !== undefined) {
          exactOnly++;
        }
        let bytes: Uint8Array | undefined;
        try {
          bytes = eventLeafBytes(event, origin, prev);
        } catch {
          bytes = undefined;
        }
        return bytes === undefined ? exact === undefined : exact !== undefined && Buffer.compare(bytes, exact) === 0;
      },
    ),
    { numRuns: 5_000 },
  );
  t.ok(spliced > 1_000, `${spliced} leaves spliced`);
  t.ok(exactOnly > 100, `${exactOnly} leaves only the exact path gave`);
});

t.test('an ordinary event is spliced', async (t) => {
  const data = { visitId: 'v-1', unitCode: '02809', purposes: ['Nắm tình hình ở xã Bát Xát'], days: 3, note: null };
  const fields = {
    position: 41n, streamId: 'visit-v-1', streamVersion: 2n, eventId: '0190f5b4-8a4e-7c3a-9d1e-2f4b6a8c0e12', type: 'VisitLogged',
    schemaVersion: 2, occurredAt: new Date('2025-03-14T00:00:00Z'), recordedAt: new Date('2025-03-14T07:30:00.120Z'), actor: 'user-12',
  };
  const event = storedEvent({ ...fields, rawData: canonicalize(data) });
  const prev = new Uint8Array(32).fill(7);
  const text = canonicalLeafText(event, 'diaban.example/log', prev);
  t.ok(text !== undefined, 'spliced');
  t.same(Buffer.from(text!, 'utf8'), Buffer.from(leafBytes(eventLeafEnvelope(event, 'diaban.example/log', prev))));
  // Stored in another spelling (a store that does not write RFC 8785): not spliced, and the exact
  // path gives the same leaf as for the canonical text.
  const spaced = storedEvent({ ...fields, rawData: JSON.stringify(data, null, 2) });
  t.equal(canonicalLeafText(spaced, 'diaban.example/log', prev), undefined);
  t.same(Buffer.from(eventLeafBytes(spaced, 'diaban.example/log', prev)), Buffer.from(text!, 'utf8'));
});

t.test('deeply nested data takes the exact path: the splice neither overflows the stack nor answers where canonicalize could not', async (t) => {
  const nested = JSON.parse(`${'{"a":'.repeat(150)}1${'}'.repeat(150)}`) as unknown;
  const event = storedEvent({
    position: 1n, streamId: 's', streamVersion: 1n, eventId: 'e', type: 'T', schemaVersion: 1,
    occurredAt: new Date(0), recordedAt: new Date(0), actor: null, rawData: canonicalize(nested),
  });
  t.equal(canonicalLeafText(event, 'o', null), undefined);
  t.same(Buffer.from(eventLeafBytes(event, 'o', null)), Buffer.from(leafBytes(eventLeafEnvelope(event, 'o', null))));
});

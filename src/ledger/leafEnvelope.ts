import { z } from 'zod';
import { DECIMAL, decodeBase64, decodeUtf8 } from './encoding.js';
import { LedgerError, MalformedLeaf } from './errors.js';
import { leafHash, type Hash } from './hashes.js';
import { canonicalBytes, canonicalize, type JsonValue } from './jcs.js';

/**
 * The leaf of the Merkle log for one event: the RFC 8785 bytes of this envelope, stored exactly as
 * hashed (leaf hash = SHA-256(0x00 || bytes), RFC 9162 §2.1.1). 64-bit counters travel as decimal
 * strings so no reader turns them into a lossy JSON number; `prev` chains the events of a stream.
 */
const INT63_MAX = (1n << 63n) - 1n; // PostgreSQL bigint

// zod runs a refinement even after the regex before it failed: without the regex test here, a
// position of "1.5" threw BigInt's SyntaxError out of safeParse instead of failing the parse.
const atMostInt63 = (s: string): boolean => DECIMAL.test(s) && BigInt(s) <= INT63_MAX;
const Counter = z.string().regex(DECIMAL, 'a decimal string without leading zeros').refine(atMostInt63, 'at most 2^63 - 1');

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
function realInstant(s: string): boolean {
  const ms = Date.parse(s);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === s;
}
/** ISO-8601 UTC with milliseconds, exactly as Date#toISOString writes it (and a real date). */
const Timestamp = z.string().regex(TIMESTAMP, 'YYYY-MM-DDTHH:mm:ss.sssZ').refine(realInstant, 'a valid instant');

const isLeafHashText = (s: string): boolean => decodeBase64(s)?.length === 32;
const LeafHashText = z.string().refine(isLeafHashText, 'base64 of a 32-byte leaf hash');

const Json = z.custom<JsonValue>((value) => {
  try {
    canonicalize(value);
    return true;
  } catch {
    return false;
  }
}, 'a value RFC 8785 can represent');

export const LEAF_FORMAT_VERSION = 1;

export const LeafEnvelope = z.strictObject({
  v: z.literal(LEAF_FORMAT_VERSION),
  origin: z.string().min(1),
  position: Counter,
  streamId: z.string().min(1),
  streamVersion: Counter,
  eventId: z.string().min(1),
  type: z.string().min(1),
  schemaVersion: z.int().positive(),
  occurredAt: Timestamp,
  recordedAt: Timestamp,
  actor: z.string().nullable(),
  data: Json,
  /** Leaf hash of the previous event of the same stream; null for its first event. */
  prev: LeafHashText.nullable(),
});
export type LeafEnvelope = z.infer<typeof LeafEnvelope>;

/**
 * The envelope's fields without checking `data` again: for `leafBytes`, whose canonicalization of
 * the whole envelope has just checked it (the `Json` check is that same canonicalization, and cost
 * the sealer as much as the rest of the schema).
 */
const EnvelopeFields = LeafEnvelope.extend({ data: z.unknown() });

/** The instants Date#toISOString spells as TIMESTAMP: years 0000 to 9999 (beyond, it writes ±YYYYYY). */
const FIRST_INSTANT = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * An envelope's counter from a number the store holds, or undefined where the envelope refuses it
 * (the same answer as the schema's on `v.toString()`, without parsing the text back): for the
 * sealer's leaf path, eventLeaf.ts `canonicalLeafText`, which asks for every leaf.
 */
export function counterText(v: bigint): string | undefined {
  return typeof v === 'bigint' && v >= 0n && v <= INT63_MAX ? v.toString() : undefined;
}

/**
 * An envelope's timestamp from a Date, or undefined where the envelope refuses it: the same answer
 * as the schema's on `d.toISOString()` (toISOString of a valid Date is always a real instant, so
 * only its year range needs checking), and undefined for an invalid Date, whose toISOString throws.
 */
export function instantText(d: Date): string | undefined {
  const ms = d.getTime();
  if (!(ms >= FIRST_INSTANT && ms <= LAST_INSTANT)) return undefined;
  const second = Math.floor(ms / 1000);
  const millis = MILLIS[ms - second * 1000]!;
  if (second === recentSeconds[0]) return `${recentPrefixes[0]}${millis}Z`;
  if (second === recentSeconds[1]) return `${recentPrefixes[1]}${millis}Z`;
  const text = d.toISOString();
  const slot = recentSeconds[0] === lastSpelled ? 1 : 0; // the one not spelled last
  recentSeconds[slot] = lastSpelled = second;
  recentPrefixes[slot] = text.slice(0, 20);
  return text;
}

/**
 * The last two seconds `instantText` spelled, and their text up to the milliseconds
 * ('2025-03-14T07:30:00.'): the sealer asks for two instants a leaf, an event's occurredAt and
 * recordedAt, and in a batch each is mostly in the same second as the event before's (toISOString
 * took 1 µs for the two, the cached prefix a tenth of that). Two, so the two fields do not evict
 * each other.
 */
const recentSeconds = [Number.NaN, Number.NaN];
const recentPrefixes = ['', ''];
let lastSpelled = Number.NaN;
const MILLIS = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/** The leaf bytes: JCS of a valid envelope. A value JCS refuses throws LEDGER_UNREPRESENTABLE_VALUE with its path. */
export function leafBytes(envelope: LeafEnvelope): Uint8Array {
  const bytes = canonicalBytes(envelope);
  const parsed = EnvelopeFields.safeParse(envelope);
  if (!parsed.success) throw new MalformedLeaf(z.prettifyError(parsed.error));
  return bytes;
}

export function envelopeLeafHash(envelope: LeafEnvelope): Hash {
  return leafHash(leafBytes(envelope));
}

/**
 * Reads stored leaf bytes back, refusing bytes that are not exactly the canonical encoding of a
 * valid envelope: a verifier must not accept a second spelling of the same leaf.
 */
export function parseLeafBytes(bytes: Uint8Array): LeafEnvelope {
  const text = decodeUtf8(bytes);
  if (text === undefined) throw new MalformedLeaf('leaf bytes are not UTF-8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MalformedLeaf('leaf bytes are not JSON');
  }
  const parsed = LeafEnvelope.safeParse(json);
  if (!parsed.success) throw new MalformedLeaf(z.prettifyError(parsed.error));
  if (canonicalizeOrUndefined(parsed.data) !== text) throw new MalformedLeaf('leaf bytes are not in RFC 8785 canonical form');
  return parsed.data;
}

function canonicalizeOrUndefined(value: unknown): string | undefined {
  try {
    return canonicalize(value);
  } catch (error) {
    if (error instanceof LedgerError) return undefined;
    throw error;
  }
}

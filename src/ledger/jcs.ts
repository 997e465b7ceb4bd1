import { LedgerEncodingError, type UnrepresentableReason } from './errors.js';

/**
 * RFC 8785 JSON Canonicalization Scheme (https://www.rfc-editor.org/rfc/rfc8785).
 *
 * The leaf bytes of the ledger are hashed, signed and stored exactly as produced here, so anything
 * that could encode two ways, or lose information on the way, is refused rather than coerced.
 * JCS does not normalize Unicode (RFC 8785 §3.1: data "as is"): NFC and NFD Vietnamese text give
 * different bytes, so normalize at the edge if that matters.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalize(value: unknown): string {
  try {
    return serialize(value, new Set());
  } catch (err) {
    if (err instanceof Refusal) throw new LedgerEncodingError(err.reason, `$${err.segments.reverse().join('')}`);
    throw err;
  }
}

const UTF8 = new TextEncoder();

/** RFC 8785 §3.2.4: the canonical form is transmitted as UTF-8. */
export function canonicalBytes(value: unknown): Uint8Array {
  return UTF8.encode(canonicalize(value));
}

/**
 * ECMAScript Number::toString (ES2015 §7.1.12.1), which RFC 8785 §3.2.2.3 adopts verbatim; V8's
 * `String(number)` is that algorithm. Only the encoding: the ledger's acceptance rules are in
 * `checkNumber`.
 */
export function serializeNumber(x: number): string {
  return Object.is(x, -0) ? '0' : String(x);
}

/**
 * A value refused somewhere below: each container on the way out adds its segment of the path
 * (`.data`, `[2]`), so the path is spelled only on failure. Spelling it for every member on the
 * way in cost as much as the serialization (the store canonicalizes every append).
 */
class Refusal {
  readonly segments: string[] = [];
  constructor(readonly reason: UnrepresentableReason) {}
}

function serialize(value: unknown, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return serializeString(value);
    case 'number':
      checkNumber(value);
      return serializeNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      throw new Refusal('undefined');
    case 'function':
      throw new Refusal('function');
    case 'symbol':
      throw new Refusal('symbol');
    case 'bigint':
      // No faithful JSON number form (RFC 8785 §3.2.2.3 is IEEE 754 only): send it as a string.
      throw new Refusal('bigint');
    case 'object':
      if (value === null) return 'null';
      return serializeContainer(value, ancestors);
  }
  throw new Refusal('non-plain-object');
}

function serializeContainer(value: object, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new Refusal('cycle');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      let out = '[';
      for (let i = 0; i < value.length; i++) {
        if (i > 0) out += ',';
        out += within(i, value[i], ancestors);
      }
      return `${out}]`;
    }
    return serializeObject(value, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

/**
 * `serialize(child)`, adding the child's segment (an array index, or an object key) to the path of
 * a refusal from below. The segment is spelled only then: no string or closure per member.
 */
function within(at: number | string, child: unknown, ancestors: Set<object>): string {
  try {
    return serialize(child, ancestors);
  } catch (err) {
    if (err instanceof Refusal) err.segments.push(typeof at === 'number' ? `[${at}]` : childSegment(at));
    throw err;
  }
}

function serializeObject(value: object, ancestors: Set<object>): string {
  const proto: unknown = Object.getPrototypeOf(value);
  // Date, Map, class instances...: JSON.stringify would silently pick a representation.
  if (proto !== Object.prototype && proto !== null) throw new Refusal('non-plain-object');
  if (Object.getOwnPropertySymbols(value).length > 0) throw new Refusal('symbol-key');
  const record = value as Record<string, unknown>;
  // RFC 8785 §3.2.3: sort by UTF-16 code units, which is what sort() does with no comparator
  // (ECMAScript compares the strings' code units; the keys are strings already).
  const keys = Object.keys(record).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    let name: string;
    try {
      name = serializeString(key);
    } catch (err) {
      if (err instanceof Refusal) err.segments.push(childSegment(key));
      throw err;
    }
    if (i > 0) out += ',';
    out += `${name}:${within(key, record[key], ancestors)}`;
  }
  return `${out}}`;
}

/** A string RFC 8785 accepts (no lone surrogate), which it then quotes as JSON.stringify does. */
export function isJcsString(s: string): boolean {
  return !SURROGATE.test(s) || !LONE_SURROGATE.test(s);
}

const SURROGATE = /[\ud800-\udfff]/;
/** `\p{Cs}` in a `u` regex matches only unpaired surrogates: paired ones form one code point. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Nothing JSON escapes and no surrogate at all: the string goes between quotes as it is. */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

function serializeString(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  // RFC 8785 §3.1 requires I-JSON (RFC 7493 §2.1): no lone surrogates, they cannot become UTF-8.
  if (LONE_SURROGATE.test(s)) throw new Refusal('lone-surrogate');
  // RFC 8785 §3.2.2.2 is ECMAScript's QuoteJSONString, which JSON.stringify implements.
  return JSON.stringify(s);
}

/**
 * Numbers the ledger accepts: finite, and either a safe integer or a non-integer that round-trips
 * through its decimal form. Integers beyond 2^53 - 1 usually come from a lossy parse of a larger
 * integer (an id, an amount); refusing them keeps the leaf from pinning a corrupted value.
 */
function checkNumber(x: number): void {
  if (!Number.isFinite(x)) throw new Refusal('non-finite-number');
  if (Number.isInteger(x)) {
    if (!Number.isSafeInteger(x)) throw new Refusal('unsafe-integer');
    return;
  }
  if (Number(serializeNumber(x)) !== x) throw new Refusal('number-round-trip');
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function childSegment(key: string): string {
  return IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

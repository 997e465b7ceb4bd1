import { LedgerEncodingError } from './errors.js';

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
  return serialize(value, '$', new Set());
}

/** RFC 8785 §3.2.4: the canonical form is transmitted as UTF-8. */
export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalize(value));
}

/**
 * ECMAScript Number::toString (ES2015 §7.1.12.1), which RFC 8785 §3.2.2.3 adopts verbatim; V8's
 * `String(number)` is that algorithm. Only the encoding: the ledger's acceptance rules are in
 * `checkNumber`.
 */
export function serializeNumber(x: number): string {
  return Object.is(x, -0) ? '0' : String(x);
}

function serialize(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return serializeString(value, path);
    case 'number':
      checkNumber(value, path);
      return serializeNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      throw new LedgerEncodingError('undefined', path);
    case 'function':
      throw new LedgerEncodingError('function', path);
    case 'symbol':
      throw new LedgerEncodingError('symbol', path);
    case 'bigint':
      // No faithful JSON number form (RFC 8785 §3.2.2.3 is IEEE 754 only): send it as a string.
      throw new LedgerEncodingError('bigint', path);
    case 'object':
      if (value === null) return 'null';
      return serializeContainer(value, path, ancestors);
  }
  throw new LedgerEncodingError('non-plain-object', path);
}

function serializeContainer(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new LedgerEncodingError('cycle', path);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let i = 0; i < value.length; i++) items.push(serialize(value[i], `${path}[${i}]`, ancestors));
      return `[${items.join(',')}]`;
    }
    return serializeObject(value, path, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function serializeObject(value: object, path: string, ancestors: Set<object>): string {
  const proto: unknown = Object.getPrototypeOf(value);
  // Date, Map, class instances...: JSON.stringify would silently pick a representation.
  if (proto !== Object.prototype && proto !== null) throw new LedgerEncodingError('non-plain-object', path);
  if (Object.getOwnPropertySymbols(value).length > 0) throw new LedgerEncodingError('symbol-key', path);
  const record = value as Record<string, unknown>;
  // RFC 8785 §3.2.3: sort by UTF-16 code units; JS relational comparison of strings is exactly that.
  const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const members = keys.map((key) => {
    const child = childPath(path, key);
    return `${serializeString(key, child)}:${serialize(record[key], child, ancestors)}`;
  });
  return `{${members.join(',')}}`;
}

/** `\p{Cs}` in a `u` regex matches only unpaired surrogates: paired ones form one code point. */
const LONE_SURROGATE = /\p{Cs}/u;

function serializeString(s: string, path: string): string {
  // RFC 8785 §3.1 requires I-JSON (RFC 7493 §2.1): no lone surrogates, they cannot become UTF-8.
  if (LONE_SURROGATE.test(s)) throw new LedgerEncodingError('lone-surrogate', path);
  // RFC 8785 §3.2.2.2 is ECMAScript's QuoteJSONString, which JSON.stringify implements.
  return JSON.stringify(s);
}

/**
 * Numbers the ledger accepts: finite, and either a safe integer or a non-integer that round-trips
 * through its decimal form. Integers beyond 2^53 - 1 usually come from a lossy parse of a larger
 * integer (an id, an amount); refusing them keeps the leaf from pinning a corrupted value.
 */
function checkNumber(x: number, path: string): void {
  if (!Number.isFinite(x)) throw new LedgerEncodingError('non-finite-number', path);
  if (Number.isInteger(x)) {
    if (!Number.isSafeInteger(x)) throw new LedgerEncodingError('unsafe-integer', path);
    return;
  }
  if (Number(serializeNumber(x)) !== x) throw new LedgerEncodingError('number-round-trip', path);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function childPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

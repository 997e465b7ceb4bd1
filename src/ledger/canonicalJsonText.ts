/**
 * Whether a JSON text is already in RFC 8785 canonical form: exactly `canonicalize(JSON.parse(text))`
 * (jcs.ts), decided in one pass over the text without parsing it. The sealer asks this of every
 * event's stored data text, which the store writes canonical (runtime.ts), so the leaf can be
 * spliced around it (eventLeaf.ts `canonicalLeafText`). Parsing the text, walking the value and
 * stringifying it back took 2.3 µs for a 170-character VisitLogged (Node 20) and twice that in a
 * sealer running beside appenders; this scan, 0.3 µs.
 *
 * Canonical text, as canonicalize writes it (RFC 8785 §3.2):
 * - no whitespace outside strings;
 * - strings as ECMAScript's QuoteJSONString writes them: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`,
 *   any other code unit below U+0020 as `\u00xx` in lower-case hex, everything else as it is; no
 *   lone surrogate (§3.1, I-JSON), escaped or not;
 * - numbers as Number::toString writes them (§3.2.2.3), and only those the ledger accepts: a
 *   non-integer, or a safe integer (jcs.ts `checkNumber`), so never `-0`, `1.0`, `1e2` or 2^53;
 * - object members sorted by their names' UTF-16 code units (§3.2.3), each name once.
 *
 * Containers nested deeper than MAX_DEPTH answer false (the caller then canonicalizes), as before
 * this scan: the exact path recurses, and below this bound no spelling can overflow the stack.
 * test/ledger/canonicalJsonText.test.ts holds the answer to canonicalize's, both ways.
 */
export function isCanonicalJsonText(text: string): boolean {
  s = text;
  try {
    return value(0, 0) === text.length;
  } finally {
    s = '';
  }
}

/** Containers at this depth (the top value is at 0) answer false: 100 levels are checked. */
const MAX_DEPTH = 100;

/** The text being scanned (one scan at a time: the scan never yields). */
let s = '';
/** Whether the last string scanned held an escape (its text then differs from its value). */
let escaped = false;

/** The index just after the canonical value starting at `i`, or -1. */
function value(i: number, depth: number): number {
  const c = s.charCodeAt(i);
  switch (c) {
    case 0x22: // "
      return string(i);
    case 0x7b: // {
      return object(i, depth);
    case 0x5b: // [
      return array(i, depth);
    case 0x74: // t
      return s.startsWith('true', i) ? i + 4 : -1;
    case 0x66: // f
      return s.startsWith('false', i) ? i + 5 : -1;
    case 0x6e: // n
      return s.startsWith('null', i) ? i + 4 : -1;
    default:
      return c === 0x2d || (c >= 0x30 && c <= 0x39) ? number(i) : -1;
  }
}

function number(i: number): number {
  let j = i;
  let digitsOnly = true;
  for (;;) {
    const c = s.charCodeAt(j);
    if (c >= 0x30 && c <= 0x39) j++;
    else if (c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45) {
      // - + . e E: what a JSON number can hold besides digits
      digitsOnly = false;
      j++;
    } else break;
  }
  // A non-negative integer of up to 15 digits is safe: canonical unless it has a leading zero.
  if (digitsOnly && j - i <= 15) return s.charCodeAt(i) !== 0x30 || j - i === 1 ? j : -1;
  // Otherwise it must be Number::toString's own spelling of its value (which rules out every
  // spelling JSON allows and that does not, and anything that is not a JSON number at all), and
  // an integer must be safe.
  const token = s.slice(i, j);
  const n = Number(token);
  return String(n) === token && (!Number.isInteger(n) || Number.isSafeInteger(n)) ? j : -1;
}

/** Code units that stand for themselves in a canonical string: not a quote, backslash, control or surrogate. */
const PLAIN_RUN = /[^"\\\u0000-\u001f\ud800-\udfff]*/y;

/** `i` at the opening quote. Sets `escaped`. */
function string(i: number): number {
  escaped = false;
  const end = s.length;
  for (let j = i + 1; j < end; ) {
    // Most of a string needs no look at each code unit: skip the run a regex clears at once.
    PLAIN_RUN.lastIndex = j;
    PLAIN_RUN.test(s);
    j = PLAIN_RUN.lastIndex;
    const c = s.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c === 0x5c) {
      escaped = true;
      const e = s.charCodeAt(j + 1);
      if (e === 0x22 || e === 0x5c || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        j += 2;
        continue;
      }
      // \u00xx, lower-case hex, only for the controls without a short form above.
      if (e !== 0x75 || s.charCodeAt(j + 2) !== 0x30 || s.charCodeAt(j + 3) !== 0x30) return -1;
      const high = s.charCodeAt(j + 4);
      const low = s.charCodeAt(j + 5);
      if (high !== 0x30 && high !== 0x31) return -1;
      const lowValue = low >= 0x30 && low <= 0x39 ? low - 0x30 : low >= 0x61 && low <= 0x66 ? low - 0x61 + 10 : -1;
      if (lowValue < 0) return -1;
      const code = (high - 0x30) * 16 + lowValue;
      if (code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) return -1;
      j += 6;
      continue;
    }
    if (c < 0x20) return -1;
    if (c >= 0xd800 && c <= 0xdfff) {
      // A high surrogate followed by a low one is one code point; any other surrogate is lone.
      const next = s.charCodeAt(j + 1);
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return -1;
      j += 2;
      continue;
    }
    j++;
  }
  return -1;
}

function object(i: number, depth: number): number {
  if (depth >= MAX_DEPTH) return -1;
  let j = i + 1;
  if (s.charCodeAt(j) === 0x7d) return j + 1;
  /** The previous member's name: where its text starts and ends, and whether it held an escape. */
  let previousStart = -1;
  let previousEnd = -1;
  let previousEscaped = false;
  for (;;) {
    if (s.charCodeAt(j) !== 0x22) return -1;
    const nameEnd = string(j);
    if (nameEnd < 0) return -1;
    const start = j + 1;
    const end = nameEnd - 1;
    if (previousStart >= 0 && !nameBefore(previousStart, previousEnd, previousEscaped, start, end, escaped)) return -1;
    previousStart = start;
    previousEnd = end;
    previousEscaped = escaped;
    if (s.charCodeAt(nameEnd) !== 0x3a) return -1; // :
    const after = value(nameEnd + 1, depth + 1);
    if (after < 0) return -1;
    const c = s.charCodeAt(after);
    if (c === 0x7d) return after + 1; // }
    if (c !== 0x2c) return -1; // ,
    j = after + 1;
  }
}

function array(i: number, depth: number): number {
  if (depth >= MAX_DEPTH) return -1;
  let j = i + 1;
  if (s.charCodeAt(j) === 0x5d) return j + 1;
  for (;;) {
    const after = value(j, depth + 1);
    if (after < 0) return -1;
    const c = s.charCodeAt(after);
    if (c === 0x5d) return after + 1; // ]
    if (c !== 0x2c) return -1; // ,
    j = after + 1;
  }
}

/**
 * Whether the name spelled in [aStart, aEnd) sorts strictly before the one in [bStart, bEnd), by
 * the UTF-16 code units of their values. Compared in place when neither holds an escape (the text
 * is then the value); else their values are unescaped first (canonical escapes only, checked).
 */
function nameBefore(aStart: number, aEnd: number, aEscaped: boolean, bStart: number, bEnd: number, bEscaped: boolean): boolean {
  if (aEscaped || bEscaped) {
    return (JSON.parse(s.slice(aStart - 1, aEnd + 1)) as string) < (JSON.parse(s.slice(bStart - 1, bEnd + 1)) as string);
  }
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  const common = aLength < bLength ? aLength : bLength;
  for (let k = 0; k < common; k++) {
    const a = s.charCodeAt(aStart + k);
    const b = s.charCodeAt(bStart + k);
    if (a !== b) return a < b;
  }
  return aLength < bLength;
}

// How the verifier's hot path spells two fields of a leaf from the event columns as scanned, shared
// by eventLeafText.ts (main thread) and verifyWorker.js (plain JavaScript, so the worker starts
// without the TypeScript loader). Each answers null where it cannot be sure of the canonical
// spelling; the leaf then goes down the exact path (verifyLedger.ts), which decides on the stored
// bytes. A spelling answered here can only make the spliced text equal the sealed leaf when it is
// the canonical one, so no leaf is cleared that the exact path would fail.

/**
 * Date#toISOString's spelling ('2025-03-14T07:30:00.120Z') of PostgreSQL's ISO text of a UTC
 * timestamp ('2025-03-14 07:30:00.12': DateStyle ISO drops trailing zeros of the fraction); null
 * for sub-millisecond fractions, years past 9999, BC dates or another DateStyle.
 */
export function isoInstant(t) {
  const n = t.length;
  if (n < 19 || n === 20 || n > 23 || t.charCodeAt(4) !== 45 || t.charCodeAt(10) !== 32) return null;
  if (n === 19) return `${t.slice(0, 10)}T${t.slice(11)}.000Z`;
  if (t.charCodeAt(19) !== 46) return null;
  return `${t.slice(0, 10)}T${t.slice(11, n)}${n === 21 ? '00' : n === 22 ? '0' : ''}Z`;
}

/**
 * The JSON text of the metadata's `actor` ('null' when absent) as JSON.stringify spells it, which
 * is RFC 8785's for the strings actors are (and numbers, booleans, arrays, objects with no
 * integer-like keys; an object whose keys JSON.stringify orders otherwise only sends its leaves
 * down the exact path), or null when the metadata does not parse. Parsed whole, not sliced out: slicing the first key of canonical
 * metadata saved a tenth of the worker's time but would clear an event whose metadata no longer
 * parses (which the store could not read back) as long as its actor stood intact.
 */
export function actorJson(metadata) {
  let actor;
  try {
    actor = JSON.parse(metadata)?.actor;
  } catch {
    return null;
  }
  return actor == null ? 'null' : JSON.stringify(actor);
}

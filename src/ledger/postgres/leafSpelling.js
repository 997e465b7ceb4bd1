// The leaf text the verifier's hot path splices from an event's columns as scanned, one function
// for both threads: eventLeafText.ts (main thread) and verifyWorker.js (plain JavaScript, so the
// worker starts without the TypeScript loader). Wherever it cannot be sure of the canonical
// spelling it answers null, and the leaf goes down the exact path (verifyLedger.ts), which decides
// on the stored bytes. A text answered here can only equal the sealed leaf when every value in it
// is spelled canonically, so no leaf is cleared that the exact path would fail.

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
 * Metadata as the store writes it (src/store/postgres/metadataJson.ts): EventMetadata's five members
 * in code-unit order, each null or a string with nothing JSON escapes (no quote, backslash, control
 * character or surrogate). Text of this shape is JSON with one member "actor", so the actor's text
 * can be taken as it stands: JSON.parse would give that string, and JSON.stringify (like RFC 8785)
 * would spell it back the same.
 */
const PLAIN = /(?:null|"[^"\\\u0000-\u001f\ud800-\udfff]*")/.source;
const STORED_METADATA = new RegExp(String.raw`^\{"actor":(${PLAIN}),"causationId":${PLAIN},"correlationId":${PLAIN},"requestId":${PLAIN},"role":${PLAIN}\}$`);

/**
 * The JSON text of the metadata's `actor` ('null' when absent) as JSON.stringify spells it, which is
 * RFC 8785's for the strings actors are (and numbers, booleans, arrays, objects with no
 * integer-like keys; an object whose keys JSON.stringify orders otherwise only sends its leaves
 * down the exact path), or null when the metadata does not parse. Metadata of the shape the store
 * writes is matched whole (STORED_METADATA) and its actor taken from the match: a quarter of
 * parsing it. Any other text is parsed whole, never sliced: slicing the first member saved a tenth
 * of the worker's time but would clear an event whose metadata no longer parses (which the store
 * could not read back) as long as its actor stood intact.
 */
export function actorJson(metadata) {
  const stored = STORED_METADATA.exec(metadata);
  if (stored !== null) return stored[1];
  let actor;
  try {
    actor = JSON.parse(metadata)?.actor;
  } catch {
    return null;
  }
  return actor == null ? 'null' : JSON.stringify(actor);
}

/**
 * The leaf text of a scanned event (`eventLeafTextFast`'s layout, keys in RFC 8785 order) with the
 * 0x00 leaf prefix in front, ready for SHA-256; null when the metadata does not parse or an instant
 * is not spelled as `isoInstant` expects. One template literal, so the text is flattened once when
 * hashed. Strings that may need escaping go through JSON.stringify (RFC 8785 §3.2.2.2). The
 * counters (decimal text), the event id (a uuid as the database spells it) and the instants are
 * spliced between quotes as they are: none can hold a quote or a backslash. `data` is the stored
 * text as it is (canonical when the store wrote it; any other spelling misses). `prev` is the base64
 * leaf hash of the stream's previous event, or null. Positional arguments: the worker calls it for
 * every event, from rows read as arrays.
 */
export function spliceLeafText(position, stream, version, eventId, type, schemaVersion, data, metadata, occurred, recorded, prev, originJson, leafFormatVersion) {
  const actor = actorJson(metadata);
  const occurredAt = isoInstant(occurred);
  const recordedAt = isoInstant(recorded);
  if (actor === null || occurredAt === null || recordedAt === null) return null;
  const s = JSON.stringify;
  return (
    `\u0000{"actor":${actor},"data":${data},"eventId":"${eventId}"` +
    `,"occurredAt":"${occurredAt}","origin":${originJson},"position":"${position}"` +
    `,"prev":${prev === null ? 'null' : `"${prev}"`},"recordedAt":"${recordedAt}","schemaVersion":${schemaVersion}` +
    `,"streamId":${s(stream)},"streamVersion":"${version}","type":${s(type)},"v":${leafFormatVersion}}`
  );
}

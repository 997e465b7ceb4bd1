import { LEAF_FORMAT_VERSION } from '../leafEnvelope.js';
import { actorJson, isoInstant } from './leafSpelling.js';
import type { EventScanRow } from './ledgerScan.js';

/**
 * The leaf text of a scanned event, spliced from the stored columns (`eventLeafTextFast`'s layout,
 * keys in RFC 8785 order) with the 0x00 leaf prefix in front, ready for SHA-256
 * (`sha256Base64OfText` then gives the leaf hash); null when the metadata does not parse or an
 * instant is not spelled as `isoInstant` expects (leafSpelling.js). One
 * template literal, so the text is flattened once when hashed. Strings that may need escaping go
 * through JSON.stringify (RFC 8785 §3.2.2.2). The counters (decimal text), the event id (a uuid as
 * the database spells it) and the instants (respelled by `isoInstant`) are
 * spliced between quotes as they are: none can hold a quote or a backslash, so the text still has
 * exactly one spelling per event and matches the canonical leaf only when every value does; any
 * other spelling sends the leaf down the verifier's exact path. `prev` is the base64 leaf hash of
 * the stream's previous event, or null. verifyWorker.js splices the same text.
 */
export function eventLeafText(row: EventScanRow, prev: string | null, originJson: string): string | null {
  const actor = actorJson(row.metadata);
  const occurredAt = isoInstant(row.occurred_at);
  const recordedAt = isoInstant(row.recorded_at);
  if (actor === null || occurredAt === null || recordedAt === null) return null;
  const s = JSON.stringify;
  return (
    `\u0000{"actor":${actor},"data":${row.data},"eventId":"${row.event_id}"` +
    `,"occurredAt":"${occurredAt}","origin":${originJson},"position":"${row.global_position}"` +
    `,"prev":${prev === null ? 'null' : `"${prev}"`},"recordedAt":"${recordedAt}","schemaVersion":${row.schema_version}` +
    `,"streamId":${s(row.stream_id)},"streamVersion":"${row.stream_version}","type":${s(row.type)},"v":${LEAF_FORMAT_VERSION}}`
  );
}

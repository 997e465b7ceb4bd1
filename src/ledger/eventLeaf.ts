import type { StoredEvent } from '../store/EventStore.js';
import { encodeBase64 } from './encoding.js';
import type { Hash } from './hashes.js';
import { LEAF_FORMAT_VERSION, leafBytes, type LeafEnvelope } from './leafEnvelope.js';
import type { JsonValue } from './jcs.js';

/** The leaf envelope of a stored event (README "Ledger: leaf format"). */
export function eventLeafEnvelope(event: StoredEvent, origin: string, prev: Hash | null): LeafEnvelope {
  return {
    v: LEAF_FORMAT_VERSION,
    origin,
    position: event.globalPosition.toString(),
    streamId: event.streamId,
    streamVersion: event.streamVersion.toString(),
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt: event.recordedAt.toISOString(),
    actor: event.metadata.actor ?? null,
    data: JSON.parse(event.rawData) as JsonValue,
    prev: prev ? encodeBase64(prev) : null,
  };
}

/** The leaf bytes of a stored event: RFC 8785 of its envelope. */
export function eventLeafBytes(event: StoredEvent, origin: string, prev: Hash | null): Uint8Array {
  return leafBytes(eventLeafEnvelope(event, origin, prev));
}

const encoder = new TextEncoder();

/**
 * The same bytes, spliced as text around the stored data, for the verifier's hot loop. Only valid
 * when the stored data is already canonical (the store writes RFC 8785, see runtime.ts); a caller
 * that finds a mismatch must fall back to `eventLeafBytes` before calling it tampered. Keys are in
 * RFC 8785 order (UTF-16 code units), strings escaped as JSON.stringify does (RFC 8785 §3.2.2.2).
 */
export function eventLeafBytesFast(event: StoredEvent, origin: string, prev: Hash | null): Uint8Array {
  const s = JSON.stringify;
  const text =
    `{"actor":${event.metadata.actor == null ? 'null' : s(event.metadata.actor)}` +
    `,"data":${event.rawData}` +
    `,"eventId":${s(event.eventId)}` +
    `,"occurredAt":${s(event.occurredAt.toISOString())}` +
    `,"origin":${s(origin)}` +
    `,"position":"${event.globalPosition}"` +
    `,"prev":${prev ? `"${encodeBase64(prev)}"` : 'null'}` +
    `,"recordedAt":${s(event.recordedAt.toISOString())}` +
    `,"schemaVersion":${event.schemaVersion}` +
    `,"streamId":${s(event.streamId)}` +
    `,"streamVersion":"${event.streamVersion}"` +
    `,"type":${s(event.type)}` +
    `,"v":${LEAF_FORMAT_VERSION}}`;
  return encoder.encode(text);
}

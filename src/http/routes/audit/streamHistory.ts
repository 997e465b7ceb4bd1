import { encodeBase64 } from '../../../ledger/encoding.js';
import type { LedgerReader } from '../../../ledger/postgres/LedgerReader.js';
import type { EventStore } from '../../../store/EventStore.js';

export interface HistoryEntry {
  position: string;
  version: string;
  eventId: string;
  type: string;
  schemaVersion: number;
  recordedAt: string;
  occurredAt: string;
  actor: string | null;
  role: string | null;
  requestId: string | null;
  correlationId: string | null;
  causationId: string | null;
  /** As stored (the exact serialized text the ledger hashed is behind `leafHash`). */
  data: unknown;
  /** Base64 RFC 9162 leaf hash once the sealer has sealed the position, else null. */
  leafHash: string | null;
}

/** A page of a stream's stored history, as recorded, with each sealed event's leaf hash. */
export async function streamHistory(store: EventStore, reader: LedgerReader, streamId: string, fromVersion: bigint, limit: number): Promise<HistoryEntry[]> {
  const events = await store.readStream(streamId, { fromVersion, limit });
  return Promise.all(events.map(async (e) => {
    const leaf = await reader.leafAt(e.globalPosition);
    return {
      position: e.globalPosition.toString(), version: e.streamVersion.toString(), eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion,
      recordedAt: e.recordedAt.toISOString(), occurredAt: e.occurredAt.toISOString(),
      actor: e.metadata.actor, role: e.metadata.role, requestId: e.metadata.requestId, correlationId: e.metadata.correlationId, causationId: e.metadata.causationId,
      data: e.data, leafHash: leaf === undefined ? null : encodeBase64(leaf.leafHash),
    };
  }));
}

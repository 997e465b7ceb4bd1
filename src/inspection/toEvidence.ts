import { decodeEvent } from '#events/registry.js';
import type { StoredEvent } from '../store/EventStore.js';
import type { EvidenceEvent } from './Evidence.js';

/** A stored event as inspection evidence: decoded (and upcast) by the event registry. */
export function toEvidence(stored: StoredEvent): EvidenceEvent {
  return {
    position: stored.globalPosition.toString(),
    streamId: stored.streamId,
    recordedAt: stored.recordedAt.toISOString(),
    occurredAt: stored.occurredAt.toISOString(),
    actor: stored.metadata.actor,
    event: decodeEvent(stored.type, stored.schemaVersion, stored.data),
  };
}

import type { EventStore, NewEvent } from '../../../src/store/EventStore.js';
import type { Contender } from './runner.js';
import type { BenchEvent } from './workload.js';

/** diaban's `appendToStream`, one call per append, with the exact expected version. */
export function diabanContender(store: EventStore, close: () => Promise<void>): Contender {
  return {
    async appendOne(target, event) {
      await store.appendToStream(target.streamId, [toNewEvent(event)], { expectedVersion: target.expectedVersion });
    },
    async appendBatch(streamId, events) {
      await store.appendToStream(streamId, events.map(toNewEvent), { expectedVersion: 'no_stream' });
    },
    close,
  };
}

function toNewEvent(e: BenchEvent): NewEvent {
  return { eventId: e.eventId, type: e.type, schemaVersion: 1, data: e.data, metadata: e.metadata, occurredAt: e.occurredAt };
}

import { decodeEvent, type DomainEvent } from '#events/registry.js';
import type { EventStore } from '../store/EventStore.js';

const PAGE = 1000;

/**
 * Folds a stream's events into its state. Events are decoded through the registry, so old schema
 * versions are upcast before `evolve` sees them. Returns the version the state reflects.
 */
export async function loadStream<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  initialState: () => State,
  evolve: (state: State, event: Event) => State,
): Promise<{ state: State; version: bigint }> {
  let state = initialState();
  let version = 0n;
  for (;;) {
    const page = await store.readStream(streamId, { fromVersion: version + 1n, limit: PAGE });
    for (const stored of page) {
      // The registry validated type and data: the cast only narrows the union to this stream's.
      state = evolve(state, decodeEvent(stored.type, stored.schemaVersion, stored.data) as Event);
      version = stored.streamVersion;
    }
    if (page.length < PAGE) return { state, version };
  }
}

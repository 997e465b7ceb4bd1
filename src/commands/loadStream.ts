import { decodeEvent, type DomainEvent } from '#events/registry.js';
import type { EventStore } from '../store/EventStore.js';

const PAGE = 1000;

/**
 * Folds a stream's events into its state. Events are decoded through the registry, so old schema
 * versions are upcast before `evolve` sees them. Returns the version the state reflects. With
 * `evolveAll` (Decider.evolveAll) each page is folded in one call.
 */
export async function loadStream<State, Event extends DomainEvent>(
  store: EventStore,
  streamId: string,
  initialState: () => State,
  evolve: (state: State, event: Event) => State,
  evolveAll?: (state: State, events: readonly Event[]) => State,
): Promise<{ state: State; version: bigint }> {
  let state = initialState();
  let version = 0n;
  for (;;) {
    const page = await store.readStream(streamId, { fromVersion: version + 1n, limit: PAGE });
    // The registry validated type and data: the cast only narrows the union to this stream's.
    const events = page.map((stored) => decodeEvent(stored.type, stored.schemaVersion, stored.data) as Event);
    state = evolveAll ? evolveAll(state, events) : events.reduce(evolve, state);
    version = page.at(-1)?.streamVersion ?? version;
    if (page.length < PAGE) return { state, version };
  }
}
